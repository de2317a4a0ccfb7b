"""A real Celery worker on Redis builds the delivery packets and reports progress.

Like test_worker.py: the worker is a separate process with the production
settings module (no eager mode) on the test's PostgreSQL database. The admin
starts the build through its URL; the test polls the JSON status endpoint the
progress bar uses, records every value it sees, then downloads the ZIP.
"""

import io
import os
import subprocess
import sys
import time
import zipfile

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from petitions.models import DeliveryBuild, Petition, Signature

from ..test_worker import database_url

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

STATES = ["CA", "NY", "TX", "WA", "FL", "IL"]


def start_worker(broker, tmp_path, delivery_root, log_path):
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
        "DELIVERY_ROOT": str(delivery_root),
        # Report often so that the test sees the bar move.
        "DELIVERY_PROGRESS_EVERY": "100",
    }
    log = open(log_path, "wb")  # noqa: SIM115 - closed with the worker
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
            f"delivery-test-{os.getpid()}@%h",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return worker, log


def test_real_worker_builds_the_packets_and_reports_progress(
    require_postgres, redis_url, use_broker, tmp_path, client, settings
):
    broker = os.environ.get("CELERY_TEST_BROKER_URL") or redis_url
    delivery_root = tmp_path / "deliveries"
    settings.DELIVERY_ROOT = delivery_root  # the test process downloads from here
    petition = Petition.objects.create(
        slug="worker-delivery",
        title="Worker delivery",
        text="Please act.",
        target="Legislators",
    )
    now = timezone.now()
    count = 3000
    Signature.objects.bulk_create(
        [
            Signature(
                petition=petition,
                first_name=f"Signer{n}",
                last_name="Zoë 李",
                email=f"worker{n}@example.com",
                zip_code="12345",
                city="Springfield",
                state=STATES[n % len(STATES)],
                comment="Because it matters." if n % 4 == 0 else "",
                confirmed_at=now,
            )
            for n in range(count)
        ]
    )
    organizer = User.objects.create_superuser("organizer", "o@example.com", "pw")
    client.force_login(organizer)

    use_broker(broker)
    from advocacy.celery import app

    with app.connection_for_write() as conn:  # drop leftovers from earlier runs
        conn.default_channel.queue_purge("celery")
    log_path = tmp_path / "worker.log"
    worker, log = start_worker(broker, tmp_path, delivery_root, log_path)
    try:
        response = client.post(
            reverse("admin:petitions_petition_delivery", args=[petition.pk])
        )
        assert response.status_code == 302
        build = DeliveryBuild.objects.get()
        status_url = reverse(
            "admin:petitions_deliverybuild_status_json", args=[build.pk]
        )
        seen = []
        deadline = time.monotonic() + 120
        data = {}
        while time.monotonic() < deadline:
            data = client.get(status_url).json()
            seen.append((data["status"], data["done"]))
            if not data["active"]:
                break
            time.sleep(0.05)
        assert data.get("status") == "done", (
            f"{data}\n" + log_path.read_text(errors="replace")[-3000:]
        )
        assert data["done"] == data["total"] == count
        assert data["states_done"] == data["states_total"] == len(STATES)
        # The bar moved: the worker reported values between 0 and the total.
        statuses = {status for status, _ in seen}
        assert "running" in statuses, seen[:20]
        middle = sorted({done for status, done in seen if 0 < done < count})
        assert middle, seen
        assert all(done % 100 == 0 or done in _state_ends(count) for done in middle)
        # Values never go backwards.
        dones = [done for _, done in seen]
        assert dones == sorted(dones)

        response = client.get(data["download_url"])
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            names = archive.namelist()
            assert len(names) == len(STATES)
            assert all(archive.read(name).startswith(b"%PDF") for name in names)
        build.refresh_from_db()
        assert build.finished_at is not None and build.file_size == len(body)
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        log.close()


def _state_ends(count):
    """Signers written when each state's PDF is finished (states in code order)."""
    per_state = {}
    for n in range(count):
        state = STATES[n % len(STATES)]
        per_state[state] = per_state.get(state, 0) + 1
    ends, total = set(), 0
    for state in sorted(per_state):
        total += per_state[state]
        ends.add(total)
    return ends
