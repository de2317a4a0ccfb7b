"""core.versioning: one cache-version helper for guides, states and petitions."""

import uuid

import pytest
from django.core.cache import cache

from core.versioning import CacheVersion, version_seed


@pytest.fixture
def version():
    cache.clear()
    return CacheVersion(f"test-{uuid.uuid4().hex[:8]}")


def compute_counting(calls, value):
    def compute():
        calls.append(value)
        return value

    return compute


def test_a_version_is_stable_until_bumped_and_a_bump_adds_one(version):
    first = version.get()
    assert version.get() == first
    assert version.key("a", 1) == f"{version.name}:v{first}:a:1"
    version.bump()
    assert version.get() == first + 1
    assert version.key("a", 1) != f"{version.name}:v{first}:a:1"


def test_a_bump_invalidates_keyed_and_tagged_entries(version):
    cache.set(version.key("page"), "old")
    calls = []
    assert version.cached("entry", compute_counting(calls, "old"), timeout=60)[0] == (
        "old"
    )
    version.bump()
    assert cache.get(version.key("page")) is None
    value, _ = version.cached("entry", compute_counting(calls, "new"), timeout=60)
    assert value == "new" and calls == ["old", "new"]
    # Warm: read together with the version, not computed again.
    assert version.cached("entry", compute_counting(calls, "x"), timeout=60)[0] == (
        "new"
    )
    assert calls == ["old", "new"]


def test_a_bump_on_a_missing_key_starts_from_a_seed(version):
    version.bump()
    assert version.get() > 10**17


def test_eviction_of_the_version_key_never_resurrects_old_entries(version):
    """The key is lost (eviction, Redis restart) after bumps: the new version is
    above every one used before, so no entry stored under an old one matches."""
    used = [version.get()]
    stale_key = version.key("page")
    cache.set(stale_key, "old")
    calls = []
    version.cached("entry", compute_counting(calls, "old"), timeout=60)
    for _ in range(5):
        version.bump()
        used.append(version.get())
    cache.delete(version.version_key)
    fresh = version.get()
    assert fresh > max(used)
    assert version.key("page") != stale_key
    version.bump()
    cache.delete(version.version_key)
    value, tag = version.cached("entry", compute_counting(calls, "new"), timeout=60)
    assert value == "new" and tag not in used


def test_a_version_left_from_random_tokens_is_replaced_on_bump(version):
    """Before core.versioning, guides and petitions stored hex tokens."""
    cache.set(version.version_key, "9f86d081884c7d65", timeout=None)
    old_key = version.key("page")
    version.bump()
    assert isinstance(version.get(), int) and version.get() > 10**17
    assert version.key("page") != old_key
    version.bump()
    assert isinstance(version.get(), int)


def test_seeds_follow_the_clock_and_differ():
    seeds = [version_seed() for _ in range(50)]
    assert len(set(seeds)) > 1
    assert seeds[-1] >> 10 >= seeds[0] >> 10
    assert max(seeds) < 2**63 - 2**40  # room for INCR in Redis's signed 64 bits


def test_a_reader_that_read_before_a_bump_cannot_store_under_the_new_version(
    version,
):
    """The race: a reader reads the version, computes, a change commits and
    bumps, then the reader stores what it computed before the change."""

    def slow_compute():
        version.bump()  # the change commits while the reader computes
        return "before the change"

    stale, tag = version.cached("entry", slow_compute, timeout=60)
    assert stale == "before the change"
    assert tag == version.get() - 1  # stored under the version it read
    fresh, _ = version.cached("entry", lambda: "after the change", timeout=60)
    assert fresh == "after the change"

    # The same for keyed entries: the key is made from the version read first.
    key = version.key("page")
    version.bump()
    cache.set(key, "before the change")
    assert cache.get(version.key("page")) is None


def test_counting_read_returns_the_rate_limit_total(version):
    counter = f"rl:{version.name}"
    results = [
        version.cached_counting("e", lambda: 1, timeout=60, counter=counter, window=60)
        for _ in range(3)
    ]
    assert [total for _, _, total in results] == [1, 2, 3]
    assert {value for value, _, _ in results} == {1}


@pytest.mark.redis
def test_on_redis_a_bump_and_a_warm_read_are_one_round_trip_each(
    settings, redis_url, monkeypatch
):
    import redis.client

    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": f"test-ver-{uuid.uuid4().hex[:8]}",
        }
    }
    version = CacheVersion("t")
    version.bump()  # missing key: SET NX the seed, INCR
    seeded = version.get()
    assert seeded > 10**17
    version.cached("e", lambda: "v", timeout=60)

    trips = []
    real_command = redis.client.Redis.execute_command
    real_pipeline = redis.client.Pipeline.execute

    def command(self, *args, **kwargs):
        trips.append([args[0]])
        return real_command(self, *args, **kwargs)

    def pipeline(self, *args, **kwargs):
        trips.append([c[0][0] for c in self.command_stack])
        return real_pipeline(self, *args, **kwargs)

    monkeypatch.setattr(redis.client.Redis, "execute_command", command)
    monkeypatch.setattr(redis.client.Pipeline, "execute", pipeline)
    version.bump()
    assert trips == [["SET", "INCRBY"]]
    trips.clear()
    assert version.cached("e", lambda: "w", timeout=60)[0] == "w"  # bumped
    trips.clear()
    assert version.cached("e", lambda: "x", timeout=60) == ("w", seeded + 1)
    assert trips == [["MGET"]]
    monkeypatch.undo()
    # A random-token version from before core.versioning: replaced, not stuck.
    from django.core.cache import cache

    cache.set(version.version_key, "9f86d081884c7d65", timeout=None)
    version.bump()
    assert isinstance(version.get(), int) and version.get() > seeded
