"""A Celery worker killed while sending (issue 6, reliability test 2).

The confirmation task is acked late, so when its worker dies mid-send
(SIGKILL of the whole worker: no warm shutdown, no chance to requeue), the
broker hands the task to another worker once the visibility timeout passes,
and the signer gets exactly one email.
"""

import os
import signal
import time
from pathlib import Path

import pytest

from . import harness

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]

SLUG = "state-privacy-law"
SLOW_BACKEND = "tests.reliability.slow_email.SlowFileBackend"
VISIBILITY = 5  # seconds; production default is an hour (CELERY_VISIBILITY_TIMEOUT)
# Look for abandoned tasks every second (production: every 100 s).
FAST_RESTORE = {
    "CELERY_VISIBILITY_TIMEOUT": VISIBILITY,
    "CELERY_UNACKED_RESTORE_INTERVAL": 1,
    "CELERY_UNACKED_RESTORE_THROTTLE": 1,
}


def test_email_is_sent_once_by_another_worker_after_a_worker_is_killed(stack):
    web = stack.start_web(workers=1)
    doomed = stack.start_worker(
        name="doomed",
        EMAIL_BACKEND=SLOW_BACKEND,
        SLOW_EMAIL_SECONDS=120,
        **FAST_RESTORE,
    )
    response = web.post_form(
        f"/petitions/{SLUG}/sign/",
        {
            "first_name": "Ada",
            "last_name": "Lovelace",
            "email": "ada@example.test",
            "zip_code": "10001",
            "state": "NY",
        },
        client_ip="10.9.9.9",
    )
    assert response.status == 302

    outbox = Path(stack.env()["EMAIL_OUTBOX_DIR"])
    harness.wait_for(
        lambda: list(outbox.glob("sending-*.marker")),
        timeout=30,
        message="the first worker to start sending",
    )
    os.killpg(doomed.pid, signal.SIGKILL)
    doomed.proc.wait(timeout=10)
    assert stack.emails() == []

    rescuer = stack.start_worker(name="rescuer", **FAST_RESTORE)
    harness.wait_for(
        lambda: stack.emails(), timeout=VISIBILITY + 60, message="the redelivered email"
    )
    time.sleep(VISIBILITY + 2)  # a second delivery would have shown up by now
    emails = stack.emails()
    assert [message["To"] for message in emails] == ["ada@example.test"]
    assert "petitions.tasks.signature_confirmation_send" in rescuer.log()
    sent = stack.sql("SELECT confirmation_sent_at IS NOT NULL FROM petitions_signature")
    assert sent == [(True,)]
