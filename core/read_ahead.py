"""Cache reads a request is about to make, fetched together in one round trip.

A view that knows the keys its steps will read (the reader, their unlocks, the page's gate)
fetches them with `reading_ahead`; each step reads through `get_many`, which answers from
that fetch instead of asking the cache again. A key is answered from it once only: a step
reading it a second time may follow a write, and asks the cache.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.core.cache import cache


@dataclass
class _Fetched:
    keys: set[str]
    found: dict = field(default_factory=dict)


_fetched: ContextVar[_Fetched | None] = ContextVar("cache_read_ahead", default=None)


@contextmanager
def reading_ahead(keys: Iterable[str]) -> Iterator[None]:
    """Fetch `keys` now in one round trip, for the reads made inside the block."""
    keys = list(dict.fromkeys(keys))
    token = _fetched.set(_Fetched(set(keys), cache.get_many(keys) if keys else {}))
    try:
        yield
    finally:
        _fetched.reset(token)


def get_many(keys: list[str]) -> dict:
    """`cache.get_many(keys)`, answered from the read-ahead when it fetched every key."""
    fetched = _fetched.get()
    if fetched is None or not fetched.keys.issuperset(keys):
        return cache.get_many(keys)
    fetched.keys.difference_update(keys)
    return {key: fetched.found[key] for key in keys if key in fetched.found}


def get(key: str):
    """`cache.get(key)` (None when missing), answered from the read-ahead when it can be."""
    return get_many([key]).get(key)
