"""One version number for every cached guide page and list.

Any organizer edit bumps the version, so stale entries are never read again
and simply expire. Guides change rarely and there are few of them, so
invalidating all of them at once is simpler than tracking slugs (which can
change too).
"""

from django.core.cache import cache

VERSION_KEY = "guides:cache-version"
TIMEOUT = 60 * 60 * 24


def guides_cache_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def guides_cache_key(name):
    return f"guides:v{guides_cache_version()}:{name}"


def guides_cache_bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)
