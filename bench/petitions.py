"""Petition numbers: CSV export of 100,000 signatures, and publishing to a dead broker.

Run (PostgreSQL; creates and drops test_<name>):
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/helper_petitions \
    .venv/bin/python bench/petitions.py
Prints the export's time, bytes and Python peak memory (tracemalloc) and the
time a signing request's publish takes to fail when the broker is down.
"""

import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advocacy.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

ROWS = int(os.environ.get("BENCH_ROWS", "100000"))


def export_bench():
    from petitions import content
    from petitions.models import Signature

    petition = content.load()
    now = timezone.now()
    batch = []
    for n in range(ROWS):
        batch.append(
            Signature(
                petition=petition,
                first_name=f"First{n}",
                last_name="Lastname",
                email=f"person{n}@example.com",
                zip_code="94110",
                state="CA",
                comment="=1+1 a comment long enough to matter " * 3,
                may_contact=n % 2 == 0,
                confirmed_at=now,
            )
        )
        if len(batch) == 5000:
            Signature.objects.bulk_create(batch)
            batch = []
    Signature.objects.bulk_create(batch)
    admin = User.objects.create_superuser("bench", "b@example.com", "pw")
    client = Client()
    client.force_login(admin)

    def run():
        started = time.perf_counter()
        response = client.get("/admin/petitions/signature/export/")
        size = lines = 0
        for chunk in response.streaming_content:
            size += len(chunk)
            lines += chunk.count(b"\n")
        return lines - 1, size, time.perf_counter() - started

    rows, size, elapsed = run()
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"export: {rows} rows, {size / 1e6:.1f} MB CSV in {elapsed:.2f} s; "
        f"Python peak memory while streaming {peak / 1e6:.1f} MB"
    )


def broker_down_bench():
    from advocacy.celery import app
    from petitions.services import signature_confirmation_queue

    app.conf.broker_url = "redis://127.0.0.1:9/0"
    app.conf.task_always_eager = False
    app._pool = None
    app.amqp._producer_pool = None
    times = []
    for _ in range(20):
        started = time.perf_counter()
        assert signature_confirmation_queue(signature_id=1) is False
        times.append(time.perf_counter() - started)
    times.sort()
    print(
        f"dead broker publish: median {times[10] * 1000:.1f} ms, "
        f"max {times[-1] * 1000:.1f} ms over 20 attempts"
    )


if __name__ == "__main__":
    import logging

    logging.disable(logging.WARNING)
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        export_bench()
        broker_down_bench()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
