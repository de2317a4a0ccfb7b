"""The unsubscribe link: GET shows a button and changes nothing; the page's
button and a mail app's RFC 8058 one-click POST (no CSRF token) unsubscribe."""

import pytest
from django.test import Client
from django.urls import reverse

from petitions.models import Signature, Unsubscribe
from petitions.updates import tokens

from .conftest import make_campaign, make_signers

pytestmark = pytest.mark.django_db


def unsubscribe_path(address):
    token = tokens.unsubscribe_token_make(email=address)
    return reverse("petitions:update-unsubscribe", kwargs={"token": token})


@pytest.fixture
def signer():
    _, petition = make_campaign("views")
    _, other = make_campaign("other")
    make_signers(petition, ["kim@example.com"])
    make_signers(other, ["kim@example.com"])
    return "kim@example.com"


def test_get_shows_a_button_and_does_not_unsubscribe(client, signer):
    response = client.get(unsubscribe_path(signer))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Stop campaign emails" in body
    assert '<form method="post"' in body and ">Unsubscribe</button>" in body
    assert not Unsubscribe.objects.exists()
    assert Signature.objects.filter(may_contact=True).count() == 2
    assert not response.cookies  # no cookie, not even csrftoken
    assert "no-cache" in response["Cache-Control"]


def test_one_click_post_without_csrf_token_unsubscribes(signer):
    client = Client(enforce_csrf_checks=True)  # as a mail provider's server
    response = client.post(
        unsubscribe_path(signer),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert Unsubscribe.objects.get().email_hash == tokens.email_hash(signer)
    # Every signature with that address, in every campaign.
    assert not Signature.objects.filter(may_contact=True).exists()
    # Again: still fine, still one row.
    assert client.post(unsubscribe_path(signer)).status_code == 200
    assert Unsubscribe.objects.count() == 1


def test_the_pages_own_button_unsubscribes(signer):
    client = Client(enforce_csrf_checks=True)
    page = client.get(unsubscribe_path(signer)).content.decode()
    assert 'name="List-Unsubscribe" value="One-Click"' in page
    response = client.post(unsubscribe_path(signer), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Unsubscribe.objects.count() == 1


def test_an_altered_link_does_nothing(client, signer):
    path = unsubscribe_path(signer)
    forged = path.replace(tokens.email_hash(signer)[:6], "000000")
    response = client.post(forged)
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert not Unsubscribe.objects.exists()
    # A hash signed for another purpose (say, a confirm link's salt) fails too.
    from django.core import signing

    other = signing.Signer(salt="petitions.signature.confirm").sign(
        tokens.email_hash(signer)
    )
    response = client.post(
        reverse("petitions:update-unsubscribe", kwargs={"token": other})
    )
    assert response.status_code == 400
    assert not Unsubscribe.objects.exists()


def test_the_link_names_no_address_and_no_id(signer):
    path = unsubscribe_path(signer)
    assert "kim" not in path and "%40" not in path and "@" not in path
    signature = Signature.objects.first()
    assert str(signature.pk) not in path.split("/")
