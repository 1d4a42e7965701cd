"""Uses per key per window (CasePilot's questions, CareerCenter's job posts): a counter in
Django's cache per window.

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


def take(key: str, limit: int, window_seconds: int = WINDOW_SECONDS) -> bool:
    """Count one use of `key` in the current window; False once it is over `limit` there."""
    window = int(time.time() // window_seconds)
    window_key = f"{key}:{window}"
    cache.add(window_key, 0, timeout=window_seconds * 2)
    try:
        used = cache.incr(window_key)
    except ValueError:  # expired between add and incr
        cache.set(window_key, 1, timeout=window_seconds * 2)
        used = 1
    return used <= limit


def take_question(request: HttpRequest) -> bool:
    """Count one question; False when the asker or their network is over its minute's limit."""
    network = network_key(request, timezone.now().date())
    asker_allowed = take(
        f"casepilot:asker:{asker_of(request)}", settings.ASSISTANT_QUESTIONS_PER_MINUTE
    )
    network_allowed = take(
        f"casepilot:network:{network}", settings.ASSISTANT_NETWORK_QUESTIONS_PER_MINUTE
    )
    return asker_allowed and network_allowed
