"""`manage.py check --deploy` warnings for what production needs beyond Django's own checks:
the proxies in front of the site (ALLAUTH_TRUSTED_PROXY_COUNT) and gunicorn's socket, and the
shared cache (REDIS_URL), and the address links give (SITE_URL). See deploy/README.md."""

from ipaddress import ip_address
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

from . import gunicorn


def reachable_by_others(bind: str) -> bool:
    """Whether anything but the proxy may connect to gunicorn's bind address: any TCP address,
    loopback included (every local user reaches it), as against a unix socket, which only
    its owner and group may open."""
    return not bind.startswith(("unix:", "fd://"))


@register(Tags.security, deploy=True)
def check_trusted_proxies(app_configs, **kwargs) -> list[Warning]:
    warnings = []
    trusted_proxies = settings.ALLAUTH_TRUSTED_PROXY_COUNT
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and trusted_proxies == 0:
        warnings.append(
            Warning(
                "SECURE_PROXY_SSL_HEADER says a proxy stands in front of the site, but "
                "ALLAUTH_TRUSTED_PROXY_COUNT is 0: every visitor then has the proxy's address "
                "and all share one network's guest views, signups and rate limits.",
                hint="Set ALLAUTH_TRUSTED_PROXY_COUNT to the number of proxies that add to "
                "X-Forwarded-For (1 for nginx alone).",
                id="codeatlas.W001",
            )
        )
    if trusted_proxies > 0 and reachable_by_others(gunicorn.bind):
        warnings.append(
            Warning(
                f"ALLAUTH_TRUSTED_PROXY_COUNT trusts a proxy, but gunicorn listens on "
                f"{gunicorn.bind}, where a client (or any user of this machine) can reach it "
                "directly and choose its own address with X-Forwarded-For, and so reset every "
                "per-network cap.",
                hint="Bind gunicorn to a unix socket only nginx may open: GUNICORN_BIND="
                "unix:/run/codeatlas/gunicorn.sock (deploy/README.md).",
                id="codeatlas.W002",
            )
        )
    return warnings


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs) -> list[Warning]:
    if settings.REDIS_URL:
        return []
    return [
        Warning(
            "REDIS_URL is not set: each gunicorn worker keeps its own cache, so rate limits "
            "(CasePilot's, CareerCenter's, allauth's) count per worker, and an editor's change "
            "(a section newly gated included) reaches the other workers' cached pages only "
            "when they expire, after CODE_PAGE_CACHE_SECONDS.",
            hint="Set REDIS_URL to a Redis every worker shares (redis://127.0.0.1:6379/0).",
            id="codeatlas.W003",
        )
    ]


def names_this_machine(url: str) -> bool:
    """Whether a URL's host is this machine (localhost or a loopback address)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


@register(Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs) -> list[Warning]:
    if not names_this_machine(settings.SITE_URL):
        return []
    return [
        Warning(
            f"SITE_URL is {settings.SITE_URL}, this machine: every link in emails, feeds, "
            "sitemaps and canonical links leads readers nowhere.",
            hint="Set SITE_URL to the site's public address (https://codeatlas.example.org).",
            id="codeatlas.W004",
        )
    ]
