"""CodeAtlas settings: every value an operator tunes comes from the environment."""

import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    """Read an integer environment variable."""
    value = os.environ.get(name)
    return default if value is None or value == "" else int(value)


def env_list(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated environment variable."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# --- Core -------------------------------------------------------------------------------------

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set the SECRET_KEY environment variable (required when DEBUG is off)."
        )
    SECRET_KEY = "development-only-secret-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Shown in the header, page titles and emails.
SITE_NAME = os.environ.get("SITE_NAME", "CodeAtlas")
# The Sites framework's one site, named from SITE_NAME and SITE_URL at every migrate
# (accounts/receivers.py): allauth's emails name the site from it.
SITE_ID = 1

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "config",
    "core",
    "accounts",
    "lookup",
    "pages",
    "fees",
    "assistant",
    "anymail",
    "consultant",
    "careers",
    "grouping",
    "payers",
    "checker",
]

MIDDLEWARE = [
    "config.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above the session middleware, so that it sees the Vary: Cookie added there.
    "config.middleware.PrivateWhenPersonalMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "pages.context_processors.catalogue_loading",
                "accounts.context_processors.meter",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------

# DATABASE_URL selects the database: SQLite by default, PostgreSQL in production
# (postgres://user:password@host:5432/name).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock up front, so concurrent writers queue
    # instead of failing half-way; WAL lets readers proceed meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests use a file too, not shared-cache memory, so that threads wait for the write lock
    # as production processes do (the meter's race tests) instead of failing at once.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "db.sqlite3.test")}
else:
    # Django's backend with a health check that needs no round trip while the connection
    # is idle and the server has said nothing (core/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "core.postgresql"
    # A full scan of a table larger than a quarter of the shared buffers (lookup_code with the
    # full ICD-10-CM) otherwise starts where the last one stopped: search ranks the first
    # matches of a common word in table order, which changed from one search to the next.
    postgresql_options = DATABASES["default"].setdefault("OPTIONS", {})
    postgresql_options["options"] = (
        f"{postgresql_options.get('options', '')} -c synchronize_seqscans=off".strip()
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -----------------------------------------------------------------------------------

# Shared by every gunicorn process and machine when REDIS_URL is set (redis://host:6379/0).
# Without Redis, the processes of one machine share a cache in files under CACHE_DIRECTORY:
# `make run` sets it, so that its web server sees at once what the task worker's background
# load changes. With neither, each process keeps its own local-memory cache (the tests).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_DIRECTORY = os.environ.get("CACHE_DIRECTORY", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}}
elif CACHE_DIRECTORY:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": CACHE_DIRECTORY,
            # Past this many files a third, chosen at random, go; each write lists the
            # directory, which a few thousand files keep cheap.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions live in the database; with a shared cache they are read from it first (a code
# page reads the session with its reader in one round trip: accounts/sessions.py). A
# per-process cache could keep a logged-out session alive in another process, so only Redis.
SESSION_ENGINE = "accounts.sessions" if REDIS_URL else "django.contrib.sessions.backends.db"

# --- Background work -------------------------------------------------------------------------

# Work that must not hold up a request (sending email, drafting answers, digests) is queued in
# the database and run by `manage.py db_worker`, so no new service is needed; `make run` and
# `make serve` start a worker beside the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Accounts ---------------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
# allauth's email login (it also serves the admin's login), see accounts/backends.py.
AUTHENTICATION_BACKENDS = ["accounts.backends.AccountBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# "mandatory" (default), "optional" or "none".
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_LOGOUT_ON_GET = False
# Verifying the address in the browser that signed up logs the new account in.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# allauth's forms with our checks and in our words (accounts/forms.py).
ACCOUNT_FORMS = {
    "signup": "accounts.forms.SignupForm",
    "add_email": "accounts.forms.AddEmailForm",
    "login": "accounts.forms.LoginForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "set_password": "accounts.forms.SetPasswordForm",
}
# Attempts per client address ("ip"), account ("user") or email ("key"); allauth's format.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/h/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    "confirm_email": "1/3m/key",
}
# X-Forwarded-For hops added by proxies we trust (0: use REMOTE_ADDR). Used for rate limits
# and the per-network meter caps alike.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("ALLAUTH_TRUSTED_PROXY_COUNT", 0)

# --- Email ------------------------------------------------------------------------------------

# Sending goes through a provider's API when its key is set (Postmark, else Mailgun), else
# SMTP; with DEBUG, mail is printed to the console. EMAIL_BACKEND overrides the choice.
POSTMARK_SERVER_TOKEN = os.environ.get("POSTMARK_SERVER_TOKEN", "")
MAILGUN_API_KEY = os.environ.get("MAILGUN_API_KEY", "")
if POSTMARK_SERVER_TOKEN:
    _DEFAULT_EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
elif MAILGUN_API_KEY:
    _DEFAULT_EMAIL_BACKEND = "anymail.backends.mailgun.EmailBackend"
elif DEBUG:
    _DEFAULT_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    _DEFAULT_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", _DEFAULT_EMAIL_BACKEND)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "CodeAtlas <noreply@localhost>")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# The outbox (core/outbox.py) sends every email. Attempts to send one before it is marked
# failed (visible in the admin); CONSULTANT_EMAIL_ATTEMPTS is its former name.
EMAIL_SEND_ATTEMPTS = env_int("EMAIL_SEND_ATTEMPTS", env_int("CONSULTANT_EMAIL_ATTEMPTS", 5))
# Wait before the first retry of a failed send; each further retry waits four times longer.
# CONSULTANT_EMAIL_RETRY_SECONDS is its former name.
EMAIL_SEND_RETRY_SECONDS = env_int(
    "EMAIL_SEND_RETRY_SECONDS", env_int("CONSULTANT_EMAIL_RETRY_SECONDS", 60)
)
# How long a sender holds an email it is sending: past it, the sender is taken to have died
# and the email is sent again (by the next send task, or `manage.py resume_stalled_emails`).
EMAIL_SEND_LEASE_SECONDS = env_int("EMAIL_SEND_LEASE_SECONDS", 600)
# Seconds an SMTP connection waits for the server (Django waits forever by default), so that
# a send ends well within its lease and is never sent twice. Providers' APIs wait 30 s.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 60)
# django-anymail: provider keys for sending, and the inbound webhooks' authentication
# (Postmark: HTTP basic auth "user:password" in the webhook URL; Mailgun: its signing key).
# A webhook whose authentication is not configured answers 404 (consultant/webhooks.py).
ANYMAIL = {
    name: value
    for name, value in {
        "POSTMARK_SERVER_TOKEN": POSTMARK_SERVER_TOKEN,
        "MAILGUN_API_KEY": MAILGUN_API_KEY,
        "MAILGUN_SENDER_DOMAIN": os.environ.get("MAILGUN_SENDER_DOMAIN", ""),
        "WEBHOOK_SECRET": os.environ.get("ANYMAIL_WEBHOOK_SECRET", ""),
        "MAILGUN_WEBHOOK_SIGNING_KEY": os.environ.get("MAILGUN_WEBHOOK_SIGNING_KEY", ""),
    }.items()
    if value
}
# The port `make run` serves on: in development, links follow it unless SITE_URL is set.
RUN_PORT = env_int("PORT", 8000)
# The site's address as emails, feeds and canonical links give it (no trailing slash);
# production sets it (`check --deploy` warns when it names this machine).
SITE_URL = (os.environ.get("SITE_URL") or f"http://127.0.0.1:{RUN_PORT}").rstrip("/")

# --- Metering (see README, "Metering") --------------------------------------------------------

# Code pages a guest may open.
METER_GUEST_VIEWS = env_int("METER_GUEST_VIEWS", 1)
# Further code pages a free account may open once its email address is verified.
METER_FREE_VIEWS = env_int("METER_FREE_VIEWS", 5)
# "lifetime" (allowances never renew) or "month" (they renew on the 1st, SITE_TIME_ZONE).
METER_PERIOD = os.environ.get("METER_PERIOD", "lifetime")
if METER_PERIOD not in {"lifetime", "month"}:
    raise ImproperlyConfigured('METER_PERIOD must be "lifetime" or "month".')
# Guest unlocks per network (IPv4 address or IPv6 /64) per day (SITE_TIME_ZONE), whatever the
# cookies say.
METER_GUEST_DAILY_PER_IP = env_int("METER_GUEST_DAILY_PER_IP", 3)
# Accounts that may be created per network per day (SITE_TIME_ZONE).
METER_SIGNUPS_DAILY_PER_IP = env_int("METER_SIGNUPS_DAILY_PER_IP", 3)
# Days of per-network counts kept before `manage.py purge_network_counts` deletes them.
METER_NETWORK_RETENTION_DAYS = env_int("METER_NETWORK_RETENTION_DAYS", 1)
# Lifetime of the signed cookie that names a guest visitor across sessions and logouts.
METER_VISITOR_COOKIE_DAYS = env_int("METER_VISITOR_COOKIE_DAYS", 730)
# Keep each signed-in reader's account and each reader's unlocked codes in the cache, so that
# re-reading a code asks the database nothing. Only where every process shares the cache
# (Redis): a per-process cache would keep a code unlocked, or a plan granted, in one process
# after staff changed it in another.
CACHE_READERS = env_bool("CACHE_READERS", bool(REDIS_URL))

# --- Bulk checker (see README, "Bulk checker") ------------------------------------------------

# Rows a free account may check a day (SITE_TIME_ZONE) with /tools/check/ (staff and Premium:
# no limit).
CHECKER_DAILY_ROWS = env_int("CHECKER_DAILY_ROWS", 200)

# --- Internationalisation ---------------------------------------------------------------------

LANGUAGE_CODE = "en-us"
# Stored and logged times are UTC; days a reader is told about are the site's (below).
TIME_ZONE = "UTC"
# The time zone of every day a reader is told about (core/days.py): daily limits reset at its
# midnight, monthly allowances on its 1st, and a job is listed through its closing day there.
SITE_TIME_ZONE = os.environ.get("SITE_TIME_ZONE", "America/New_York")
try:
    ZoneInfo(SITE_TIME_ZONE)
except (ValueError, ZoneInfoNotFoundError):
    raise ImproperlyConfigured(f"SITE_TIME_ZONE {SITE_TIME_ZONE!r} is not a time zone.") from None
# How pages name that time zone: "the count starts again at midnight Eastern time".
SITE_TIME_ZONE_NAME = os.environ.get("SITE_TIME_ZONE_NAME", "Eastern time")
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------------

STATIC_URL = "static/"
# Where collectstatic gathers the hashed, compressed files that whitenoise serves.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Lets the test client and runserver find files that collectstatic has not gathered yet.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG)

# --- Security (defaults are the production ones; DEBUG relaxes the HTTPS-only parts) ----------

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Scripts and styles come from our own static files only: no inline script anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Set to "HTTP_X_FORWARDED_PROTO,https" behind a TLS-terminating proxy that sets that header.
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = tuple(os.environ["SECURE_PROXY_SSL_HEADER"].split(",", 1))

# --- Logging ----------------------------------------------------------------------------------

# One line per request on stdout (config/request_log.py); no addresses or emails in it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "requests": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"},
    },
    "loggers": {
        "codeatlas.requests": {"handlers": ["requests"], "level": "INFO", "propagate": False},
        # Django's own per-request lines would repeat ours (and carry raw paths of errors).
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # The patient-identifier screen's library says at INFO which recognisers it runs, on
        # every question.
        "presidio-analyzer": {"level": "WARNING"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# --- Catalogue --------------------------------------------------------------------------------

# Seconds a code page's catalogue part stays cached; edits and imports renew it at once.
CODE_PAGE_CACHE_SECONDS = env_int("CODE_PAGE_CACHE_SECONDS", 3600)
# Codes per page on the browse pages (/codes/<system>/).
BROWSE_PAGE_SIZE = env_int("BROWSE_PAGE_SIZE", 100)

# --- CasePilot (the assistant) ----------------------------------------------------------------

# Questions one asker (account or session) may ask within any 60 seconds.
ASSISTANT_QUESTIONS_PER_MINUTE = env_int("ASSISTANT_QUESTIONS_PER_MINUTE", 10)
# Questions one network (hashed client address) may ask within any 60 seconds, whoever asks.
ASSISTANT_NETWORK_QUESTIONS_PER_MINUTE = env_int("ASSISTANT_NETWORK_QUESTIONS_PER_MINUTE", 60)

# --- CaseConsultant (email coding consultant, see README) -----------------------------------

# The address coders write to; answers come from it, replies go to its +thread variant.
CONSULTANT_ADDRESS = os.environ.get("CONSULTANT_ADDRESS", "consultant@localhost")
# Threads a free account may open per calendar month (SITE_TIME_ZONE); replies are free.
CONSULTANT_FREE_THREADS_PER_MONTH = env_int("CONSULTANT_FREE_THREADS_PER_MONTH", 3)
# Threads a Premium account may open per month (staff are not limited).
CONSULTANT_PREMIUM_THREADS_PER_MONTH = env_int("CONSULTANT_PREMIUM_THREADS_PER_MONTH", 30)
# Business hours within which a consultant answers a waiting question.
CONSULTANT_TARGET_HOURS = env_int("CONSULTANT_TARGET_HOURS", 8)
# Consultants' working hours, Monday to Friday, as "start-end" in whole hours.
CONSULTANT_BUSINESS_HOURS = os.environ.get("CONSULTANT_BUSINESS_HOURS", "9-17")
# The time zone of those hours, and of the times the emails promise.
CONSULTANT_TIME_ZONE = os.environ.get("CONSULTANT_TIME_ZONE", "America/New_York")
# Longest question accepted, in characters, after quoted replies and signatures are cut.
CONSULTANT_MAX_QUESTION_CHARACTERS = env_int("CONSULTANT_MAX_QUESTION_CHARACTERS", 3000)
# Largest inbound webhook post accepted, attachments included (larger: 413, nothing stored).
CONSULTANT_MAX_INBOUND_BYTES = env_int("CONSULTANT_MAX_INBOUND_BYTES", 10_000_000)
# Automatic replies (refusals, requests to confirm a held email) one address gets per day.
CONSULTANT_DAILY_REPLIES_PER_ADDRESS = env_int("CONSULTANT_DAILY_REPLIES_PER_ADDRESS", 5)
# Days a member has to confirm an email held for failing SPF/DKIM/DMARC.
CONSULTANT_HOLD_DAYS = env_int("CONSULTANT_HOLD_DAYS", 3)
# How far, in seconds, a Mailgun signature's timestamp may be from now (older: refused).
CONSULTANT_MAILGUN_TIMESTAMP_SECONDS = env_int("CONSULTANT_MAILGUN_TIMESTAMP_SECONDS", 300)

# --- CareerCenter (the job board) -------------------------------------------------------------

# Days a job runs from posting (or renewal): its latest allowed closing date.
CAREERS_JOB_DAYS = env_int("CAREERS_JOB_DAYS", 30)
# Jobs per page on /careers/.
CAREERS_PAGE_SIZE = env_int("CAREERS_PAGE_SIZE", 20)
# Job posts and edits one account may save per hour.
CAREERS_JOB_CHANGES_PER_HOUR = env_int("CAREERS_JOB_CHANGES_PER_HOUR", 20)
# Job posts and edits per hour from one network (hashed client address), whoever saves them.
CAREERS_NETWORK_JOB_CHANGES_PER_HOUR = env_int("CAREERS_NETWORK_JOB_CHANGES_PER_HOUR", 60)
