"""Issue 16, item 11: a signature stored during a database outage must not
end on the 503 page.

During a PostgreSQL restart two signers saw the 503 page although their
signature was saved and emailed: the INSERT committed, then the next query
(the thanks page after the redirect) failed. Each case here commits the
signature first and then makes the database fail: the page matches what
happened, or sending the form again lands on "check your email".
"""

from contextlib import contextmanager
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.db.backends import utils as db_utils

from petitions.models import Signature

from .conftest import sign

pytestmark = pytest.mark.django_db

OUTAGE = "server closed the connection unexpectedly"


@contextmanager
def database_down():
    """Every query from here on fails the way a restarting PostgreSQL does."""

    def fail(*args, **kwargs):
        raise OperationalError(OUTAGE)

    with mock.patch.object(db_utils.CursorWrapper, "_execute", fail):
        yield


def test_the_simulated_outage_gives_the_503_page(client, petition):
    """The simulation is real: a page that needs the database answers 503."""
    with database_down():
        response = client.get("/petitions/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"


def test_an_outage_after_the_commit_while_queueing_the_email(
    client, petition, django_capture_on_commit_callbacks
):
    from petitions import tasks

    queue = mock.patch.object(
        tasks.signature_confirmation_send,
        "apply_async",
        side_effect=OperationalError(OUTAGE),
    )
    with queue, django_capture_on_commit_callbacks(execute=True):
        response = sign(client, petition)
    assert response.status_code == 302
    assert "/thanks/" in response["Location"]
    signature = Signature.objects.get()
    # Not queued: the periodic sweep sends it (confirmation_sent_at is NULL).
    assert signature.confirmation_sent_at is None
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Check your email to confirm your signature" in page.content.decode()


def test_the_thanks_page_after_the_redirect_needs_no_database(
    client, petition, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign(client, petition)
    assert response.status_code == 302
    assert Signature.objects.count() == 1 and len(mailoutbox) == 1
    # The database goes away between the redirect and the page it points to.
    with database_down():
        page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Check your email to confirm your signature" in html
    assert petition.title in html  # from the cache signing just warmed
    assert 'href="/letters/?state=CA&amp;zip=94110"' in html

    # Even with the cache empty (Redis restarted too) it is not the 503 page.
    cache.clear()
    with database_down():
        page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "<h1>Check your email</h1>" in html
    assert "Your signature is saved" in html
    assert "We will be right back" not in html


def test_a_commit_whose_answer_was_lost_then_a_retry_lands_on_check_your_email(
    client, petition, mailoutbox, django_capture_on_commit_callbacks
):
    """The INSERT commits, then the connection drops before the email is queued.

    (In production the INSERT is its own transaction; here, inside the test's
    transaction, the failure comes right after the save's savepoint, where
    signature_create registers the email.)
    """
    lost = mock.patch(
        "petitions.services.transaction.on_commit",
        side_effect=OperationalError(OUTAGE),
    )
    with lost, django_capture_on_commit_callbacks(execute=True):
        response = sign(client, petition)
    # What the site could know: the database failed mid-request. The page
    # says to send the form again, which is safe (one signature per address).
    assert response.status_code == 503
    assert "send it again in a minute" in response.content.decode()
    assert Signature.objects.count() == 1
    assert mailoutbox == []  # the email was never queued

    with django_capture_on_commit_callbacks(execute=True):
        retry = sign(client, petition)
    assert retry.status_code == 302
    page = client.get(retry["Location"]).content.decode()
    assert "Check your email to confirm your signature" in page
    assert Signature.objects.count() == 1
    # The first email goes out now, not only at the next sweep...
    assert len(mailoutbox) == 1
    assert Signature.objects.get().confirmation_sent_at is not None
    # ...and only once, however often the form is sent again.
    with django_capture_on_commit_callbacks(execute=True):
        sign(client, petition)
        sign(client, petition)
    assert len(mailoutbox) == 1
