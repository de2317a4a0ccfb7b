"""Fixtures for the reliability tests: the production shape, for real.

    prod_stack    (session) a PostgreSQL database made for this run (a unique
                  name from DATABASE_URL's server), migrated, static files
                  collected, content loaded; dropped at the end.
    stack         (per test) the same stack with a fresh email outbox, an empty
                  broker and no signatures; every process the test started
                  (stack.start_web(), stack.start_worker()) is killed, as a
                  process group, when the test ends.

Needs PostgreSQL (DATABASE_URL=postgres://...), Redis (REDIS_URL, used as the
servers' cache with a unique key prefix) and a second Redis database for the
Celery broker (RELIABILITY_BROKER_URL or CELERY_TEST_BROKER_URL, which
.ci/run sets). Missing services skip locally and fail in CI (STRICT_TESTS=1).
"""

import os
import shutil
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.conftest import require

from . import harness


def _env_url(*names):
    for name in names:
        if os.environ.get(name):
            return os.environ[name]
    return ""


@pytest.fixture(scope="session")
def prod_stack(tmp_path_factory):
    database_url = os.environ.get("DATABASE_URL", "")
    require(
        database_url.startswith(("postgres://", "postgresql://")),
        "reliability tests need PostgreSQL: set DATABASE_URL=postgres://...",
    )
    redis_url = _env_url("RELIABILITY_REDIS_URL", "REDIS_URL")
    require(bool(redis_url), "reliability tests need Redis: set REDIS_URL=redis://...")
    broker_url = _env_url("RELIABILITY_BROKER_URL", "CELERY_TEST_BROKER_URL")
    require(
        bool(broker_url) and broker_url != redis_url,
        "reliability tests need a Celery broker db: set CELERY_TEST_BROKER_URL "
        "(a Redis database other than REDIS_URL's)",
    )
    require(harness.pg_is_ready(), "PostgreSQL is not accepting connections")

    name = f"reliability_{uuid.uuid4().hex[:10]}"
    url = urlunsplit(urlsplit(database_url)._replace(path=f"/{name}"))
    work_dir = tmp_path_factory.mktemp("prod-stack")
    stack = harness.ProdStack(
        database_url=url,
        redis_url=redis_url,
        broker_url=broker_url,
        static_root=work_dir / "static",
        work_dir=work_dir,
    )
    harness.database_create(url)
    try:
        stack.manage("migrate", "--noinput")
        stack.manage("collectstatic", "--noinput", "--verbosity", "0")
        stack.manage("load_content")
        yield stack
    finally:
        stack.stop_all()
        harness.pg_ensure_running()
        harness.database_drop(url)
        shutil.rmtree(work_dir / "static", ignore_errors=True)


@pytest.fixture
def stack(prod_stack, tmp_path):
    prod_stack.outbox_dir = tmp_path / "outbox"
    prod_stack.outbox_dir.mkdir()
    harness.redis_flush(prod_stack.broker_url)
    prod_stack.sql("DELETE FROM petitions_signature")
    try:
        yield prod_stack
    finally:
        prod_stack.stop_all()
        harness.pg_ensure_running()
        prod_stack.outbox_dir = None
