"""Cached public pages timed in one process, against /healthz (issue 17-19).

Run (from the tree to measure; pass another checkout to compare, e.g. a
`git worktree` of an older commit, turn about with this one):

    .venv/bin/python bench/pages_inproc.py [TREE] [--requests 400] [--rounds 3]

Django's test client, the test settings (SQLite in memory, local memory
cache), the site's content loaded: each page is warmed 50 times, then
timed for --requests requests per round; the best round is printed in
microseconds per request. What it shows is the application's own cost per
request (middleware, page cache, templates), free of gunicorn, wrk and the
network, so it stays readable on a machine too busy for bench/load.py; its
ratios are the inverse of load.py's (page time over /healthz time).
"""

import argparse
import os
import sys
import time

PATHS = ["/healthz", "/guides/instagram/", "/petitions/state-privacy-law/", "/"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("tree", nargs="?", default=".")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    tree = os.path.abspath(args.tree)
    sys.path.insert(0, tree)
    os.chdir(tree)
    os.environ["DJANGO_SETTINGS_MODULE"] = "advocacy.settings.test"
    for name in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"):
        os.environ.pop(name, None)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_databases, setup_test_environment

    settings.ALLOWED_HOSTS = ["*"]
    setup_test_environment()
    setup_databases(verbosity=0, interactive=False)
    quiet = open(os.devnull, "w")  # noqa: SIM115
    call_command("load_content", stdout=quiet)
    try:  # trees from before the Spanish catalogues have no such command
        call_command("compile_translations", stdout=quiet)
    except Exception:  # noqa: BLE001
        pass
    client = Client()
    for path in PATHS:
        for _ in range(50):
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    best = {}
    for _ in range(args.rounds):
        for path in PATHS:
            start = time.perf_counter()
            for _ in range(args.requests):
                client.get(path)
            took = (time.perf_counter() - start) / args.requests * 1e6
            best[path] = min(best.get(path, took), took)
    base = best["/healthz"]
    for path in PATHS:
        print(
            f"{path}: {best[path]:.0f} us/request ({best[path] / base:.2f} x /healthz)"
        )


if __name__ == "__main__":
    main()
