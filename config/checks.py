"""`manage.py check --deploy` warnings for the one setting that says how many proxies stand in
front of the site (ALLAUTH_TRUSTED_PROXY_COUNT): see deploy/README.md."""

import ipaddress

from django.conf import settings
from django.core.checks import Tags, Warning, register

from . import gunicorn

LOOPBACK_NAMES = {"localhost"}


def reachable_by_clients(bind: str) -> bool:
    """Whether gunicorn's bind address can be reached from other machines: anything but a
    unix socket or a loopback address."""
    if bind.startswith(("unix:", "fd://")):
        return False
    host = bind.rsplit(":", 1)[0] if ":" in bind else bind
    host = host.strip("[]")
    if host in LOOPBACK_NAMES:
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return True


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
    if trusted_proxies > 0 and reachable_by_clients(gunicorn.bind):
        warnings.append(
            Warning(
                f"ALLAUTH_TRUSTED_PROXY_COUNT trusts a proxy, but gunicorn listens on "
                f"{gunicorn.bind}, where a client can reach it directly and choose its own "
                "address with X-Forwarded-For (and so reset every per-network cap).",
                hint="Bind gunicorn where only the proxy reaches it: GUNICORN_BIND="
                "unix:/run/codeatlas/gunicorn.sock, or 127.0.0.1:8000 with nginx on the same "
                "machine (deploy/README.md).",
                id="codeatlas.W002",
            )
        )
    return warnings
