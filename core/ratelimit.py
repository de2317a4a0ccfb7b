"""Rate limiting by a salted hash of the client's network, through the cache.

What one limit counts is a *network*: an IPv4 address as it is, or the /64
an IPv6 address belongs to (`network`). A home or phone connection gets a
whole IPv6 /64 and can rotate through its addresses at will, so counting
IPv6 per address would count nothing; IPv4 stays per address, so the many
people behind one carrier-grade NAT address are not lumped with a /24.

The address itself is never written anywhere: only a salted SHA-256 of its
network, as part of a cache key that expires with its window. Signing the
petition, guide reports, ZIP lookups and failed admin sign-ins
(core/loginlimit.py) all count through here.
"""

import functools
import hashlib
import ipaddress
import math
import time

from django.conf import settings
from django.core.cache import cache

# IPv6 addresses count by this prefix (a site, usually one household or phone).
IPV6_NETWORK_PREFIX = 64


def now():
    """The clock the limits run on (seconds since the epoch)."""
    return time.time()


@functools.lru_cache(maxsize=4096)
def parse_ip(value):
    """`value` as an ipaddress object, or None when it is not an address.

    Accepts what proxies write: surrounding spaces, `[v6]` brackets, a zone
    (`fe80::1%eth0`) and an IPv4 port (`192.0.2.1:5678`). Memoized: every
    request parses its peer and forwarded addresses, and `ipaddress` is slow
    next to a dict lookup (the results are immutable).
    """
    text = (value or "").strip()
    if text.startswith("["):
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:  # IPv4 with a port; IPv6 has at least two colons
        text = text.split(":", 1)[0]
    text = text.split("%", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def network(ip_address):
    """What the limits count for an address: IPv4 as is, IPv6 by its /64.

    An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) counts as its IPv4
    address. Anything that is not an address counts as itself.
    """
    address = parse_ip(ip_address)
    if address is None:
        return (ip_address or "").strip() or "unknown"
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        net = ipaddress.IPv6Network((address, IPV6_NETWORK_PREFIX), strict=False)
        return str(net)
    return str(address)


def salted_hash(value):
    """A salted SHA-256 of `value`: enough to count by, not to identify."""
    return hashlib.sha256(f"{settings.IP_HASH_SALT}:{value}".encode()).hexdigest()


def ip_hash(ip_address):
    """A salted SHA-256 of the address's network (`network`), never of more."""
    return salted_hash(network(ip_address))


def client_ip(request):
    """The client's address (REMOTE_ADDR) only, never to be stored.

    X-Forwarded-For and X-Real-IP are whatever the client wrote unless a
    trusted proxy wrote them; core.middleware.ProxiedClientAddressMiddleware
    sets REMOTE_ADDR from them only then (TRUSTED_PROXY_IPS / _HOPS).
    """
    return request.META.get("REMOTE_ADDR", "")


def client_ip_hash(request):
    """Hash of the client's network (`client_ip`, `network`)."""
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


def hit_aligned(key, *, window):
    """Count one more for `key` in the clock's current `window`-second slot.

    Returns (total, seconds until the slot ends): the slots start at
    multiples of `window` on the clock, so the answer can say exactly when
    counting starts again (a Retry-After) without asking the cache.
    """
    moment = now()
    slot = int(moment // window)
    total = hit(f"{key}:{slot}", window=window)
    return total, max(1, math.ceil((slot + 1) * window - moment))
