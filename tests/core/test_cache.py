"""core.cache keeps one redis-py client per pool; Django builds one per call.

No Redis needed: building a client does not connect.
"""

import redis
from django.core.cache.backends.redis import RedisCache

from core.cache import ResilientRedisCache

SERVERS = "redis://127.0.0.1:6379/5;redis://127.0.0.1:6379/6"


def _clients(cache, calls=5, **kwargs):
    return [cache._cache.get_client(None, **kwargs) for _ in range(calls)]


def test_django_still_builds_a_client_per_call():
    """If this fails, Django reuses its client: drop ReusedClientRedisCacheClient."""
    clients = _clients(RedisCache(SERVERS, {}), write=True)
    assert len({id(c) for c in clients}) == len(clients)


def test_ours_reuses_one_client_per_pool_and_keeps_django_s_server_choice():
    cache = ResilientRedisCache(SERVERS, {})
    writes = _clients(cache, write=True)
    assert all(c is writes[0] for c in writes)
    assert writes[0].connection_pool is cache._cache._get_connection_pool(True)
    assert isinstance(writes[0], redis.Redis)
    # Reads go to the replica (Django's rule with two servers), not the primary.
    reads = _clients(cache)
    assert all(c is reads[0] for c in reads)
    assert reads[0].connection_pool is not writes[0].connection_pool
