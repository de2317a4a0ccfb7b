"""200 people signing at once against PostgreSQL: exactly 200 signatures.

Every signer submits twice at the same moment (the second time with the
email in another letter case, as a double-click on a phone would), from
threads that each hold their own database connection, then confirms (some twice).
The unique (petition, lower(email)) constraint and the conditional UPDATE
that confirms must give exactly 200, with no errors.
"""

import json
import queue
import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import Client

from petitions import content
from petitions.models import Signature

from .conftest import links_in, path_of, sign

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SIGNERS = 200
THREADS = 40  # each with its own connection; PostgreSQL allows 100 by default


def run_concurrently(jobs, work):
    """Run `work(client, job)` for every job on THREADS threads released together."""
    pending = queue.Queue()
    for job in jobs:
        pending.put(job)
    start = threading.Barrier(THREADS)
    results, errors = [], []

    def worker():
        client = Client()
        try:
            start.wait()
            while True:
                try:
                    job = pending.get_nowait()
                except queue.Empty:
                    return
                try:
                    results.append(work(client, job))
                except Exception as exc:  # collected and asserted below
                    errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def test_200_concurrent_signers_give_exactly_200(require_postgres):
    petition = content.load()
    email = "signer{:03d}@example.com"
    jobs = []
    for n in range(SIGNERS):
        jobs.append((n, email.format(n)))
        jobs.append((n, email.format(n).upper()))  # the same person, at the same time

    def sign_job(client, job):
        n, address = job
        response = sign(
            client,
            petition,
            ip=f"10.0.{n // 250}.{n % 250 + 1}",
            email=address,
            first_name=f"Signer{n}",
        )
        return response.status_code

    statuses, errors = run_concurrently(jobs, sign_job)
    assert errors == []
    assert statuses == [302] * (2 * SIGNERS)
    assert Signature.objects.filter(petition=petition).count() == SIGNERS
    # One confirmation email per person: the duplicate sent none.
    assert len(mail.outbox) == SIGNERS
    assert len({m.to[0] for m in mail.outbox}) == SIGNERS

    confirm_paths = [path_of(links_in(message)[0]) for message in mail.outbox]
    # Everyone confirms at once; a quarter of them press the button twice.
    confirm_jobs = confirm_paths + confirm_paths[: SIGNERS // 4]

    def confirm_job(client, path):
        return client.post(path).status_code

    statuses, errors = run_concurrently(confirm_jobs, confirm_job)
    assert errors == []
    assert statuses == [200] * len(confirm_jobs)

    assert Signature.objects.filter(petition=petition).confirmed().count() == SIGNERS
    response = Client().get(f"/petitions/{petition.slug}/count.json")
    assert json.loads(response.content) == {
        "signatures": SIGNERS,
        "goal": petition.goal,
    }
