"""One version number for every cached guide page and list.

Any organizer edit bumps the version, so stale entries are never read again
and simply expire. Versions are random tokens rather than a counter: after a
Redis restart a counter would start again at 1 and could match pages that
processes still hold in memory (core.pagecache). Guides change rarely and there are few of them, so
invalidating all of them at once is simpler than tracking slugs (which can
change too).
"""

from django.core.cache import cache

from core.pagecache import version_token

VERSION_KEY = "guides:cache-version"
TIMEOUT = 60 * 60 * 24


def guides_cache_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = version_token()
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def guides_cache_key(name):
    return f"guides:v{guides_cache_version()}:{name}"


def guides_cache_bump():
    cache.set(VERSION_KEY, version_token(), timeout=None)
