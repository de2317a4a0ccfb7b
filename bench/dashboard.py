"""Time the campaign dashboard on the admin home with 100,000 signatures.

Run (PostgreSQL, a throwaway database test_<name> that is dropped afterwards):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<name> .venv/bin/python bench/dashboard.py

Without DATABASE_URL it uses a throwaway SQLite file under /tmp. Creates three
open petitions sharing 100,000 signatures (60 days, every state, about 80 %
confirmed), then times the dashboard's data (`campaign_dashboard`) and the
whole /admin/ page for a superuser (Django test client, in-process): median
of 20 runs, and the number of SQL queries.
"""

import datetime
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advocacy.settings.test")
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = (
        f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    )

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)

SIGNATURES = int(os.environ.get("BENCH_SIGNATURES", "100000"))
RUNS = 20


def seed():
    from django.contrib.auth.models import User
    from django.utils import timezone

    from petitions.models import Petition, Signature
    from states.us import STATES

    states = sorted(STATES)
    now = timezone.now()
    petitions = []
    for i in range(3):
        petition = Petition.objects.create(
            slug=f"bench-{i}", title=f"Bench petition {i}", text="x", target="y"
        )
        Petition.objects.filter(pk=petition.pk).update(
            created_at=now - datetime.timedelta(days=60)
        )
        petitions.append(petition)
    batch = []
    started = time.perf_counter()
    for n in range(SIGNATURES):
        created = now - datetime.timedelta(minutes=(n * 37) % (60 * 24 * 60))
        batch.append(
            Signature(
                petition=petitions[n % 3],
                first_name="Bench",
                last_name=f"Signer{n}",
                email=f"b{n}@example.com",
                zip_code="10001",
                state=states[(n * 7) % len(states)],
                created_at=created,
                confirmed_at=created if n % 5 else None,
            )
        )
        if len(batch) == 5000:
            Signature.objects.bulk_create(batch)
            batch = []
    Signature.objects.bulk_create(batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE petitions_signature")
    print(f"seeded {SIGNATURES:,} signatures in {time.perf_counter() - started:.1f} s")
    return User.objects.create_superuser("bench", "b@example.com", "pw")


def measure(fn):
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            fn()
            times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, max(times) * 1000, len(ctx.captured_queries)


def main():
    from advocacy.dashboard import campaign_dashboard

    setup_test_environment()
    test_name = None
    if connection.vendor == "postgresql":
        test_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    else:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    try:
        user = seed()
        client = Client()
        client.force_login(user)

        def page():
            response = client.get("/admin/")
            assert response.status_code == 200, response.status_code
            assert b"cd-chart" in response.content

        rows = [
            (
                "campaign_dashboard() (data only)",
                measure(lambda: campaign_dashboard(user=user)),
            ),
            ("GET /admin/ (whole page)", measure(page)),
        ]
        print(
            f"\n{connection.vendor}, {SIGNATURES:,} signatures on 3 open petitions, "
            f"Python {platform.python_version()}, median of {RUNS}\n"
        )
        print("| what | median ms | max ms | SQL queries |")
        print("| --- | ---: | ---: | ---: |")
        for label, (median, worst, queries) in rows:
            print(f"| {label} | {median:.1f} | {worst:.1f} | {queries} |")
    finally:
        if test_name:
            connection.creation.destroy_test_db(test_name, verbosity=0)


if __name__ == "__main__":
    main()
