"""Delivery packets at scale: 100,000 confirmed signatures across every state.

Run (PostgreSQL; creates and drops the database bench_delivery_<name>):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h3 .venv/bin/python bench/delivery.py

Options: --rows 100000 --small 10000 (the second petition, to show that memory
does not grow with the rows), --no-tracemalloc (skip the slower traced runs),
--zip-table PATH (the ZIP -> district table, default
../shared/data/zcta_sld/zcta_sld.csv; without it every signer's district is
"not known" and the packets list signers in signing order).

Loads the states and the ZIP table (import_zip_districts' loader) and a real
organization (packets refuse the placeholder), so the packets group signers
by district as they do in production.

Fills the database with bulk_create: a petition with --rows confirmed
signatures spread unevenly over the 50 states, DC and Puerto Rico (the largest
state gets about a seventh of them), each with a ZIP code drawn from its
state's ZIPs in the table (one in 20 from outside it, "district not known"), a mix of Latin, accented, Cyrillic,
Greek, Arabic and CJK names and cities, a comment on every third signer (some
long enough to wrap), plus unconfirmed signatures that must be left out; and a
second petition with --small signatures spread the same way. Then, for each
petition, a fresh Python process runs `delivery_build_run()` exactly as the
Celery task does (streaming from PostgreSQL, one PDF per state, ZIP in private
storage) and reports:

- wall time of the build;
- resident memory (RSS) before the build, its peak during it (VmHWM) and the
  difference;
- in a second fresh process with tracemalloc on (slower), Python's peak
  traced memory during the build, and the most live memory (after a garbage
  collection) at any of its progress reports (every 500 signers);
- the ZIP's size, the PDFs, and the pages of the largest state's PDF.

Prints a Markdown table for BENCHMARKS.md.
"""

import argparse
import gc
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advocacy.settings.test")

FIRST = [
    "Maria",
    "James",
    "Zoë",
    "Ŝtefan",
    "Дмитрий",
    "Ελένη",
    "李",
    "محمد",
    "Aroha",
    "José",
]
LAST = [
    "Garcia",
    "Smith",
    "Ñúñez",
    "Łukasz",
    "Иванов",
    "Παπαδοπούλου",
    "小龙",
    "علي",
    "Ngata",
]
CITIES = [
    "Springfield",
    "San José",
    "Québec Falls",
    "Los Ángeles",
    "Fairview",
    "Georgetown",
]
COMMENTS = [
    "My data should not train anyone's model without my say.",
    "<b>Please</b> act & protect us.",
    "I work in software and I know how much is collected. " * 4,
]


