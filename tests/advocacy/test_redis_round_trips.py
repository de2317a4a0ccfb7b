"""Fewer Redis round trips and clients per request, same guarantees.

- core.cache.ResilientRedisCache.incr_window: a rate-limit count in one
  atomic round trip, with its window, failing open while Redis is down.
- core.celery_transport: kombu's Redis channel publishing through one
  redis-py client instead of building one per message.
"""

import json
import os
import subprocess
import sys
import time
import uuid

import pytest
import redis
from django.conf import settings
from kombu import Connection, Exchange, Queue

from core.cache import ResilientRedisCache
from tests.conftest import require


@pytest.fixture
def redis_cache(redis_url):
    return ResilientRedisCache(
        redis_url,
        {
            "KEY_PREFIX": f"test-rt-{uuid.uuid4().hex[:8]}",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    )


def test_incr_window_counts_in_one_atomic_round_trip(redis_cache, redis_url):
    commands = []
    client = redis_cache._cache.get_client(write=True)
    real_execute = type(client.pipeline()).execute

    def execute(pipe, *args, **kwargs):
        commands.append([c[0][0] for c in pipe.command_stack])
        return real_execute(pipe, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(type(client.pipeline()), "execute", execute)
        counts = [redis_cache.incr_window("k", 60) for _ in range(3)]
    assert counts == [1, 2, 3]
    assert commands == [["SET", "INCRBY"]] * 3  # one MULTI/EXEC each
    # The window is set once, by the first count, and readable as a plain int.
    ttl = redis.Redis.from_url(redis_url).ttl(redis_cache.make_key("k"))
    assert 0 < ttl <= 60
    assert redis_cache.get("k") == 3


def test_incr_window_starts_again_when_the_window_ends(redis_cache):
    assert redis_cache.incr_window("w", 1) == 1
    assert redis_cache.incr_window("w", 1) == 2
    time.sleep(1.2)
    assert redis_cache.incr_window("w", 1) == 1


def test_incr_window_fails_open_while_redis_is_down():
    from tests.reliability.harness import free_port

    cache = ResilientRedisCache(
        f"redis://127.0.0.1:{free_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}},
    )
    assert cache.incr_window("k", 60) == 1


def test_signing_rate_limit_counts_through_redis(redis_cache, monkeypatch, settings):
    from core import ratelimit
    from petitions import services

    monkeypatch.setattr(ratelimit, "cache", redis_cache)
    settings.PETITION_SIGN_RATE_LIMIT = 3
    allowed = [services.sign_attempt_register(ip_address="192.0.2.7") for _ in range(5)]
    assert allowed == [True, True, True, False, False]
    assert services.sign_attempt_register(ip_address="192.0.2.8") is True


# --- Celery publishing --------------------------------------------------------


@pytest.fixture
def broker_url(redis_url):
    url = os.environ.get("CELERY_TEST_BROKER_URL") or redis_url
    require(url.startswith("redis://"), "needs a Redis broker: CELERY_TEST_BROKER_URL")
    return url


def test_channel_publishes_through_one_client(broker_url, monkeypatch):
    built = []
    real_init = redis.Redis.__init__

    def counting_init(self, *args, **kwargs):
        built.append(self)
        real_init(self, *args, **kwargs)

    name = f"test-rt-{uuid.uuid4().hex[:8]}"
    queue = Queue(name, Exchange(name, type="direct"), routing_key=name)
    with Connection(broker_url, transport="core.celery_transport:Transport") as conn:
        channel = conn.channel()
        producer = conn.Producer(channel)
        producer.declare = [queue]
        queue(channel).declare()
        monkeypatch.setattr(redis.Redis, "__init__", counting_init)
        for i in range(5):
            producer.publish({"n": i}, exchange=queue.exchange, routing_key=name)
        assert len(built) <= 1  # kombu's own channel builds one per message
        # When kombu replaces the pool (after a fork), publishing follows it.
        channel._disconnect_pools()
        producer.publish({"n": 5}, exchange=queue.exchange, routing_key=name)
        assert len(built) <= 2
        assert built[-1].connection_pool is channel.pool
        monkeypatch.undo()
        received = []
        simple = conn.SimpleQueue(queue)
        for _ in range(6):
            message = simple.get(timeout=5)
            received.append(message.payload["n"])
            message.ack()
        simple.close()
        queue(channel).delete()
    assert sorted(received) == [0, 1, 2, 3, 4, 5]


def test_kombu_s_own_channel_builds_a_client_per_message(broker_url, monkeypatch):
    """What core.celery_transport saves; if this fails, kombu reuses its client."""
    built = []
    real_init = redis.Redis.__init__

    def counting_init(self, *args, **kwargs):
        built.append(self)
        real_init(self, *args, **kwargs)

    name = f"test-rt-{uuid.uuid4().hex[:8]}"
    queue = Queue(name, Exchange(name, type="direct"), routing_key=name)
    with Connection(broker_url) as conn:
        channel = conn.channel()
        producer = conn.Producer(channel)
        queue(channel).declare()
        monkeypatch.setattr(redis.Redis, "__init__", counting_init)
        for i in range(5):
            producer.publish({"n": i}, exchange=queue.exchange, routing_key=name)
        monkeypatch.undo()
        queue(channel).delete()
    assert len(built) >= 5


def test_production_publishes_through_the_reusing_transport():
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "from advocacy.celery import app; "
        "print(json.dumps([s.CELERY_BROKER_TRANSPORT, "
        "type(app.connection_for_write().transport).__module__]))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="advocacy.settings.production",
        DJANGO_SECRET_KEY="x" * 64 + uuid.uuid4().hex,
        DJANGO_ALLOWED_HOSTS="advocacy.example.org",
        DATABASE_URL="postgres://advocacy@127.0.0.1:5432/advocacy",
        REDIS_URL="redis://127.0.0.1:6379/0",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/1",
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    transport, module = json.loads(result.stdout)
    assert transport == "core.celery_transport:Transport"
    assert module == "core.celery_transport"
