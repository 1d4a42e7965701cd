"""Generations a change publishes, and each process's own copies made in one.

A change (an import, an editor's save) stores a new generation in the shared cache and
publishes it on a Redis channel. Each process subscribes once and checks its subscription's
socket for news at every read, a local poll with no round trip, so it knows the current
generation and may serve its own copies made in it. Where it cannot be sure (no Redis, a
subscription not yet confirmed or broken, or not re-read for RECHECK_SECONDS) it says so, and
callers read the shared cache as before.
"""

import os
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Hashable

import redis
from django.core.cache import cache

# A process re-reads the generation from the cache at least this often, whatever it heard:
# a bound on how long a lost message (which Redis never loses on a live connection) can last.
RECHECK_SECONDS = 10


class PublishedGeneration:
    """A token in the shared cache under `key` that a change replaces and announces."""

    def __init__(self, key: str):
        self.key = key
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._subscription: redis.client.PubSub | None = None
        self._heard: str | None = None
        self._read_at = 0.0
        self._reconnected = False

    def read(self) -> str:
        """The current generation from the shared cache (one round trip), made if missing."""
        return cache.get_or_set(self.key, lambda: uuid.uuid4().hex, timeout=None)

    def renew(self) -> None:
        """Store a new generation and tell every process listening."""
        generation = uuid.uuid4().hex
        cache.set(self.key, generation, timeout=None)
        client = redis_client()
        if client is not None:
            client.publish(self._channel(), generation)

    def heard(self) -> str | None:
        """The current generation as this process heard it, without a round trip; None when
        the process cannot vouch for it (then read the shared cache)."""
        with self._lock:
            try:
                return self._heard_now()
            except (redis.RedisError, OSError):
                self._drop()
                return None

    def _heard_now(self) -> str | None:
        stale = self._pid != os.getpid() or self._subscription is None
        if stale and not self._subscribe():
            return None
        while (message := self._subscription.get_message(timeout=0)) is not None:
            if message["type"] == "message":
                self._heard = message["data"].decode()
        if self._reconnected:  # messages published while it was broken are lost
            self._drop()
            return None
        if time.monotonic() - self._read_at > RECHECK_SECONDS:
            self._heard, self._read_at = self.read(), time.monotonic()
        return self._heard

    def _subscribe(self) -> bool:
        """Listen from this process; the generation is read once the subscription is
        confirmed, so that no change published after the read goes unheard."""
        client = redis_client()
        if client is None:
            return False
        self._drop()
        subscription = client.pubsub()
        subscription.subscribe(self._channel())
        confirmed = subscription.get_message(timeout=2)
        if confirmed is None or confirmed["type"] != "subscribe":
            subscription.close()
            return False
        # redis-py reconnects and subscribes again on its own after a broken connection;
        # what was published meanwhile is lost, so this subscription is then given up.
        subscription.connection.register_connect_callback(self._on_reconnect)
        self._pid, self._subscription, self._reconnected = os.getpid(), subscription, False
        self._heard, self._read_at = self.read(), time.monotonic()
        return True

    def _on_reconnect(self, connection) -> None:
        self._reconnected = True

    def _drop(self) -> None:
        if self._subscription is not None and self._pid == os.getpid():
            if self._subscription.connection is not None:
                self._subscription.connection.deregister_connect_callback(self._on_reconnect)
            self._subscription.close()
        self._subscription, self._heard = None, None

    def _channel(self) -> str:
        return f"published:{cache.make_key(self.key)}"


def redis_client() -> redis.Redis | None:
    """The shared cache's Redis client; None when the cache is not Redis."""
    from django_redis import get_redis_connection

    try:
        return get_redis_connection("default")
    except NotImplementedError:
        return None


class LocalCopies:
    """At most `size` values kept by this process, each labelled with the generation it was
    made in and given back only in that generation; the least recently used go first."""

    def __init__(self, size: int):
        self.size = size
        self._lock = threading.Lock()
        self._values: OrderedDict[Hashable, tuple[str, object]] = OrderedDict()

    def get(self, key: Hashable, generation: str | None):
        if generation is None:
            return None
        with self._lock:
            found = self._values.get(key)
            if found is None or found[0] != generation:
                return None
            self._values.move_to_end(key)
            return found[1]

    def put(self, key: Hashable, generation: str, value) -> None:
        with self._lock:
            self._values[key] = (generation, value)
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)
