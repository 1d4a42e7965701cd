"""Questions per minute, per asker and per network, over a sliding window in Django's cache.

Each question is counted in the bucket of the second it was asked; one is answered while the
buckets of the last WINDOW_SECONDS hold no more than the limit, so no burst across a
minute's boundary gets twice the limit through. The network is the meter's
(accounts/network.py): the client address behind trusted proxies, an IPv6 address by its
/64, named by a daily-salted HMAC, never stored raw.
"""

import contextlib
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


def bucket_key(counter: str, second: int) -> str:
    return f"casepilot:{counter}:{second}"


def count_in_window(counter: str, second: int) -> int:
    """Add one to `counter`'s bucket for `second`; the questions of the window ending then."""
    key = bucket_key(counter, second)
    # A bucket must outlive the window it belongs to; it is never read after that.
    cache.add(key, 0, timeout=WINDOW_SECONDS + 1)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS + 1)
    window = [bucket_key(counter, each) for each in range(second - WINDOW_SECONDS + 1, second + 1)]
    return sum(cache.get_many(window).values())


def uncount(counter: str, second: int) -> None:
    """Give back a count taken by `count_in_window` for a question that was refused."""
    with contextlib.suppress(ValueError):  # the bucket expired: nothing left to give back
        cache.decr(bucket_key(counter, second))


def take_question(request: HttpRequest) -> bool:
    """Count one question; False when the asker or their network already asked their limit
    within the last minute. A refused question is not counted, so waiting is enough."""
    second = int(time.time())
    limits = {
        f"asker:{asker_of(request)}": settings.ASSISTANT_QUESTIONS_PER_MINUTE,
        f"network:{network_key(request, timezone.now().date())}": (
            settings.ASSISTANT_NETWORK_QUESTIONS_PER_MINUTE
        ),
    }
    counts = {counter: count_in_window(counter, second) for counter in limits}
    if all(counts[counter] <= limit for counter, limit in limits.items()):
        return True
    for counter in limits:
        uncount(counter, second)
    return False
