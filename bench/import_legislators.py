"""Time `import_legislators` on the shared Open States folder (52 files, 7,451 people).

Run (SQLite, a throwaway file under /tmp):

    .venv/bin/python bench/import_legislators.py

Run (PostgreSQL, a throwaway database test_<name> that is dropped afterwards):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<name> .venv/bin/python bench/import_legislators.py

Times, through the management command as an operator runs it: a first import
into an empty table, an unchanged re-import, a dry run, and a re-import after
1,000 rows were edited and 100 retired in the database. Prints a Markdown
table for BENCHMARKS.md.
"""

import io
import os
import platform
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

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

SHARED = Path(os.environ.get("SHARED_DATA_DIR", ROOT.parent / "shared" / "data"))
PEOPLE = SHARED / "openstates" / "people"


def timed(*args):
    out = io.StringIO()
    started = time.perf_counter()
    call_command("import_legislators", *args, stdout=out, stderr=io.StringIO())
    return time.perf_counter() - started, out.getvalue().strip().splitlines()[-2]


def main():
    from letters.models import Legislator

    test_name = None
    if connection.vendor != "sqlite":
        test_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    else:
        call_command("migrate", verbosity=0)
    try:
        rows = []
        rows.append(("first import (empty table)", *timed(str(PEOPLE))))
        rows.append(("re-import, nothing changed", *timed(str(PEOPLE))))
        rows.append(("dry run", *timed(str(PEOPLE), "--dry-run")))
        ids = list(Legislator.objects.order_by("?").values_list("pk", flat=True)[:1100])
        Legislator.objects.filter(pk__in=ids[:1000]).update(email="old@example.org")
        Legislator.objects.filter(pk__in=ids[1000:]).update(active=False)
        rows.append(("re-import, 1,000 edited + 100 inactive", *timed(str(PEOPLE))))
        print(
            f"{connection.vendor}, Python {platform.python_version()}, "
            f"{os.cpu_count()} CPUs\n"
        )
        print("| run | seconds | report |")
        print("| --- | ---: | --- |")
        for name, seconds, report in rows:
            print(f"| {name} | {seconds:.2f} | {report} |")
    finally:
        if test_name:
            connection.creation.destroy_test_db(test_name, verbosity=0)


if __name__ == "__main__":
    main()
