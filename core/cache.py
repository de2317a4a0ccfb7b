"""Django's own RedisCache, with three additions only it does not have.

Production keeps pages, counts and rate-limit counters in Redis through
Django's `RedisCache` (django.core.cache.backends.redis). What this module
adds, and why each one stays:

1. Fail open while Redis is unreachable (every public method of
   `ResilientRedisCache` that talks to Redis: get, get_many, has_key, set,
   set_many, add, touch, incr, delete, delete_many). Django's backend raises
   `RedisError`; here a read becomes a miss (the code falls back to the
   database), a write is skipped, and a counter starts again from the
   increment: rate limits fail open for the outage rather than turning every
   page into an error. Each process logs the outage at most every 30 seconds.
   Needed by tests/reliability/test_redis_outage.py (Redis stopped while
   people sign), tests/advocacy/test_production.py
   (`test_cache_degrades_to_misses_while_redis_is_down`) and the
   `..._fails_open_while_redis_is_down` tests in
   tests/advocacy/test_redis_round_trips.py and
   tests/petitions/test_sign_round_trips.py.
2. `incr_window` and `get_many_incr_window`: a rate-limit count with its
   window in one atomic round trip, and that count together with the
   petition's cached entry in one round trip. Django has `add` + `incr`
   (three round trips: SET NX, EXISTS, INCRBY) and no combined read;
   BENCHMARKS.md, "Load: the whole site under wrk", Signing, explains what
   signing gained. Checked by tests/advocacy/test_redis_round_trips.py and
   tests/petitions/test_sign_round_trips.py.
3. `ReusedClientRedisCacheClient`: Django's `RedisCacheClient.get_client`
   builds a new `redis.Redis` around the same pool for every cache call, and
   the constructor costs about 0.1 ms (it fills ~170 response callbacks;
   BENCHMARKS.md, "Redis clients per call"), a fifth of a warm guide page's
   0.48 ms. The pool choice stays Django's; only the client around each pool
   is kept. tests/core/test_cache.py fails when Django starts reusing its
   client, so this can then go.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
WARN_EVERY_SECONDS = 30


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one redis.Redis per connection pool.

    A redis-py client is thread-safe and only wraps its (per-process) pool;
    Django keeps its pools for the life of the cache, so a pool's id is stable.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)  # Django's choice of server
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Django's RedisCache: fails open, counts in one round trip, reuses clients."""

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
