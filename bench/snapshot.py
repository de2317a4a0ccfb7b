"""Time `make run`'s data step: `manage.py load_snapshot` on a fresh database.

Run (SQLite, a throwaway file under /tmp, and PostgreSQL, a throwaway database
bench_snapshot_<pid> created and dropped on the server of --postgres):

    .venv/bin/python bench/snapshot.py --postgres postgres://postgres@127.0.0.1:5432/postgres

Without --postgres only SQLite is timed. For each database, as `make run`
does it, each command a fresh process: `migrate`, `load_content`, then
`load_snapshot` into the empty tables (timed: the whole process, its CPU time, and the
seconds the command reports for its own work), then `load_snapshot` again
(nothing to load: it must be quick and change nothing). --runs N repeats the
whole thing N times (fresh database each) and reports the median. Prints a
Markdown table for BENCHMARKS.md.
"""

import argparse
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def manage(env, *args):
    """(wall seconds, CPU seconds of the process, stdout) of one manage.py command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return seconds, cpu, done.stdout


def psql(url, sql):
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


def one_run(database_url):
    env = {
        **os.environ,
        "DJANGO_DEBUG": "true",
        "DATABASE_URL": database_url,
    }
    for name in ("REDIS_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_content")
    wall, cpu, out = manage(env, "load_snapshot")
    reported = float(re.search(r"Snapshot loaded in ([\d.]+) s", out).group(1))
    assert "7,451 loaded" in out and "104,648 rows loaded" in out, out
    again, _, out = manage(env, "load_snapshot")
    assert "kept as it is" in out, out
    return wall, cpu, reported, again


def measure(label, make_url, drop, runs):
    rows = []
    for i in range(runs):
        url = make_url(i)
        try:
            rows.append(one_run(url))
        finally:
            drop(url)
    wall, cpu, reported, again = (
        statistics.median(col) for col in zip(*rows, strict=True)
    )
    return (
        f"| {label} | {wall:.1f} s | {cpu:.1f} s | {reported:.1f} s | {again:.1f} s |"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postgres", default="", help="URL of a PostgreSQL server's database"
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-snapshot-"))
    lines = [
        f"load_snapshot on a fresh database; median of {args.runs} runs; "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}.",
        "",
        "| database | `load_snapshot` process (wall) | its CPU time "
        "| its own work (reported) | second run (nothing to load) |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines.append(
        measure(
            "SQLite (file)",
            lambda i: f"sqlite:///{tmp / f'db{i}.sqlite3'}",
            lambda url: Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True),
            args.runs,
        )
    )
    if args.postgres:
        server = urlsplit(args.postgres)

        def make_url(i):
            name = f"bench_snapshot_{os.getpid()}_{i}"
            psql(args.postgres, f'DROP DATABASE IF EXISTS "{name}"')
            psql(args.postgres, f'CREATE DATABASE "{name}"')
            return urlunsplit(server._replace(path=f"/{name}"))

        def drop(url):
            name = urlsplit(url).path.lstrip("/")
            psql(args.postgres, f'DROP DATABASE IF EXISTS "{name}"')

        lines.append(measure("PostgreSQL", make_url, drop, args.runs))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
