"""A Redis cache that degrades to "no cache" while Redis is unreachable.

Production keeps pages, counts and rate-limit counters in Redis. If Redis
restarts or the network blips, a read becomes a miss (the code falls back to
the database), a write is skipped, and a counter starts again from the
increment: rate limits fail open for the outage rather than turning every
page into an error. Each process logs the outage at most every 30 seconds.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
WARN_EVERY_SECONDS = 30


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django builds a new redis.Redis object for every cache call, and redis-py
    fills ~170 response callbacks into each: a third of the cost of a cached
    page under load (bench/load.py, BENCHMARKS.md). The client is thread-safe
    and only wraps the (per-process) connection pool, so keep one per pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(index)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    _last_warning = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def _unavailable(self, operation, exc):
        now = time.monotonic()
        if now - ResilientRedisCache._last_warning >= WARN_EVERY_SECONDS:
            ResilientRedisCache._last_warning = now
            logger.warning("cache unavailable (%s): %s", operation, type(exc).__name__)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as exc:
            self._unavailable("get", exc)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except RedisError as exc:
            self._unavailable("get_many", exc)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except RedisError as exc:
            self._unavailable("has_key", exc)
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set(key, value, timeout, version)
        except RedisError as exc:
            self._unavailable("set", exc)
            return None

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except RedisError as exc:
            self._unavailable("set_many", exc)
            return list(data)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except RedisError as exc:
            self._unavailable("add", exc)
            return False

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except RedisError as exc:
            self._unavailable("touch", exc)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except RedisError as exc:
            self._unavailable("incr", exc)
            return delta  # as if the counter had just started

    def incr_window(self, key, window, version=None):
        """Count one more for `key` in a fixed window of `window` seconds; the total.

        One round trip, atomic (MULTI/EXEC): SET key 0 EX window NX starts the
        window if there is none, INCR counts. (add() then incr() costs three
        round trips for every count after the first: SET NX, EXISTS, INCRBY.)
        """
        key = self.make_and_validate_key(key, version=version)
        try:
            pipe = self._cache.get_client(key, write=True).pipeline(transaction=True)
            pipe.set(key, 0, ex=int(window), nx=True)
            pipe.incr(key)
            return pipe.execute()[1]
        except RedisError as exc:
            self._unavailable("incr_window", exc)
            return 1  # as if the counter had just started, like incr()

    def get_many_incr_window(self, keys, counter, window, version=None):
        """get_many(keys) and incr_window(counter, window) in one round trip.

        Signing reads its petition's cached entry and counts the attempt for
        the rate limit together (MGET, SET NX EX, INCR in one MULTI/EXEC).
        Returns (found, total) like the two calls would.
        """
        names = {self.make_and_validate_key(k, version=version): k for k in keys}
        counter = self.make_and_validate_key(counter, version=version)
        try:
            pipe = self._cache.get_client(counter, write=True).pipeline(
                transaction=True
            )
            pipe.mget(list(names))
            pipe.set(counter, 0, ex=int(window), nx=True)
            pipe.incr(counter)
            values, _, total = pipe.execute()
        except RedisError as exc:
            self._unavailable("get_many_incr_window", exc)
            return {}, 1
        loads = self._cache._serializer.loads
        found = {
            names[name]: loads(value)
            for name, value in zip(names, values, strict=True)
            if value is not None
        }
        return found, total

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError as exc:
            self._unavailable("delete", exc)
            return False

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except RedisError as exc:
            self._unavailable("delete_many", exc)
            return None
