"""kombu's Redis transport, publishing through one client per channel.

kombu's Redis channel builds a new redis-py client (`redis.Redis(...)` around
the channel's connection pool) for every message it publishes: about 0.2 ms
of CPU per signature on the web processes (the client's constructor fills a
table of ~170 response callbacks), for a client that is thrown away at once.
This channel keeps that synchronous client and reuses it while its pool
lives. Nothing else changes: the same pool, the same connections, the same
commands; a client around a pool is safe to share, and when kombu replaces
the pool (after a fork, on close) the next publish builds a client for the
new one.

Production settings select it for redis:// brokers (CELERY_BROKER_TRANSPORT).

Kept, not removed: BENCHMARKS.md ("Load: the whole site under wrk", Signing)
measures the client's constructor at about 0.2 ms of CPU per signature, close
to a tenth of a signature's ~2.3 ms, on the one endpoint that misses its
target; no setting of kombu or Celery reuses the client. The price is that
this overrides a kombu internal: `Channel.conn_or_acquire` (used by every
command of the channel, not only publishing) and the `pool` and
`_create_client` it relies on. tests/core/test_celery_transport.py pins the
source of kombu's method and those attributes, so a kombu upgrade that
changes them fails there and this module must be re-checked;
tests/advocacy/test_redis_round_trips.py checks that our transport publishes
through one client while kombu's builds one per message.
"""

from contextlib import contextmanager

from kombu.transport import redis


class Channel(redis.Channel):
    _publish_client = None

    @contextmanager
    def conn_or_acquire(self, client=None):
        if client:
            yield client
            return
        pool = self.pool
        cached = self._publish_client
        if cached is None or cached.connection_pool is not pool:
            cached = self._publish_client = self._create_client()
        yield cached


class Transport(redis.Transport):
    Channel = Channel
