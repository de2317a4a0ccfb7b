"""Rate limiting by a salted hash of the client's address, through the cache.

The address itself is never written anywhere: only a salted SHA-256 of it,
as part of a cache key that expires with its window. Guides' report form
and the petition sign form both count through here.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def ip_hash(ip_address):
    """A salted SHA-256 of an address: enough to rate-limit, not to identify."""
    salted = f"{settings.IP_HASH_SALT}:{ip_address or 'unknown'}".encode()
    return hashlib.sha256(salted).hexdigest()


def client_ip(request):
    """The direct peer's address (REMOTE_ADDR) only, never to be stored.

    X-Forwarded-For is set by the client unless a trusted proxy rewrites it;
    behind nginx, core.middleware sets REMOTE_ADDR from a trusted X-Real-IP.
    """
    return request.META.get("REMOTE_ADDR", "")


def client_ip_hash(request):
    """Hash of the direct peer's address (`client_ip`)."""
    return ip_hash(client_ip(request))


def hits(key):
    """How many times `key` was counted in its current window."""
    return cache.get(key) or 0


def hit(key, *, window):
    """Count one more for `key` (a fixed window of `window` seconds); return the total."""
    incr_window = getattr(cache, "incr_window", None)
    if incr_window is not None:  # production's Redis cache: one round trip
        return incr_window(key, window)
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1