def rss_kb(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def child(build_id, traced):
    """Run one build in this (fresh) process; print a JSON line with the numbers."""
    import django

    django.setup()
    import logging

    from django.conf import settings

    logging.disable(logging.WARNING)
    settings.DELIVERY_ROOT = Path(os.environ["BENCH_DELIVERY_ROOT"])
    from core import pdf as blocks
    from petitions import delivery
    from petitions.models import DeliveryBuild

    # As a warm worker has them: the body and CJK fonts, and the fallbacks the
    # names below need (font files are parsed once per process, not per build).
    blocks.fonts_register(cjk=True)
    for name in ("DejaVuSans", "NotoSansArabic", "DroidSansFallback"):
        blocks.font_get(name)
    DeliveryBuild.objects.filter(pk=build_id).update(status="pending")
    # Reset the peak-RSS counter so VmHWM covers the build only (Linux).
    Path("/proc/self/clear_refs").write_text("5")
    before = rss_kb("VmRSS")
    held = []  # live traced memory at each progress report (every 500 signers)
    if traced:
        import tracemalloc

        save = delivery._Progress.save

        def save_and_measure(progress):
            save(progress)
            gc.collect()  # live objects only, not garbage waiting for the collector
            held.append(tracemalloc.get_traced_memory()[0])

        delivery._Progress.save = save_and_measure
        tracemalloc.start()
    started = time.perf_counter()
    status = delivery.delivery_build_run(build_id=build_id)
    elapsed = time.perf_counter() - started
    peak_traced = 0
    if traced:
        import tracemalloc

        peak_traced = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    build = DeliveryBuild.objects.get(pk=build_id)
    path = delivery.delivery_build_file(build=build)
    print(
        json.dumps(
            {
                "status": status,
                "message": build.message,
                "seconds": elapsed,
                "rss_before_kb": before,
                "rss_peak_kb": rss_kb("VmHWM"),
                "traced_peak": peak_traced,
                "traced_held_max": max(held, default=0),
                "signers": build.progress_done,
                "states": build.states_done,
                "zip": str(path) if path else "",
                "zip_bytes": build.file_size or 0,
            }
        )
    )


def zips_by_state():
    """{USPS code: sorted ZIPs of that state in the ZIP table}."""
    from states.models import ZipDistrict

    result = {}
    for abbr, zcta in (
        ZipDistrict.objects.order_by().values_list("state__abbr", "zcta").distinct()
    ):
        result.setdefault(abbr, []).append(zcta)
    return {abbr: sorted(zips) for abbr, zips in result.items()}


def fill(petition, rows, unconfirmed, zips=None):
    """bulk_create `rows` confirmed signatures (and some unconfirmed ones)."""
    zips = zips or {}
    import random

    from django.utils import timezone

    from petitions.models import Signature
    from states.us import STATES

    states = sorted(STATES)
    # Uneven like real campaigns: weight 1/(rank+1)^0.8, ranks shuffled over the states.
    rng = random.Random(7)
    # ZIPs from their own generator: the states drawn stay those of earlier runs.
    zip_rng = random.Random(11)
    ranks = list(range(len(states)))
    rng.shuffle(ranks)
    weights = [1 / (rank + 1) ** 0.8 for rank in ranks]
    now = timezone.now()
    batch = []
    for n in range(rows + unconfirmed):
        state = rng.choices(states, weights)[0]
        batch.append(
            Signature(
                petition=petition,
                first_name=FIRST[n % len(FIRST)],
                last_name=f"{LAST[n % len(LAST)]}{n}",
                email=f"signer{n}@example.com",
                zip_code=zip_rng.choice(zips[state])
                if zips.get(state) and n % 20
                else f"{n % 100000:05d}",
                city=CITIES[n % len(CITIES)],
                state=state,
                comment=COMMENTS[n % 9 // 3] if n % 3 == 0 else "",
                created_at=now,
                confirmed_at=now if n < rows else None,
            )
        )
        if len(batch) == 5000:
            Signature.objects.bulk_create(batch)
            batch = []
    Signature.objects.bulk_create(batch)


def run_child(db_url, build_id, traced, delivery_root):
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "BENCH_DELIVERY_ROOT": str(delivery_root),
    }
    args = [sys.executable, __file__, "--child", str(build_id)]
    if traced:
        args.append("--traced")
    out = subprocess.run(args, env=env, capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        sys.exit(f"child failed:\n{out.stdout}\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def pages_of_largest(zip_path):
    import shutil
    import tempfile
    import zipfile

    with zipfile.ZipFile(zip_path) as archive:
        info = max(archive.infolist(), key=lambda i: i.file_size)
        if not shutil.which("pdfinfo"):
            return info.filename, None
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(archive.read(info))
            handle.flush()
            text = subprocess.run(
                ["pdfinfo", handle.name], capture_output=True, text=True
            ).stdout
    pages = next(
        (
            int(line.split()[1])
            for line in text.splitlines()
            if line.startswith("Pages:")
        ),
        None,
    )
    return info.filename, pages


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rows", type=int, default=100_000, help="signers, big petition"
    )
    parser.add_argument(
        "--small", type=int, default=10_000, help="signers, small petition"
    )
    parser.add_argument(
        "--no-tracemalloc", action="store_true", help="skip traced runs"
    )
    parser.add_argument(
        "--zip-table",
        default=str(ROOT.parent / "shared" / "data" / "zcta_sld" / "zcta_sld.csv"),
        help="ZIP -> district table to load (import_zip_districts formats)",
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.child, options.traced)
        return

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("bench/delivery.py needs PostgreSQL: set DATABASE_URL=postgres://...")
    import tempfile

    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test.utils import setup_test_environment

    from petitions import delivery
    from petitions.models import Petition

    setup_test_environment()
    parts = urlsplit(url)
    name = f"bench_delivery_{parts.path.lstrip('/') or 'db'}"
    connection.settings_dict["TEST"]["NAME"] = name
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    db_url = urlunsplit(parts._replace(path="/" + name))
    results = []
    try:
        from core.models import Organization
        from letters.zipdistricts import zip_districts_import
        from states import content as states_content

        states_content.load()
        zips = {}
        if Path(options.zip_table).is_file():
            started = time.perf_counter()
            zip_districts_import(paths=[options.zip_table])
            zips = zips_by_state()
            print(
                f"ZIP table: {sum(map(len, zips.values())):,} ZIPs in {len(zips)} "
                f"states, loaded in {time.perf_counter() - started:.1f} s",
                file=sys.stderr,
            )
        else:
            print(f"No ZIP table at {options.zip_table}: no districts", file=sys.stderr)
        Organization(
            name="Bench Coalition",
            postal_address="1 Main Street\nSpringfield, IL 62701",
            email="office@bench-coalition.org",
            website="https://bench-coalition.org/",
        ).save()
        user = User.objects.create_superuser("bench", "bench@example.com", "pw")
        text = "\n\n".join(
            ["Keep our personal data out of AI training without consent."] * 4
        )
        with tempfile.TemporaryDirectory() as folder:
            for rows in (options.small, options.rows):
                petition = Petition.objects.create(
                    slug=f"bench-{rows}",
                    title=f"Bench petition ({rows:,})",
                    text=text,
                    target="State legislators",
                )
                started = time.perf_counter()
                fill(petition, rows, unconfirmed=rows // 10, zips=zips)
                filled = time.perf_counter() - started
                connection.cursor().execute("ANALYZE petitions_signature")
                connection.cursor().execute("ANALYZE letters_zipdistrict")
                build = delivery.delivery_build_start(petition=petition, user=user)
                timed = run_child(db_url, build.pk, False, folder)
                traced = (
                    None
                    if options.no_tracemalloc
                    else run_child(db_url, build.pk, True, folder)
                )
                largest, pages = pages_of_largest(timed["zip"] or traced["zip"])
                results.append((rows, filled, timed, traced, largest, pages))
                print(
                    f"{rows:,} signers: filled in {filled:.1f} s; build {timed['seconds']:.1f} s,"
                    f" status {timed['status']}, {timed['message']}",
                    file=sys.stderr,
                )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    cpu = os.cpu_count()
    print(
        f"\nPython {platform.python_version()}, {cpu} CPUs, PostgreSQL, {time.strftime('%Y-%m-%d')}\n"
    )
    print(
        "| signers (states) | build time | RSS before → peak (Δ) | Python peak (tracemalloc) | ZIP | largest PDF |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for _rows, _filled, timed, traced, largest, pages in results:
        delta = (timed["rss_peak_kb"] - timed["rss_before_kb"]) / 1024
        traced_text = (
            f"peak {traced['traced_peak'] / 1e6:.1f} MB, live at progress reports "
            f"≤ {traced['traced_held_max'] / 1e6:.1f} MB (build {traced['seconds']:.0f} s traced)"
            if traced
            else "-"
        )
        print(
            f"| {timed['signers']:,} ({timed['states']}) | {timed['seconds']:.1f} s | "
            f"{timed['rss_before_kb'] / 1024:.0f} → {timed['rss_peak_kb'] / 1024:.0f} MB "
            f"(+{delta:.0f} MB) | {traced_text} | {timed['zip_bytes'] / 1e6:.1f} MB | "
            f"{largest}: {pages} pages |"
        )


if __name__ == "__main__":
    main()
