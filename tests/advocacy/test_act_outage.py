"""Issue 16, item 11, for the take-action journey: signing at /act/sign/
lands on step 3, and a database outage that begins between the stored
signature and that page shows "check your email", not the 503 page."""

import pytest

from guides import content as guides_content
from petitions import content as petitions_content
from petitions.models import Signature
from tests.factories import SIGNER
from tests.petitions.test_outage import database_down

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    guides_content.load()
    return petitions_content.load()


def test_step_three_after_signing_survives_an_outage(
    client, site, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/act/sign/?platforms=instagram", SIGNER)
    assert response.status_code == 302 and "signed=1" in response.url
    assert Signature.objects.count() == 1 and len(mailoutbox) == 1
    with database_down():
        page = client.get(response.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "<h1>Check your email</h1>" in html
    assert 'href="/letters/?state=CA&amp;zip=94110"' in html
    # Without a signature to speak of, step 3 is the 503 page as before.
    with database_down():
        assert client.get("/act/write/?state=CA").status_code == 503
