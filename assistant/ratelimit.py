"""Questions per minute, per asker and per network: a counter in Django's cache per window.

The network is named by an HMAC of the client address (an IPv6 address by its /64), so raw
addresses are never stored, not even in the cache.
"""

import hashlib
import hmac
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 60


def network_of(address: str) -> str:
    """An IPv4 address itself, an IPv6 address's /64 (one household or host), else "unknown"."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    if parsed.version == 6 and parsed.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(getattr(parsed, "ipv4_mapped", None) or parsed)


def network_hash(request: HttpRequest) -> str:
    network = network_of(request.META.get("REMOTE_ADDR", ""))
    return hmac.new(
        settings.SECRET_KEY.encode(), f"casepilot.network:{network}".encode(), hashlib.sha256
    ).hexdigest()


def asker_of(request: HttpRequest) -> str:
    """The account, else the session (started here if the visitor has none yet)."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    if not request.session.session_key:
        request.session.save()
    return f"session:{request.session.session_key}"


def _count(key: str) -> int:
    cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS * 2)
        return 1


def take_question(request: HttpRequest) -> bool:
    """Count one question; False when the asker or their network is over its minute's limit."""
    window = int(time.time() // WINDOW_SECONDS)
    asker = _count(f"casepilot:asker:{asker_of(request)}:{window}")
    network = _count(f"casepilot:network:{network_hash(request)}:{window}")
    return (
        asker <= settings.ASSISTANT_QUESTIONS_PER_MINUTE
        and network <= settings.ASSISTANT_NETWORK_QUESTIONS_PER_MINUTE
    )
