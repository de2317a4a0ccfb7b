"""One version for every cached guide page and list (core.versioning).

Any organizer edit bumps the version, so stale entries are never read again
and simply expire; a lost version key starts again above every version used
before, so it cannot bring back pages that processes still hold in memory
(core.pagecache). Guides change rarely and there are few of them, so
invalidating all of them at once is simpler than tracking slugs (which can
change too).
"""

from core.versioning import CacheVersion

VERSION = CacheVersion("guides")
VERSION_KEY = VERSION.version_key  # "guides:cache-version"
TIMEOUT = 60 * 60 * 24


def guides_cache_version():
    return VERSION.get()


def guides_cache_key(name):
    return VERSION.key(name)  # "guides:v<version>:<name>"


def guides_cache_bump():
    VERSION.bump()
