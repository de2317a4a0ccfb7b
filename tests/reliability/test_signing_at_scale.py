"""500 people sign at once (issue 6, reliability test 1).

Two gunicorn instances (two workers each) on different ports and two Celery
workers share one PostgreSQL and one Redis. 500 signatures are posted
concurrently, split between the instances, each from its own address (as
nginx passes it in X-Real-IP); then every signer confirms through the link in
their email. The count is exactly 500, no response is a 5xx, and every signer
got exactly one confirmation email.
"""

import json
import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from . import harness

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]

SLUG = "state-privacy-law"
PLACES = [
    ("94103", "CA"),
    ("10001", "NY"),
    ("60601", "IL"),
    ("73301", "TX"),
    ("98101", "WA"),
]
CONFIRM_RE = re.compile(rf"/petitions/{SLUG}/confirm/[^/\s\"<>]+/")


def signer(n):
    zip_code, state = PLACES[n % len(PLACES)]
    return {
        "first_name": f"Signer{n}",
        "last_name": "Ünïcödé-Test",
        "email": f"signer{n}@example.test",
        "zip_code": zip_code,
        "state": state,
        "comment": "Keep my posts out of AI training." if n % 3 == 0 else "",
        "list_publicly": "on" if n % 2 else "",
        "website": "",
    }


def client_ip(n):
    return f"10.{n // 250}.{n % 250}.7"


def confirm_url(message):
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            match = CONFIRM_RE.search(part.get_payload(decode=True).decode())
            if match:
                return match.group(0)
    raise AssertionError(f"no confirm link in the email to {message['To']}")


def test_500_concurrent_signatures_on_two_instances_are_all_kept(stack):
    total = 500
    webs = [stack.start_web(workers=2), stack.start_web(workers=2)]
    stack.start_worker(concurrency=2)
    stack.start_worker(concurrency=2)

    def sign(n):
        server = webs[n % 2]
        return server.post_form(
            f"/petitions/{SLUG}/sign/", signer(n), client_ip=client_ip(n)
        )

    with ThreadPoolExecutor(max_workers=40) as pool:
        responses = list(pool.map(sign, range(total)))

    statuses = [r.status for r in responses]
    assert all(status < 500 for status in statuses), sorted(set(statuses))
    assert statuses.count(302) == total, {s: statuses.count(s) for s in set(statuses)}
    assert all(f"/petitions/{SLUG}/thanks/" in r.headers["location"] for r in responses)
    assert stack.sql("SELECT count(*) FROM petitions_signature")[0][0] == total

    # Every signer gets exactly one confirmation email, from either worker.
    harness.wait_for(
        lambda: len(stack.emails()) >= total, timeout=120, message="emails"
    )
    emails = stack.emails()
    recipients = sorted(message["To"] for message in emails)
    assert recipients == sorted(f"signer{n}@example.test" for n in range(total))

    # Everyone confirms through their own link, again split over the instances.
    links = [confirm_url(message) for message in emails]

    def confirm(pair):
        n, path = pair
        return webs[n % 2].post_form(path, {}, client_ip=client_ip(n))

    with ThreadPoolExecutor(max_workers=40) as pool:
        confirmations = list(pool.map(confirm, enumerate(links)))
    assert all(r.status == 200 for r in confirmations), sorted(
        {r.status for r in confirmations}
    )

    confirmed = stack.sql(
        "SELECT count(*) FROM petitions_signature WHERE confirmed_at IS NOT NULL"
    )[0][0]
    assert confirmed == total
    for web in webs:
        count = json.loads(web.get(f"/petitions/{SLUG}/count.json").body)
        assert count["signatures"] == total
    # No second email went out meanwhile (the sweep or a retry would show here).
    assert len(stack.emails()) == total

    # The logs of all those requests and tasks hold no signer's address or
    # email; the web logs are JSON lines.
    for process in stack.processes:
        log = process.log()
        assert "@example.test" not in log, process.name
        assert not re.search(r"\b10\.[012]\.\d+\.7\b", log), process.name
        if process.name == "web":
            complete = log[: log.rfind("\n") + 1]  # a line may be mid-write
            lines = [line for line in complete.splitlines() if line.strip()]
            assert lines and all(json.loads(line)["level"] for line in lines)
