"""The Redis cache backend (config/cache.py) against a real Redis started for the test: it
stores and forgets values as Django's does, with one client object however many calls."""

import uuid

import pytest

from config.cache import SharedClientRedisCache

pytestmark = pytest.mark.server


def test_the_shared_client_cache_stores_and_forgets_with_one_client(redis_url):
    cache = SharedClientRedisCache(redis_url, {})
    key = f"test-{uuid.uuid4().hex}"

    cache.set(key, {"unlocked": [1, 2]}, timeout=30)
    stored = cache.get(key)
    cache.delete(key)

    assert stored == {"unlocked": [1, 2]} and cache.get(key) is None
    assert cache._cache.get_client(key) is cache._cache.get_client("another-key")
