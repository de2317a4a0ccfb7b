"""A real Celery worker on Redis sends the confirmation email.

The worker is a separate process with the production settings module (no
eager mode), the test's PostgreSQL database and a file email backend in a
temporary folder. SQLite in memory cannot be shared with another process,
so this needs PostgreSQL (required in CI).
"""

import email
import email.policy
import os
import subprocess
import sys
import time
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from petitions import content
from petitions.models import Signature

from .conftest import path_of, sign

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]


def database_url():
    db = connection.settings_dict
    auth = quote(db["USER"] or "")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"])
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or 5432
    return f"postgres://{auth}@{host}:{port}/{db['NAME']}"


def wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    return None


def test_real_worker_sends_the_confirmation(
    require_postgres, redis_url, use_broker, tmp_path, client
):
    broker = os.environ.get("CELERY_TEST_BROKER_URL") or redis_url
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    log_path = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "advocacy.settings.base",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "DATABASE_URL": database_url(),
        "DATABASE_CONN_MAX_AGE": "0",
        "CELERY_BROKER_URL": broker,
        "REDIS_URL": "",
        "EMAIL_HOST": "",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_OUTBOX_DIR": str(outbox),
        "SITE_URL": settings.SITE_URL,
    }
    petition = content.load()
    use_broker(broker)
    from advocacy.celery import app

    with app.connection_for_write() as conn:  # drop leftovers from earlier runs
        conn.default_channel.queue_purge("celery")

    with open(log_path, "wb") as log:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "advocacy",
                "worker",
                "--pool=solo",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
                "-n",
                f"petitions-test-{os.getpid()}@%h",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        response = sign(client, petition, email="worker@example.com")
        assert response.status_code == 302
        files = wait_for(lambda: sorted(outbox.glob("*.log")))
        assert files, "no email from the worker:\n" + log_path.read_text()[-3000:]
        raw = files[0].read_bytes().split(b"\n" + b"-" * 79 + b"\n")[0]
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert message["To"] == "worker@example.com"
        assert message["Subject"].startswith("Confirm your signature")
        text = message.get_body(preferencelist=("plain",)).get_content()
        confirm_url = next(w for w in text.split() if "/confirm/" in w)
        signature = Signature.objects.get()
        sent = wait_for(
            lambda: Signature.objects.filter(
                confirmation_sent_at__isnull=False
            ).exists(),
            10,
        )
        assert sent, "the worker did not record the email as sent"
        # The link the worker wrote works here (same secret key).
        client.post(path_of(confirm_url))
        signature.refresh_from_db()
        assert signature.confirmed_at is not None
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
