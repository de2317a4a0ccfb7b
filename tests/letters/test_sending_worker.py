"""Letters sent by a real Celery worker on Redis through a real SMTP server.

The worker is a separate process with the production settings (Redis
broker with a short visibility timeout, no eager mode), the test's
PostgreSQL database, and EMAIL_HOST pointing at a local aiosmtpd server
(tests/letters/smtp_server.py) that records what arrives. The pages are
driven through the test client in this process, publishing to the same
broker. Needs PostgreSQL and Redis (REDIS_URL, and CELERY_TEST_BROKER_URL
for the broker database), like tests/petitions/test_worker.py.
"""

import os
import signal
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from letters.models import LetterDelivery
from letters.sending.services import INTERRUPTED
from tests.petitions.test_worker import database_url

from .sending_helpers import WRITER, ask_to_send, seed, write_letter
from .smtp_server import SMTPServer

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

Status = LetterDelivery.Status
OFFICE = "delobrien@house.virginia.gov"
SECOND_OFFICE = "sentobin@senate.virginia.gov"
VISIBILITY = 3


def wait_for(predicate, timeout=60.0, message="", log=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    detail = log.read_text()[-4000:] if log and log.exists() else ""
    pytest.fail(f"timed out waiting for {message}\n{detail}")


class Worker:
    def __init__(self, proc, log):
        self.proc = proc
        self.log = log

    def kill(self):
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def smtp():
    server = SMTPServer().start()
    yield server
    server.stop()


@pytest.fixture
def broker(require_postgres, redis_url, use_broker):
    url = os.environ.get("CELERY_TEST_BROKER_URL") or redis_url
    use_broker(url)
    from advocacy.celery import app

    with app.connection_for_write() as conn:  # drop leftovers from earlier runs
        conn.default_channel.queue_purge("celery")
    return url


@pytest.fixture
def start_worker(broker, redis_url, smtp, tmp_path):
    workers = []

    def start(name="w", **extra):
        log = tmp_path / f"worker-{name}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "advocacy.settings.production",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": settings.SECRET_KEY,
            "DATABASE_URL": database_url(),
            "DATABASE_CONN_MAX_AGE": "0",
            "CELERY_BROKER_URL": broker,
            "REDIS_URL": redis_url,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
            "EMAIL_USE_TLS": "false",
            "EMAIL_TIMEOUT": "90",
            "SITE_URL": settings.SITE_URL,
            "LETTERS_SEND_RETRY_SECONDS": "1",
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY),
            "CELERY_UNACKED_RESTORE_INTERVAL": "1",
            "CELERY_UNACKED_RESTORE_THROTTLE": "1",
            **{k: str(v) for k, v in extra.items()},
        }
        with open(log, "wb") as out:
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "advocacy",
                    "worker",
                    "--pool=solo",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "--loglevel=INFO",
                    "-n",
                    f"letters-{name}-{os.getpid()}@%h",
                ],
                cwd=settings.BASE_DIR,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        worker = Worker(proc, log)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


@pytest.fixture
def va():
    return seed()


