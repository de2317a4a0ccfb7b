"""Signing on production's Redis cache: the petition's entry and the rate-limit
count are one cache round trip, and the limit still holds."""

import uuid

import pytest
import redis.client

from petitions.models import Signature

from .conftest import sign


@pytest.fixture
def redis_cache_settings(settings, redis_url):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": f"test-sign-{uuid.uuid4().hex[:8]}",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    return settings


@pytest.fixture
def round_trips(monkeypatch):
    """Every Redis round trip: a single command or a pipeline (MULTI/EXEC)."""
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
    return trips


def test_a_warm_signature_reads_and_counts_in_one_round_trip(
    client,
    petition,
    redis_cache_settings,
    round_trips,
    django_capture_on_commit_callbacks,
):
    assert sign(client, petition, email="first@example.com").status_code == 302
    round_trips.clear()
    # The on-commit callbacks (the eagerly run email task) are not run here.
    response = sign(client, petition, email="second@example.com", ip="198.51.100.9")
    assert response.status_code == 302
    assert round_trips == [["MGET", "SET", "INCRBY"]]
    assert Signature.objects.filter(email="second@example.com").exists()


def test_the_limit_holds_on_redis_and_counts_per_address(
    client, petition, redis_cache_settings, settings, django_capture_on_commit_callbacks
):
    settings.PETITION_SIGN_RATE_LIMIT = 2
    statuses = [
        sign(client, petition, email=f"r{n}@example.com").status_code for n in range(4)
    ]
    assert statuses == [302, 302, 429, 429]
    assert (
        sign(client, petition, email="o@example.com", ip="198.51.100.7").status_code
        == 302
    )
    assert set(Signature.objects.values_list("email", flat=True)) == {
        "r0@example.com",
        "r1@example.com",
        "o@example.com",
    }


def test_get_many_incr_window_reads_and_counts(redis_cache_settings):
    from django.core.cache import cache

    cache.set("a", ("gen", {"x": 1}), 60)
    cache.set("b", 7, 60)
    found, total = cache.get_many_incr_window(["a", "b", "missing"], "n", 60)
    assert found == {"a": ("gen", {"x": 1}), "b": 7}
    assert total == 1
    assert cache.get_many_incr_window(["a"], "n", 60)[1] == 2
    assert cache.get("n") == 2


def test_get_many_incr_window_fails_open_while_redis_is_down():
    from core.cache import ResilientRedisCache
    from tests.reliability.harness import free_port

    cache = ResilientRedisCache(
        f"redis://127.0.0.1:{free_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}},
    )
    assert cache.get_many_incr_window(["a"], "n", 60) == ({}, 1)
