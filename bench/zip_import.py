"""Time `import_zip_districts` on the shared ZIP → district file, and ZIP lookups.

Run (SQLite, a throwaway file under /tmp):

    .venv/bin/python bench/zip_import.py

Run (PostgreSQL, a throwaway database test_<name> that is dropped afterwards):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<name> .venv/bin/python bench/zip_import.py

Times a first import into an empty table and a re-import (which replaces every
row), both through the management command as an operator runs it, then the
median of 500 `zip_candidates` lookups with legislators imported. Prints a
Markdown table for BENCHMARKS.md.
"""

import io
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
SQLITE_FILE = None
if not os.environ.get("DATABASE_URL"):
    SQLITE_FILE = Path(tempfile.mkdtemp()) / "zip-bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_FILE}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

SHARED = Path(os.environ.get("SHARED_DATA_DIR", ROOT.parent / "shared" / "data"))
ZIP_FILE = SHARED / "zcta_sld" / "zcta_sld.csv"
PEOPLE = SHARED / "openstates" / "people"


def timed(*args):
    out = io.StringIO()
    started = time.perf_counter()
    call_command(*args, stdout=out)
    return time.perf_counter() - started, out.getvalue()


def main():
    vendor = connection.vendor
    test_name = None
    if vendor != "sqlite":
        test_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    else:
        call_command("migrate", verbosity=0)
    try:
        from letters import content
        from letters.zipdistricts import zip_candidates

        content.load(stdout=io.StringIO())
        first, output = timed("import_zip_districts", str(ZIP_FILE))
        again, _ = timed("import_zip_districts", str(ZIP_FILE))
        call_command("import_legislators", str(PEOPLE), stdout=io.StringIO())
        zips = ["98501", "99501", "02861", "20001", "03220", "83814", "10001", "60614"]
        times = []
        for i in range(500):
            started = time.perf_counter()
            zip_candidates(zips[i % len(zips)], None)
            times.append(time.perf_counter() - started)
        lookup_ms = statistics.median(times) * 1000
    finally:
        if test_name:
            connection.creation.destroy_test_db(test_name, verbosity=0)
        elif SQLITE_FILE:
            SQLITE_FILE.unlink(missing_ok=True)

    print(output.splitlines()[1])
    print()
    print(f"{vendor}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
    print()
    print(
        "| database | first import | re-import (replaces all rows) | lookup (median of 500) |"
    )
    print("| --- | --- | --- | --- |")
    print(f"| {vendor} | {first:.1f} s | {again:.1f} s | {lookup_ms:.2f} ms |")


if __name__ == "__main__":
    main()