def confirm_path(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    url = next(w for w in text.split() if "/confirm/" in w)
    return urlsplit(url).path


def confirm_through_email(client, smtp, worker):
    """The writer's confirmation arrives over SMTP; press its button."""
    [confirmation] = wait_for(
        lambda: smtp.handler.to(WRITER["email"]),
        message="the confirmation email",
        log=worker.log,
    )
    assert confirmation["Subject"].startswith("Confirm your letter")
    response = client.post(confirm_path(confirmation))
    assert response.status_code == 302
    return confirmation


def test_the_worker_sends_headers_and_both_parts(client, va, smtp, start_worker):
    _, obrien, _, _ = va
    worker = start_worker()
    write_letter(client, [obrien])
    assert ask_to_send(client).status_code == 302
    confirm_through_email(client, smtp, worker)
    [letter] = wait_for(
        lambda: smtp.handler.to(OFFICE), message="the letter", log=worker.log
    )
    delivery = wait_for(
        lambda: LetterDelivery.objects.filter(status=Status.SENT).first(),
        message="the letter recorded as sent",
        log=worker.log,
    )
    assert letter["To"] == OFFICE
    assert letter["From"].addresses[0].display_name == "Ann Lee via Privacy Neighbors"
    assert letter["From"].addresses[0].addr_spec == "noreply@localhost"
    assert letter["Reply-To"] == WRITER["email"]
    assert letter["Message-ID"] == delivery.message_id
    assert letter.get_content_type() == "multipart/alternative"
    text = (
        letter.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    )
    html = letter.get_body(preferencelist=("html",)).get_content()
    assert "training set" in text and "training set" in html
    assert "Ann Lee\n12 Elm Street\nRichmond, VA 23219" in text
    assert "12 Elm Street" in html
    time.sleep(1)
    assert len(smtp.handler.to(OFFICE)) == 1


def test_a_temporary_refusal_is_retried(client, va, smtp, start_worker):
    _, obrien, _, _ = va
    smtp.handler.plan[OFFICE] = ["451 4.7.1 Greylisted, try again later"] * 2
    worker = start_worker()
    write_letter(client, [obrien])
    ask_to_send(client)
    confirm_through_email(client, smtp, worker)
    wait_for(
        lambda: smtp.handler.to(OFFICE), message="the retried letter", log=worker.log
    )
    delivery = wait_for(
        lambda: LetterDelivery.objects.filter(status=Status.SENT).first(),
        message="sent",
        log=worker.log,
    )
    assert smtp.handler.attempts[OFFICE] == 3
    assert delivery.attempts == 3
    assert len(smtp.handler.to(OFFICE)) == 1
    assert "Retry in" in worker.log.read_text()


def test_a_permanent_refusal_fails_and_tells_the_writer(client, va, smtp, start_worker):
    _, obrien, _, _ = va
    smtp.handler.plan[OFFICE] = ["550 5.1.1 No such mailbox here"]
    worker = start_worker()
    write_letter(client, [obrien])
    ask_to_send(client)
    confirm_through_email(client, smtp, worker)
    notices = wait_for(
        lambda: smtp.handler.to(WRITER["email"])[1:],
        message="the failure notice",
        log=worker.log,
    )
    [notice] = notices
    assert (
        notice["Subject"] == "Your letter to Delegate Patrick O'Brien could not be sent"
    )
    text = notice.get_body(preferencelist=("plain",)).get_content()
    assert "550 5.1.1 No such mailbox here" in text
    assert "download the PDF and post it instead" in text
    delivery = LetterDelivery.objects.get()
    assert delivery.status == Status.FAILED
    assert smtp.handler.to(OFFICE) == []
    assert smtp.handler.attempts[OFFICE] == 1  # never retried


def test_one_message_per_office_after_a_killed_worker(
    client, va, smtp, start_worker, tmp_path
):
    _, obrien, tobin, _ = va
    tobin.email = SECOND_OFFICE
    tobin.save()
    marker = tmp_path / "held"
    smtp.handler.plan[OFFICE] = ["hold"]
    smtp.handler.held_marker = marker
    doomed = start_worker("doomed")
    write_letter(client, [obrien, tobin])
    ask_to_send(client)
    confirm_through_email(client, smtp, doomed)
    # The server has the letter but has not said "250" yet: kill the worker.
    wait_for(marker.exists, message="the letter handed over", log=doomed.log)
    doomed.kill()
    assert len(smtp.handler.to(OFFICE)) == 1
    held = LetterDelivery.objects.get(office_email=OFFICE)
    assert held.status == Status.SENDING

    rescuer = start_worker("rescuer", LETTERS_SEND_STALE_SECONDS=1)
    wait_for(
        lambda: LetterDelivery.objects.filter(status=Status.SENT).count() == 2,
        timeout=VISIBILITY + 60,
        message="both letters settled",
        log=rescuer.log,
    )
    time.sleep(VISIBILITY + 2)  # a second copy would have arrived by now
    assert len(smtp.handler.to(OFFICE)) == 1
    assert len(smtp.handler.to(SECOND_OFFICE)) == 1
    held.refresh_from_db()
    assert (held.status, held.failure_reason) == (Status.SENT, INTERRUPTED)
    assert "letters.tasks.delivery_send" in rescuer.log.read_text()
