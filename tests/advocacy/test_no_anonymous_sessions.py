"""Issue 16, item 4: no session for a visitor until the letter flow needs one.

Every public page is visited anonymously (tests.advocacy.public_pages, the
catalogue the a11y sweep uses) and the django_session table counted: only a
visit that chose legislators in the letter flow may leave a row, and that
row expires after the two hours /privacy/ promises. Flash messages before a
redirect used to create a 7-day session for every visitor (4,636 GETs of
/letters/wa/write/ made 4,640 rows); the notice now rides in the address.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from letters.services import FLOW_MAX_AGE

from .public_pages import (
    PAGE_IDS,
    PAGES,
    PETITION,
    SENDER,
    ClientAgent,
    seed_site,
    use_error_urls,
)

pytestmark = pytest.mark.django_db

# Choosing legislators (a POST to step 2) is what starts a letter, and a letter
# in progress is the one thing kept in a session.
# Letter steps that start (or continue) the flow; "/letters/" is step 1 of a
# letter to a campaign's own office, which skips choosing legislators.
LETTER_STEP_POSTS = ("/letters/", "/letters/va/", "/letters/va/write/")


class CountingAgent(ClientAgent):
    """A ClientAgent that notes when a letter step was sent and accepted."""

    def __init__(self):
        super().__init__(Client(raise_request_exception=False))
        self.started_letter = False

    def post(self, path, data, *, from_path=None, csrf=True):
        response = super().post(path, data, from_path=from_path, csrf=csrf)
        # Accepted: redirected on to the next step (errors re-render the form).
        if path in LETTER_STEP_POSTS and response.redirect_chain:
            self.started_letter = True
        return response


@pytest.fixture
def site(settings):
    use_error_urls(settings)
    return seed_site()


@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_no_session_for_a_public_page_unless_a_letter_is_started(site, spec):
    agent = CountingAgent()
    before = Session.objects.count()
    spec.visit(agent, site)
    assert agent.responses, "the visit made no request"
    sessions = Session.objects.count() - before
    if agent.started_letter:
        assert sessions == 1
        assert_expires_with_the_letter(Session.objects.get())
    else:
        assert sessions == 0, f"{spec.name} created {sessions} session row(s)"
        assert settings.SESSION_COOKIE_NAME not in agent.client.cookies


def assert_expires_with_the_letter(session):
    left = session.expire_date - timezone.now()
    assert (
        timedelta(seconds=FLOW_MAX_AGE - 60) < left <= timedelta(seconds=FLOW_MAX_AGE)
    )


def test_many_anonymous_gets_of_the_letter_steps_make_no_session(site):
    """The attack: the steps after step 2, opened without a letter, N times."""
    paths = [
        "/letters/va/write/",
        "/letters/wa/write/",
        "/letters/va/preview/",
        "/letters/va/send/",
        "/letters/",
        "/letters/va/",
    ]
    for _ in range(10):
        for path in paths:
            client = Client()
            response = client.get(path)
            assert response.status_code in (200, 302), path
            assert settings.SESSION_COOKIE_NAME not in response.cookies, path
        assert Client().post("/letters/va/download/").status_code == 302
    assert Session.objects.count() == 0


def test_the_notices_are_said_on_the_page_instead(site):
    client = Client()
    page = client.get("/letters/va/write/", follow=True)
    assert page.redirect_chain[-1][0] == "/letters/va/?notice=choose-first"
    assert "First choose who you are writing to." in page.content.decode()

    page = client.get("/letters/va/preview/", follow=True)
    assert page.redirect_chain[-1][0] == "/letters/va/?notice=start-here"
    assert "Start here to write a letter." in page.content.decode()

    page = client.post("/letters/va/download/", follow=True)
    assert page.redirect_chain[-1][0] == "/letters/?state=VA&notice=letter-gone"
    assert "Your letter is no longer here" in page.content.decode()

    # Only known notices show: a link cannot put words on the page.
    page = client.get("/letters/?notice=Send+your+password+to+x").content.decode()
    assert "Send your password" not in page
    assert Session.objects.count() == 0


def test_signing_and_reporting_a_guide_step_make_no_session(site, mailoutbox):
    client = Client()
    client.get(PETITION)
    response = client.post(
        PETITION + "sign/",
        {
            "first_name": "Ann",
            "last_name": "Onymous",
            "email": "ann@example.net",
            "zip_code": "94110",
            "state": "CA",
        },
    )
    assert response.status_code == 302
    client.get("/guides/instagram/")
    response = client.post(
        "/guides/instagram/report/",
        {"description": "The menu is now called Accounts Center."},
        follow=True,
    )
    assert response.redirect_chain == [("/guides/instagram/?notice=reported", 302)]
    assert "Thank you! Your report was sent" in response.content.decode()
    # The shared copy of the guide page never carries the thanks.
    assert (
        "Thank you! Your report"
        not in Client().get("/guides/instagram/").content.decode()
    )
    assert Session.objects.count() == 0


def test_a_letter_session_expires_after_two_hours(site):
    client = Client()
    client.get("/letters/va/?lower=12&upper=12")
    assert Session.objects.count() == 0
    response = client.post("/letters/va/", {"pick": site.legislator_ids})
    assert response.status_code == 302
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == FLOW_MAX_AGE
    assert_expires_with_the_letter(Session.objects.get())
    response = client.post("/letters/va/write/", SENDER)
    assert response.status_code == 302
    assert_expires_with_the_letter(Session.objects.get())
    # Downloading ends it: row and cookie gone.
    assert client.post("/letters/va/download/").content.startswith(b"%PDF")
    assert Session.objects.count() == 0
