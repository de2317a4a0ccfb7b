"""A real Celery worker on Redis sends an update against PostgreSQL, is
killed mid-run, and a second worker finishes it: exactly one email per
eligible signer, none to the unsubscribed, none twice.

Like tests/petitions/test_worker.py: the workers are separate processes with
the base settings (no eager mode) and a file email backend in a temporary
folder, which the test reads afterwards.
"""

import os
import re
import signal
import subprocess
import sys
from collections import Counter

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse

from petitions.models import CampaignUpdate, Unsubscribe, UpdateRecipient
from petitions.updates import services, tokens

from ..test_worker import database_url, wait_for
from .conftest import make_campaign, make_signers, make_update

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

RATE = 100  # emails per second: the run takes a few seconds, long enough to kill
BATCH_SECONDS = 0.2  # batches of 20


def start_worker(broker, outbox, log_path, name):
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
        "UPDATES_EMAILS_PER_SECOND": str(RATE),
        "UPDATES_BATCH_SECONDS": str(BATCH_SECONDS),
    }
    log = open(log_path, "ab")  # noqa: SIM115 - closed with the worker
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
            f"{name}-{os.getpid()}@%h",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return worker, log


def stop(worker, log):
    if worker.poll() is None:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    log.close()


def addresses_mailed(outbox):
    """Every To: address in the file backend's files (one line per message)."""
    found = []
    for path in outbox.glob("*.log"):
        text = path.read_text(errors="replace")
        found += re.findall(r"^To: (\S+)$", text, flags=re.MULTILINE)
    return found


def test_killed_worker_resumes_without_mailing_anyone_twice(
    require_postgres, redis_url, use_broker, tmp_path, client
):
    broker = os.environ.get("CELERY_TEST_BROKER_URL") or redis_url
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    log_path = tmp_path / "worker.log"
    campaign, petition = make_campaign("worker")
    eligible = [f"signer{n}@example.com" for n in range(300)]
    unsubscribed = [f"unsub{n}@example.com" for n in range(20)]
    make_signers(petition, eligible + unsubscribed)
    # Unsubscribed from another campaign's email: only the Unsubscribe row says so.
    Unsubscribe.objects.bulk_create(
        [Unsubscribe(email_hash=tokens.email_hash(a)) for a in unsubscribed]
    )
    make_signers(
        petition, [f"nocontact{n}@example.com" for n in range(15)], may_contact=False
    )
    make_signers(
        petition, [f"unconfirmed{n}@example.com" for n in range(15)], confirmed=False
    )
    other, other_petition = make_campaign("other-campaign")
    make_signers(other_petition, ["other@example.com"])
    update = make_update(campaign, subject="Worker update")
    organizer = User.objects.create_superuser("organizer", "o@example.com", "pw")
    client.force_login(organizer)

    use_broker(broker)
    from advocacy.celery import app

    with app.connection_for_write() as conn:  # drop leftovers from earlier runs
        conn.default_channel.queue_purge("celery")
    worker, log = start_worker(broker, outbox, log_path, "updates-first")
    second = None
    try:
        response = client.post(
            reverse("admin:petitions_campaignupdate_send", args=[update.pk])
        )
        assert response.status_code == 302
        # Kill the worker (SIGKILL: no clean shutdown) once it is under way.
        under_way = wait_for(
            lambda: (
                UpdateRecipient.objects.filter(
                    update=update, status=UpdateRecipient.SENT
                ).count()
                >= 60
            ),
            60,
        )
        assert under_way, log_path.read_text(errors="replace")[-3000:]
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
        stopped_at = UpdateRecipient.objects.filter(
            update=update, status=UpdateRecipient.SENT
        ).count()
        assert stopped_at < len(eligible), "the run finished before the kill"
        assert CampaignUpdate.objects.get(pk=update.pk).status == "sending"

        second, second_log = start_worker(broker, outbox, log_path, "updates-second")
        # What beat does every minute, with "stale" meaning now.
        assert services.updates_stalled_resume(stale_seconds=0) == 1
        done = wait_for(
            lambda: CampaignUpdate.objects.filter(
                pk=update.pk, status=CampaignUpdate.SENT
            ).exists(),
            90,
        )
        assert done, log_path.read_text(errors="replace")[-3000:]
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
        log.close()
        if second is not None:
            stop(second, second_log)

    mailed = addresses_mailed(outbox)
    counts = Counter(mailed)
    assert max(counts.values()) == 1, [a for a, n in counts.items() if n > 1]
    assert not set(mailed) & set(unsubscribed)
    assert set(mailed) <= set(eligible)
    rows = Counter(
        UpdateRecipient.objects.filter(update=update).values_list("status", flat=True)
    )
    assert rows["queued"] == 0
    # At most the email in flight when the worker was killed is left
    # "sending": it may or may not have gone out, and was not sent again.
    assert rows["sending"] <= 1
    assert rows["sent"] + rows["sending"] == len(eligible)
    sent = set(
        UpdateRecipient.objects.filter(update=update, status="sent").values_list(
            "email", flat=True
        )
    )
    assert sent <= set(mailed)
    assert len(mailed) >= len(eligible) - rows["sending"]
    update.refresh_from_db()
    assert update.sent == rows["sent"] and update.eligible == len(eligible)
