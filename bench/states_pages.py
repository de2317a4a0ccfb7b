"""Time the state map and a state page with a cold and a warm cache.

Run: DJANGO_SETTINGS_MODULE=advocacy.settings.test .venv/bin/python bench/states_pages.py
Uses a throwaway SQLite database in memory with the seeded state facts
(letters.content) and the seeded petition; prints median times and query counts.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advocacy.settings.test")
os.environ["DATABASE_URL"] = "sqlite://:memory:"

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

setup_test_environment()
call_command("migrate", verbosity=0)
from letters import content as letters_content  # noqa: E402
from petitions import content as petitions_content  # noqa: E402

letters_content.load()
petitions_content.load()
client = Client()


def measure(url, *, cold, runs=200):
    times, queries = [], []
    for _ in range(runs):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
        queries.append(len(ctx.captured_queries))
    return statistics.median(times) * 1000, max(queries)


for url in ("/states/", "/states/?sort=-grade", "/states/va/", "/"):
    for cold in (True, False):
        ms, q = measure(url, cold=cold)
        label = "cold cache" if cold else "warm cache"
        print(f"{url:22} {label}: median {ms:5.2f} ms, {q} queries")
