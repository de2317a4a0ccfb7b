"""Cache versions: one number per group of cached entries; a bump forgets them all.

Guides, the state map and each petition keep derived data in the shared cache
(and whole pages in each process's memory, core.pagecache). Rather than
deleting entries, every group has a version in the cache, and every entry is
stored under (or tagged with) the version its reader read; an edit *bumps* the
version, so older entries are never read again and expire on their own::

    GUIDES = CacheVersion("guides")
    key = GUIDES.key("detail", slug)         # "guides:v<version>:detail:<slug>"
    GUIDES.bump()                            # after an edit has committed

    counts = CacheVersion("petitions", key=f"petitions:generation:{slug}")
    value, version = counts.cached("petitions:count:7", compute, timeout=5)

Guarantees
----------

1. **A bump is never undone by eviction.** Versions are integers. A version
   key that is missing (never set, evicted, Redis restarted or flushed) starts
   at a seed taken from the clock, in 1/1024 microseconds, plus random low bits;
   a bump adds one. So a new seed is larger than every version handed out
   before it on that clock (a group would need more than a thousand bumps per
   microsecond to run ahead of the clock), and the random bits make it
   vanishingly unlikely that hosts with skewed clocks land on a number used
   before. An entry stored under an old version, in Redis or in a process's
   memory, can never match again. (Counters from 1, as a plain INCR gives,
   would repeat after every restart.)

2. **A reader that read before a bump cannot store under the new version.**
   A reader reads the version *before* it reads the database and stores what
   it computed under the version it read. A change bumps the version after it
   has committed, so whatever a slower reader computed before the change
   carries the old version and is never served. Inside a transaction, bump
   both at once and on commit (`transaction.on_commit(version.bump)`): a
   reader between the two reads the new version but not yet the change.

Reading costs one cache round trip: `key()` reads the version (the entry is a
second read under that key), and `cached()` reads the version *and* the entry
together in one `get_many`, the entry tagged with its version: the petitions'
"generation" scheme, which is the strongest (and cheapest) of the ways this
project used to do it, and which every user could move to. A bump is one round
trip as well (on Redis: SET NX the seed and INCR, in one MULTI/EXEC).
"""

from __future__ import annotations

import secrets
import time

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches

from core import ratelimit


def version_seed() -> int:
    """A new version for a missing key: the clock in 1/1024 µs, random low bits.

    About 1.8e18 today: fits Redis's signed 64-bit INCR until the 23rd century.
    """
    return (time.time_ns() // 1000) << 10 | secrets.randbits(10)


class CacheVersion:
    """The version of one group of cache entries (see the module docstring).

    `name` prefixes the keys made by `key()`; the version itself lives under
    `key`, by default "<name>:cache-version".
    """

    def __init__(self, name: str, *, key: str | None = None):
        self.name = name
        self.version_key = key or f"{name}:cache-version"

    def __repr__(self):
        return f"CacheVersion({self.name!r}, key={self.version_key!r})"

    # -- reading -------------------------------------------------------------

    def get(self) -> int:
        """The current version (one round trip while the key exists)."""
        version = cache.get(self.version_key)
        return self._start() if version is None else version

    def _start(self) -> int:
        """The version of a missing key: a new seed, unless another process won."""
        seed = version_seed()
        cache.add(self.version_key, seed, timeout=None)
        # While the cache is down, a fresh seed each time: nothing is shared.
        return cache.get(self.version_key) or seed

    def key(self, *parts) -> str:
        """ "<name>:v<version>:<parts...>": a key that a bump makes unreachable."""
        return ":".join([self.name, f"v{self.get()}", *map(str, parts)])

    def cached(self, key: str, compute, *, timeout):
        """(value, version): `key`'s value if stored under the current version,
        else `compute()`, stored under `key` tagged with the version read before
        it ran. One round trip while warm (version and entry in one get_many)."""
        value, version, _ = self._cached(key, compute, timeout=timeout)
        return value, version

    def cached_counting(self, key: str, compute, *, timeout, counter, window):
        """cached(), also counting one more under the rate-limit key `counter`
        (core.ratelimit.hit) in the same round trip on Redis: (value, version, total).
        """
        return self._cached(key, compute, timeout=timeout, counter=(counter, window))

    def _cached(self, key, compute, *, timeout, counter=None):
        found, total = _read([self.version_key, key], counter)
        version = found.get(self.version_key)
        if version is None:
            version = self._start()
        entry = found.get(key)
        if entry is not None and entry[0] == version:
            return entry[1], version, total
        value = compute()
        cache.set(key, (version, value), timeout)
        return value, version, total

    # -- writing -------------------------------------------------------------

    def bump(self) -> None:
        """Start a new version: every entry of the group is recomputed on its
        next read. Call after the change has committed (see guarantee 2)."""
        _incr_seeded(self.version_key)


def _read(keys, counter):
    if counter is None:
        return cache.get_many(keys), None
    both = getattr(cache, "get_many_incr_window", None)
    if both is not None:  # production's Redis cache: one round trip
        return both(keys, *counter)
    return cache.get_many(keys), ratelimit.hit(counter[0], window=counter[1])


def _incr_seeded(key: str) -> None:
    """INCR `key`, starting from a new seed if it is missing.

    A key that holds no integer (a random-token version written before this
    module existed) is replaced by a new seed: a new version all the same.
    """
    backend = caches[DEFAULT_CACHE_ALIAS]
    client_of = getattr(getattr(backend, "_cache", None), "get_client", None)
    if client_of is not None and hasattr(backend, "make_and_validate_key"):
        # Django's RedisCache: SET NX and INCR in one atomic round trip (its
        # incr() is EXISTS then INCRBY, and a missing key raises ValueError).
        from redis.exceptions import RedisError, ResponseError

        name = backend.make_and_validate_key(key)
        try:
            pipe = client_of(name, write=True).pipeline(transaction=True)
            pipe.set(name, version_seed(), nx=True)
            pipe.incr(name)
            pipe.execute()
        except ResponseError:  # not an integer: start again from a seed
            cache.set(key, version_seed(), timeout=None)
        except RedisError as exc:
            unavailable = getattr(backend, "_unavailable", None)  # core.cache
            if unavailable is None:
                raise
            unavailable("incr", exc)
        return
    try:
        cache.incr(key)
    except ValueError:  # missing
        cache.add(key, version_seed(), timeout=None)
        cache.incr(key)
    except TypeError:  # not an integer
        cache.set(key, version_seed(), timeout=None)
