"""core.celery_transport overrides kombu internals: fail when kombu changes them.

These need no broker. If one fails after a kombu upgrade, read the new
`kombu.transport.redis.Channel.conn_or_acquire` and `_create_client`, then
update core/celery_transport.py (or drop it if kombu reuses its client now)
and the pinned text below.
"""

import inspect
import textwrap

from kombu.transport import redis as kombu_redis

from core import celery_transport

# kombu 5.7's method, which core.celery_transport.Channel replaces.
STOCK_CONN_OR_ACQUIRE = """\
@contextmanager
def conn_or_acquire(self, client=None):
    if client:
        yield client
    else:
        yield self._create_client()
"""


def test_kombu_conn_or_acquire_is_the_one_we_replace():
    source = textwrap.dedent(inspect.getsource(kombu_redis.Channel.conn_or_acquire))
    assert source == STOCK_CONN_OR_ACQUIRE


def test_the_attributes_our_channel_relies_on_are_still_there():
    channel = kombu_redis.Channel
    assert (
        str(inspect.signature(channel._create_client)) == "(self, asynchronous=False)"
    )
    create = inspect.getsource(channel._create_client)
    assert "{'connection_pool': self.pool}" in create
    assert isinstance(inspect.getattr_static(channel, "pool"), property)
    assert callable(channel._disconnect_pools)
    # Publishing goes through conn_or_acquire().
    assert "with self.conn_or_acquire() as client:" in inspect.getsource(channel._put)


def test_our_transport_uses_our_channel_with_the_same_signature():
    assert celery_transport.Transport.Channel is celery_transport.Channel
    assert issubclass(celery_transport.Transport, kombu_redis.Transport)
    assert inspect.signature(
        celery_transport.Channel.conn_or_acquire
    ) == inspect.signature(kombu_redis.Channel.conn_or_acquire)
