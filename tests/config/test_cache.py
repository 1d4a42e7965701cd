"""The Redis cache backend (django-redis) against a real Redis started for the test: it
stores and forgets values as Django's does, with one client object however many calls."""

import uuid

import pytest
from django_redis.cache import RedisCache

pytestmark = pytest.mark.server


def test_the_redis_cache_stores_and_forgets_with_one_client(redis_url):
    cache = RedisCache(redis_url, {})
    key = f"test-{uuid.uuid4().hex}"

    cache.set(key, {"unlocked": [1, 2]}, timeout=30)
    stored = cache.get(key)
    cache.delete(key)

    assert stored == {"unlocked": [1, 2]} and cache.get(key) is None
    assert cache.client.get_client(write=False) is cache.client.get_client(write=True)


def test_the_redis_cache_counts_as_the_rate_limiter_expects(redis_url):
    cache = RedisCache(redis_url, {})
    key = f"test-{uuid.uuid4().hex}"

    with pytest.raises(ValueError):
        cache.incr(key)  # core/ratelimit.py relies on this for an expired bucket
    cache.add(key, 0, timeout=30)
    cache.incr(key)
    cache.incr(key)

    assert cache.get_many([key]) == {key: 2}
