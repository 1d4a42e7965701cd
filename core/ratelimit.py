"""Uses per window, per counter, over a sliding window in Django's cache: the site's one
limiter (CasePilot's questions per minute, CareerCenter's job posts per hour...).

Each use is counted in the bucket of the moment it happened (a window is BUCKETS_PER_WINDOW
buckets: one second each for a minute); one is allowed while the buckets of the last window
hold no more than the limit, so no burst across a window's boundary gets twice the limit
through.
"""

import contextlib
import time

from django.core.cache import cache

WINDOW_SECONDS = 60
BUCKETS_PER_WINDOW = 60


def bucket_key(counter: str, bucket: int) -> str:
    return f"{counter}:{bucket}"


def count_in_window(counter: str, bucket: int, bucket_seconds: int) -> int:
    """Add one to `counter`'s `bucket`; the uses of the window ending with it."""
    key = bucket_key(counter, bucket)
    # A bucket must outlive the window it belongs to; it is never read after that.
    timeout = bucket_seconds * BUCKETS_PER_WINDOW + 1
    cache.add(key, 0, timeout=timeout)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
    window = [
        bucket_key(counter, each) for each in range(bucket - BUCKETS_PER_WINDOW + 1, bucket + 1)
    ]
    return sum(cache.get_many(window).values())


def uncount(counter: str, bucket: int) -> None:
    """Give back a count taken by `count_in_window` for a use that was refused."""
    with contextlib.suppress(ValueError):  # the bucket expired: nothing left to give back
        cache.decr(bucket_key(counter, bucket))


def take(limits: dict[str, int], window_seconds: int = WINDOW_SECONDS) -> bool:
    """Count one use on each counter of `limits` (counter name: limit); False when any of
    them already reached its limit within the last `window_seconds`. A refused use is not
    counted, so waiting is enough."""
    bucket_seconds = max(1, window_seconds // BUCKETS_PER_WINDOW)
    bucket = int(time.time()) // bucket_seconds
    counts = {counter: count_in_window(counter, bucket, bucket_seconds) for counter in limits}
    if all(counts[counter] <= limit for counter, limit in limits.items()):
        return True
    for counter in limits:
        uncount(counter, bucket)
    return False
