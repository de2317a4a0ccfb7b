"""A Spanish writer's confirmation, rendered and sent by a real Celery worker
(issue 19): the worker has no request and no active language, so the email
follows the language stored on the letter request. Needs PostgreSQL and Redis,
like tests/letters/test_sending_worker.py."""

import re

from letters.models import LetterRequest

from .sending_helpers import WRITER
from .test_sending_worker import (  # noqa: F401 - fixtures
    broker,
    confirm_path,
    pytestmark,
    smtp,
    start_worker,
    va,
    wait_for,
)


def test_the_worker_writes_a_spanish_writers_confirmation_in_spanish(
    client,
    va,  # noqa: F811
    smtp,  # noqa: F811
    start_worker,  # noqa: F811
):
    _, obrien, _, _ = va
    worker = start_worker()
    response = client.post("/es/letters/va/", {"pick": [obrien.pk]})
    assert response.status_code == 302
    assert client.post("/es/letters/va/write/", WRITER).status_code == 302
    response = client.post(
        "/es/letters/va/send/email/",
        {"email": WRITER["email"], "lives_here": "on"},
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 302
    assert LetterRequest.objects.get().language == "es"
    [confirmation] = wait_for(
        lambda: smtp.handler.to(WRITER["email"]),
        message="the confirmation email",
        log=worker.log,
    )
    assert confirmation["Subject"] == "Confirme su carta a su legislador"
    text = confirmation.get_body(preferencelist=("plain",)).get_content()
    html = confirmation.get_body(preferencelist=("html",)).get_content()
    assert text.startswith("Hola, Ann Lee:")
    assert "Hello" not in text
    assert '<html lang="es">' in html
    assert confirm_path(confirmation).startswith("/es/letters/sent/")
    status_links = re.findall(r"https?://\S+/letters/sent/\S+", text)
    assert status_links and all("/es/letters/" in url for url in status_links)
