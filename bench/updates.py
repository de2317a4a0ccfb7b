"""One campaign update sent to 10,000, 50,000 and 100,000 eligible signers.

Run (PostgreSQL; creates and drops the database test_updates_bench):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/updates .venv/bin/python bench/updates.py

Options: --sizes 10000,50000,100000.

For each size, a campaign whose petition has that many confirmed signers who
ticked "may contact" (plus a tenth as many who did not, unconfirmed ones and
unsubscribed ones, all to be left out). The update is started as the admin
starts it (`update_send_start`), then a fresh Python process runs the
worker's steps (`update_send_batch`, what petitions.tasks.update_send calls)
one after the other without waiting out the countdowns, against a local SMTP
sink (aiosmtpd, in this process, counting what it receives) over real SMTP.
The rate setting only adds waiting: at the default 5 per second, 100,000
emails take 100,000 / 5 s = 5 h 33 min whatever the machine.

Reports per size: the time to write the recipient rows, the time to send,
emails per second, the resident memory (RSS) of the sending process before
and at its peak (VmHWM), and what the sink received (messages and distinct
addresses). With BENCH_EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
and BENCH_OUTBOX=<folder> the file backend is used instead of SMTP, and its
files are counted (and deleted) after each size. Prints a Markdown table
for BENCHMARKS.md.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advocacy.settings.test")

DB_NAME = "test_updates_bench"
BATCH = (
    500  # emails per worker step (UPDATES_EMAILS_PER_SECOND x UPDATES_BATCH_SECONDS)
)


def rss_kb(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def child(update_id, port):
    """Run every step of one update in this (fresh) process; print JSON."""
    import django

    django.setup()
    import logging

    from django.conf import settings

    logging.disable(logging.WARNING)
    settings.EMAIL_BACKEND = os.environ.get(
        "BENCH_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
    )
    settings.EMAIL_FILE_PATH = os.environ.get("BENCH_OUTBOX", "")
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 20
    settings.UPDATES_EMAILS_PER_SECOND = 1000.0
    settings.UPDATES_BATCH_SECONDS = BATCH / 1000.0
    from petitions.models import CampaignUpdate
    from petitions.updates import services

    update = CampaignUpdate.objects.get(pk=update_id)
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM from here (Linux)
    before = rss_kb("VmRSS")
    started = time.perf_counter()
    services.update_send_batch(update_id=update_id, generation=update.generation)
    written = time.perf_counter() - started
    peak_after_write = rss_kb("VmHWM")
    steps = 0
    profile = None
    if os.environ.get("BENCH_PROFILE"):
        import cProfile

        profile = cProfile.Profile()
        profile.enable()
    while (
        services.update_send_batch(update_id=update_id, generation=update.generation)
        is not None
    ):
        steps += 1
    elapsed = time.perf_counter() - started
    if profile is not None:
        import pstats

        profile.disable()
        pstats.Stats(profile, stream=sys.stderr).sort_stats("cumulative").print_stats(
            25
        )
    update.refresh_from_db()
    print(
        json.dumps(
            {
                "status": update.status,
                "eligible": update.eligible,
                "sent": update.sent,
                "skipped": update.skipped,
                "write_seconds": written,
                "send_seconds": elapsed - written,
                "steps": steps,
                "rss_before_kb": before,
                "rss_peak_after_write_kb": peak_after_write,
                "rss_peak_kb": rss_kb("VmHWM"),
                "rss_end_kb": rss_kb("VmRSS"),
            }
        )
    )


class Sink:
    """aiosmtpd handler: counts messages and distinct recipients, keeps nothing."""

    def __init__(self):
        self.messages = 0
        self.recipients = set()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages += 1
            self.recipients.update(envelope.rcpt_tos)
        return "250 OK"


def outbox_count(folder):
    """(messages, distinct addresses) the file backend wrote for one size, by
    the To: lines of its files, which are then deleted (hundreds of MB)."""
    total, addresses = 0, set()
    for path in Path(folder).glob("*.log"):
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("To: "):
                total += 1
                addresses.add(line[4:])
        path.unlink()
    return total, len(addresses)


def fill(petition, eligible, now):
    from petitions.models import Signature, Unsubscribe
    from petitions.updates.tokens import email_hash

    def signature(n, kind, **fields):
        return Signature(
            petition=petition,
            first_name="Robin",
            last_name=f"Lee{n}",
            email=f"{kind}{n}@p{petition.pk}.example.com",
            zip_code="12345",
            state="CA",
            created_at=now,
            **fields,
        )

    extra = max(1, eligible // 10)
    batch = []
    for n in range(eligible):
        batch.append(signature(n, "yes", confirmed_at=now, may_contact=True))
        if len(batch) == 5000:
            Signature.objects.bulk_create(batch)
            batch = []
    for n in range(extra):
        batch.append(signature(n, "no", confirmed_at=now, may_contact=False))
        batch.append(signature(n, "unconfirmed", confirmed_at=None, may_contact=True))
        batch.append(signature(n, "unsub", confirmed_at=now, may_contact=True))
    for start in range(0, len(batch), 5000):
        Signature.objects.bulk_create(batch[start : start + 5000])
    Unsubscribe.objects.bulk_create(
        [
            Unsubscribe(email_hash=email_hash(f"unsub{n}@p{petition.pk}.example.com"))
            for n in range(extra)
        ],
        ignore_conflicts=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,50000,100000")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.child, options.port)
        return

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("bench/updates.py needs PostgreSQL: set DATABASE_URL=postgres://...")
    from unittest import mock

    import django
    from aiosmtpd.controller import Controller

    django.setup()
    import logging

    logging.disable(logging.WARNING)
    from django.contrib.auth.models import Permission, User
    from django.db import connection
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from campaigns.models import Campaign
    from petitions.models import CampaignUpdate, Petition
    from petitions.updates import services

    setup_test_environment()
    connection.settings_dict["TEST"]["NAME"] = DB_NAME
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    db_url = urlunsplit(urlsplit(url)._replace(path="/" + DB_NAME))
    sink = Sink()
    import socket

    with socket.socket() as probe:  # a free port (aiosmtpd cannot start on 0)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    results = []
    outbox = os.environ.get("BENCH_OUTBOX", "")
    if outbox:
        for leftover in Path(outbox).glob("*.log"):
            leftover.unlink()
    try:
        from core.models import Organization

        Organization(
            name="Bench Coalition",
            description="Bench.",
            postal_address="1 Main Street\nSpringfield, IL 62701",
            email="office@bench-coalition.org",
            phone="555",
            website="https://bench-coalition.org/",
        ).save()
        user = User.objects.create_user("bench", is_staff=True)
        user.user_permissions.add(Permission.objects.get(codename="send_updates"))
        user = User.objects.get(pk=user.pk)
        now = timezone.now()
        for size in [int(s) for s in options.sizes.split(",")]:
            campaign = Campaign.objects.create(
                slug=f"bench-{size}", title=f"Bench {size}", status="live"
            )
            petition = Petition.objects.create(
                campaign=campaign,
                slug=f"bench-{size}",
                title=f"Bench petition ({size:,})",
                text="Keep our data out of AI training.",
                target="State legislators",
            )
            started = time.perf_counter()
            fill(petition, size, now)
            filled = time.perf_counter() - started
            connection.cursor().execute("ANALYZE")
            update = CampaignUpdate.objects.create(
                campaign=campaign,
                subject="We delivered your petition",
                body="\n\n".join(["The packets reached every office."] * 4),
            )
            with mock.patch.object(services, "update_send_queue"):
                services.update_send_start(update=update, user=user)
            before, distinct_before = sink.messages, len(sink.recipients)
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(update.pk)]
                + ["--port", str(port)],
                env={**os.environ, "DATABASE_URL": db_url},
                capture_output=True,
                text=True,
                cwd=ROOT,
            )
            if out.returncode:
                sys.exit(f"child failed:\n{out.stdout}\n{out.stderr}")
            if os.environ.get("BENCH_PROFILE"):
                print(out.stderr[-6000:], file=sys.stderr)
            data = json.loads(out.stdout.strip().splitlines()[-1])
            data["received"] = sink.messages - before
            data["distinct"] = len(sink.recipients) - distinct_before
            if outbox:  # the file backend: count what it wrote instead
                data["received"], data["distinct"] = outbox_count(outbox)
            data["size"] = size
            data["filled"] = filled
            results.append(data)
            print(json.dumps(data), file=sys.stderr)
    finally:
        controller.stop()
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(
        f"\nPython {platform.python_version()}, {os.cpu_count()} CPUs, PostgreSQL, "
        f"{'file backend' if outbox else 'aiosmtpd sink over SMTP'}, "
        f"{time.strftime('%Y-%m-%d')}\n"
    )
    print(
        "| eligible signers | recipients written | sending | emails/s | "
        "received (distinct) | RSS before → peak (Δ) |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | --- |")
    for r in results:
        delta = (r["rss_peak_kb"] - r["rss_before_kb"]) / 1024
        print(
            f"| {r['size']:,} | {r['write_seconds']:.1f} s | {r['send_seconds']:.0f} s | "
            f"{r['sent'] / r['send_seconds']:.0f} | {r['received']:,} "
            f"({r['distinct']:,}) | "
            f"{r['rss_before_kb'] / 1024:.0f} → {r['rss_peak_kb'] / 1024:.0f} MB "
            f"(+{delta:.1f} MB) |"
        )


if __name__ == "__main__":
    main()
