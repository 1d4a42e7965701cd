"""Questions per minute, per asker and per network: a counter in Django's cache per window.

The network is the meter's (accounts/network.py): the client address behind trusted
proxies, an IPv6 address by its /64, named by a daily-salted HMAC, never stored raw.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from accounts.network import network_key

WINDOW_SECONDS = 60


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
    network = network_key(request, timezone.now().date())
    asked = _count(f"casepilot:asker:{asker_of(request)}:{window}")
    from_network = _count(f"casepilot:network:{network}:{window}")
    return (
        asked <= settings.ASSISTANT_QUESTIONS_PER_MINUTE
        and from_network <= settings.ASSISTANT_NETWORK_QUESTIONS_PER_MINUTE
    )
