"""Letters sent by email at scale (issue 18): 10,000 confirmed letters through
a real Celery worker and a local SMTP server.

Run (PostgreSQL and Redis; creates and drops the database bench_letters_send_<name>):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \\
    REDIS_URL=redis://127.0.0.1:6379/10 BROKER_URL=redis://127.0.0.1:6379/11 \\
    .venv/bin/python bench/letters_send.py --letters 10000

Fills the database with --letters confirmed requests (bulk_create), one
letter each to one of --offices legislators' offices, every letter QUEUED
with a story of its own (as `letter_request_confirm` leaves them), and the
per-office limit raised so none waits for the next day. Queues one
`letters.tasks.delivery_send` per letter on the Redis broker, then starts one
Celery worker (production settings, the pool from --pool / --concurrency)
with EMAIL_HOST pointing at an aiosmtpd server in this process that counts
what arrives. Reports:

- letters per second from the first letter recorded sent to the last (and the
  worker's start-up, until the first);
- the worker's resident memory (RSS, every worker process summed) at the first
  letter, at the end, and its peak (sampled every 0.2 s);
- that every letter arrived exactly once and each row is SENT.

Prints a Markdown table for BENCHMARKS.md.
"""

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advocacy.settings.test")


def rss_kb(pid):
    """VmRSS of `pid` and its children (prefork), in kB."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for one in pids:
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total


def fill(*, letters, offices):
    from django.utils import timezone

    from core.models import Organization
    from letters.models import Legislator, LetterDelivery, LetterRequest
    from states.models import State

    Organization.objects.update_or_create(
        pk=Organization.SINGLETON_ID,
        defaults={
            "name": "Bench Neighbors",
            "description": "Benchmarks.",
            "postal_address": "1 Main Street\nRichmond, VA 23219",
            "email": "hello@bench.example.org",
        },
    )
    va, _ = State.objects.get_or_create(abbr="VA", defaults={"name": "Virginia"})
    legislators = Legislator.objects.bulk_create(
        Legislator(
            openstates_id=f"ocd-person/bench-{n}",
            state=va,
            chamber="lower" if n % 2 else "upper",
            district=str(n % 100 + 1),
            name=f"Member {n}",
            email=f"member{n}@house.example.gov",
        )
        for n in range(offices)
    )
    now = timezone.now()
    requests = LetterRequest.objects.bulk_create(
        LetterRequest(
            state=va,
            email=f"writer{n}@example.org",
            name=f"Writer Number {n}",
            street=f"{n} Elm Street",
            city="Richmond",
            zip_code="23219",
            confirmed_at=now,
            confirmation_sent_at=now,
            public_id=f"lbench{n:08d}",
        )
        for n in range(letters)
    )
    paragraph = (
        "I live in Richmond, and I ask you to strengthen our privacy law so that "
        "companies cannot train AI on our personal data without our permission. "
    )
    LetterDelivery.objects.bulk_create(
        LetterDelivery(
            request=request,
            legislator=legislators[n % offices],
            state=va,
            chamber=legislators[n % offices].chamber,
            district=legislators[n % offices].district,
            addressee=f"Delegate Member {n % offices}",
            office_email=legislators[n % offices].email,
            subject="Consent before our data trains AI",
            body=f"Dear Delegate:\n\n{paragraph * 4}\n\nMy story, number {n}.\n\n"
            "Sincerely,\n",
            story_words=f"my story number {n}",
            status=LetterDelivery.Status.QUEUED,
            public_id=f"dbench{n:08d}",
        )
        for n, request in enumerate(requests)
    )
    return [d for d in LetterDelivery.objects.values_list("pk", flat=True)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=10_000)
    parser.add_argument("--offices", type=int, default=200)
    parser.add_argument("--pool", default="solo", help="Celery pool (solo, prefork)")
    parser.add_argument("--concurrency", type=int, default=1)
    options = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    broker = os.environ.get("BROKER_URL", "")
    if not url.startswith("postgres") or not redis_url or not broker:
        sys.exit("needs DATABASE_URL=postgres://..., REDIS_URL and BROKER_URL (Redis)")
    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    from advocacy.celery import app
    from letters.models import LetterDelivery
    from tests.letters.smtp_server import SMTPServer
    from tests.petitions.test_worker import database_url

    setup_test_environment()
    name = f"bench_letters_send_{urlsplit(url).path.lstrip('/') or 'db'}"
    connection.settings_dict["TEST"]["NAME"] = name
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    smtp = SMTPServer().start()
    worker = None
    try:
        started = time.perf_counter()
        ids = fill(letters=options.letters, offices=options.offices)
        fill_seconds = time.perf_counter() - started
        app.conf.broker_url = broker
        app.conf.task_always_eager = False
        app._pool = None
        with app.connection_for_write() as conn:
            conn.default_channel.queue_purge("celery")
        from letters.tasks import delivery_send

        started = time.perf_counter()
        with app.producer_or_acquire() as producer:
            for pk in ids:
                delivery_send.apply_async(args=[pk], producer=producer)
        queue_seconds = time.perf_counter() - started

        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "advocacy.settings.production",
            "DJANGO_SECRET_KEY": settings.SECRET_KEY,
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker,
            "REDIS_URL": redis_url,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
            "EMAIL_USE_TLS": "false",
            "LETTERS_SEND_PER_OFFICE_PER_DAY": str(options.letters),
            "LOG_LEVEL": "WARNING",
        }
        log = open("/tmp/bench_letters_send_worker.log", "wb")  # noqa: SIM115
        launched = time.perf_counter()
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "advocacy",
                "worker",
                f"--pool={options.pool}",
                f"--concurrency={options.concurrency}",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=WARNING",
                "-n",
                f"bench-letters-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        first = None
        rss_first = peak = 0
        sent = 0
        while sent < options.letters:
            time.sleep(0.2)
            rss = rss_kb(worker.pid)
            peak = max(peak, rss)
            sent = len(smtp.handler.messages)
            if sent and first is None:
                first, rss_first = time.perf_counter(), rss
            if worker.poll() is not None:
                sys.exit("the worker stopped; see /tmp/bench_letters_send_worker.log")
        last = time.perf_counter()
        rss_end = rss_kb(worker.pid)
        time.sleep(1)
        rows_sent = LetterDelivery.objects.filter(
            status=LetterDelivery.Status.SENT
        ).count()
        received = [m["rcpt"][0] for m in smtp.handler.messages]
        ids_seen = {m["message"]["Message-ID"] for m in smtp.handler.messages}
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)
        smtp.stop()
        connection.creation.destroy_test_db(old_name, verbosity=0)

    rate = (options.letters - 1) / (last - first) if last > first else float("nan")
    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs")
    print(f"fill {fill_seconds:.1f} s, queue {queue_seconds:.1f} s")
    print()
    print("| what | value |")
    print("| --- | ---: |")
    print(f"| letters | {options.letters:,} to {options.offices} offices |")
    print(f"| worker | pool {options.pool}, concurrency {options.concurrency} |")
    print(f"| worker start-up, to the first letter | {first - launched:.1f} s |")
    print(f"| first to last letter | {last - first:.1f} s |")
    print(f"| letters per second | {rate:.0f} |")
    print(f"| worker RSS at the first letter | {rss_first / 1024:.0f} MB |")
    print(f"| worker RSS at the end | {rss_end / 1024:.0f} MB |")
    print(f"| worker RSS peak (sampled) | {peak / 1024:.0f} MB |")
    print(
        f"| messages received / distinct Message-IDs | {len(received):,} / {len(ids_seen):,} |"
    )
    print(f"| rows SENT | {rows_sent:,} |")


if __name__ == "__main__":
    main()
