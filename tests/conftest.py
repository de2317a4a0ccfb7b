"""Shared fixtures.

Tests that need a real service (Chromium, PostgreSQL, Redis, poppler) skip on
a bare machine, so `make test` works with only Python, but fail instead of
skipping when STRICT_TESTS=1 (set by .ci/run): CI must prove them.
"""

import os
import shutil

import pytest
from django.conf import settings
from django.core.cache import cache

# Playwright's sync API runs an event loop in this thread; Django's ORM would
# otherwise refuse to run from the test body (SynchronousOnlyOperation).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

STRICT = os.environ.get("STRICT_TESTS") == "1"
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require(condition, reason):
    """Skip when a service is missing locally; fail in CI (STRICT_TESTS=1)."""
    if condition:
        return
    if STRICT:
        pytest.fail(f"required in CI but unavailable: {reason}", pytrace=False)
    pytest.skip(reason)


def is_postgres():
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def pytest_collection_modifyitems(config, items):
    if STRICT or os.path.exists(CHROMIUM_PATH):
        return
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM_PATH}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM_PATH,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}}


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and page caches must not leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def require_postgres():
    require(is_postgres(), "needs PostgreSQL: set DATABASE_URL=postgres://...")


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL", "")
    require(bool(url), "needs Redis: set REDIS_URL=redis://...")
    return url


@pytest.fixture
def poppler():
    """Paths of the poppler/qpdf command-line tools, required in CI."""
    tools = {
        name: shutil.which(name)
        for name in ("pdftotext", "pdffonts", "pdfinfo", "qpdf")
    }
    missing = [name for name, path in tools.items() if not path]
    require(
        not missing, f"missing PDF tools: {', '.join(missing)} (poppler-utils, qpdf)"
    )
    return tools


@pytest.fixture
def screenshot_dir():
    """Browser tests write screenshots here for reviewers (ignored by git)."""
    path = settings.BASE_DIR / "screenshots"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture(scope="session")
def shared_data():
    """The read-only research data beside the repository (never copied into it)."""
    from pathlib import Path

    path = Path(
        os.environ.get("SHARED_DATA_DIR", settings.BASE_DIR.parent / "shared" / "data")
    )
    require(
        path.is_dir(), f"shared data folder not found at {path} (set SHARED_DATA_DIR)"
    )
    return path


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations():
    """The Spanish catalogue compiled (Babel), when its .mo is missing or older
    than its .po, before any page is rendered."""
    from django.utils.translation import trans_real

    from core.translations import compile_catalogues

    if compile_catalogues(only_stale=True):
        trans_real._translations = {}  # forget catalogues read before the build
        trans_real._default = None
