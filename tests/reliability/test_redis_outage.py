"""Redis stopped while people sign (issue 6, reliability test 3).

Redis is the cache, the rate-limit store and the Celery broker. While it is
down, signing still succeeds (the signature is saved; its email cannot be
queued) and pages still render from the database. Nothing is lost: once
Redis is back, the periodic sweep sends every missing confirmation, exactly
once per signer. The test runs its own redis-server so that stopping it
disturbs nobody else on the machine.
"""

import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from . import harness

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]

SLUG = "state-privacy-law"


def signer(n):
    return {
        "first_name": f"Person{n}",
        "last_name": "Outage",
        "email": f"person{n}@example.test",
        "zip_code": "60601",
        "state": "IL",
    }


def sign_many(web, numbers):
    def sign(n):
        return web.post_form(
            f"/petitions/{SLUG}/sign/", signer(n), client_ip=f"10.3.0.{n}"
        )

    with ThreadPoolExecutor(max_workers=10) as pool:
        return list(pool.map(sign, numbers))


def recipients(stack):
    return sorted(message["To"] for message in stack.emails())


def test_signing_survives_a_redis_outage_and_the_sweep_sends_what_was_missed(
    stack, tmp_path
):
    redis = harness.RedisServer(tmp_path).start()
    env = {"REDIS_URL": redis.url(0), "CELERY_BROKER_URL": redis.url(1)}
    try:
        web = stack.start_web(workers=2, **env)
        worker = stack.start_worker(**env)

        before = sign_many(web, range(5))
        assert [r.status for r in before] == [302] * 5
        harness.wait_for(lambda: len(stack.emails()) == 5, timeout=60, message="emails")

        redis.stop()
        during = sign_many(web, range(5, 25))
        assert [r.status for r in during] == [302] * 20, [r.status for r in during]
        page = web.get(f"/petitions/{SLUG}/")
        assert page.status == 200 and "Traceback" not in page.text
        assert stack.sql("SELECT count(*) FROM petitions_signature")[0][0] == 25
        unsent = stack.sql(
            "SELECT count(*) FROM petitions_signature WHERE confirmation_sent_at IS NULL"
        )[0][0]
        assert unsent == 20
        assert len(stack.emails()) == 5

        redis.start()  # same port, empty: a restarted Redis
        assert worker.alive(), "the Celery worker died with the broker"
        # What beat does every few minutes: queue the sweep.
        subprocess.run(
            [
                str(harness.BIN / "celery"),
                "--app",
                "advocacy",
                "call",
                "petitions.tasks.signature_confirmations_sweep",
            ],
            cwd=harness.BASE_DIR,
            env=stack.env(**env),
            check=True,
            capture_output=True,
            timeout=60,
        )
        harness.wait_for(
            lambda: len(stack.emails()) >= 25, timeout=90, message="the swept emails"
        )
        assert recipients(stack) == sorted(f"person{n}@example.test" for n in range(25))
        after = sign_many(web, [25])
        assert after[0].status == 302
        harness.wait_for(lambda: len(stack.emails()) == 26, timeout=60, message="email")
        assert stack.sql("SELECT count(*) FROM petitions_signature")[0][0] == 26
    finally:
        stack.stop_all()
        redis.stop()
