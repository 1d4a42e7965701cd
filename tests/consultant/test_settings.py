from tests.config.test_settings import run_manage

PRINT_CONSULTANT_SETTINGS = (
    "from django.conf import settings as s; "
    "print(s.CONSULTANT_ADDRESS, s.CONSULTANT_FREE_THREADS_PER_MONTH,"
    " s.CONSULTANT_PREMIUM_THREADS_PER_MONTH, s.CONSULTANT_TARGET_HOURS,"
    " s.CONSULTANT_BUSINESS_HOURS, s.CONSULTANT_TIME_ZONE, s.CONSULTANT_MAX_QUESTION_CHARACTERS,"
    " s.CONSULTANT_MAX_INBOUND_BYTES, s.EMAIL_SEND_ATTEMPTS,"
    " s.EMAIL_SEND_RETRY_SECONDS, s.SITE_URL, sorted(s.ANYMAIL))"
)


def test_every_consultant_setting_comes_from_the_environment_of_the_same_name():
    result = run_manage(
        "shell", "-c", PRINT_CONSULTANT_SETTINGS, DEBUG="1",
        CONSULTANT_ADDRESS="ask@example.org", CONSULTANT_FREE_THREADS_PER_MONTH="2",
        CONSULTANT_PREMIUM_THREADS_PER_MONTH="50", CONSULTANT_TARGET_HOURS="4",
        CONSULTANT_BUSINESS_HOURS="8-18", CONSULTANT_TIME_ZONE="America/Chicago",
        CONSULTANT_MAX_QUESTION_CHARACTERS="900", CONSULTANT_MAX_INBOUND_BYTES="2000000",
        EMAIL_SEND_ATTEMPTS="7", EMAIL_SEND_RETRY_SECONDS="30",
        SITE_URL="https://codeatlas.example.org/", ANYMAIL_WEBHOOK_SECRET="a:b",
        MAILGUN_WEBHOOK_SIGNING_KEY="key",
    )  # fmt: skip

    assert result.stdout.strip().endswith(
        "ask@example.org 2 50 4 8-18 America/Chicago 900 2000000 7 30 "
        "https://codeatlas.example.org ['MAILGUN_WEBHOOK_SIGNING_KEY', 'WEBHOOK_SECRET']"
    ), result.stderr


def test_a_provider_key_chooses_its_sending_backend():
    printing = "from django.conf import settings; print(settings.EMAIL_BACKEND)"

    postmark = run_manage("shell", "-c", printing, DEBUG="1", POSTMARK_SERVER_TOKEN="token")
    mailgun = run_manage("shell", "-c", printing, DEBUG="1", MAILGUN_API_KEY="key")
    neither = run_manage("shell", "-c", printing, DEBUG="1")

    assert postmark.stdout.strip().endswith("anymail.backends.postmark.EmailBackend")
    assert mailgun.stdout.strip().endswith("anymail.backends.mailgun.EmailBackend")
    assert neither.stdout.strip().endswith("django.core.mail.backends.console.EmailBackend")
