"""Issue 16, item 3: a name is not a way into our emails.

The attack: a first name carrying a CRLF, a Bcc header and a link. The sign
form refuses it with a plain message and keeps everything else typed; real
names of every script pass; the email greets by first name only when the
name passes the rule (a row stored before the rule greets plainly).
"""

import html

import pytest

from petitions.models import Signature
from petitions.services import signature_confirmation_message
from tests.factories import SignatureFactory

from .conftest import sign

pytestmark = pytest.mark.django_db

ATTACK = 'Ann\r\nBcc: victim@example.com\r\n\r\n<a href="http://evil.example">x</a>'
MESSAGE = (
    "Please enter your first name on one line, without links or symbols like < and >."
)


def test_the_crlf_bcc_link_first_name_is_refused_and_the_rest_kept(
    client, petition, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign(
            client,
            petition,
            first_name=ATTACK,
            last_name="Lovelace-Byron",
            email="ada.kept@example.com",
            city="San Francisco",
            comment="Keep this comment.",
        )
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert page.startswith("<!DOCTYPE html>") or "<html" in page
    assert "<title>Error: " in page
    assert f"First name: {MESSAGE}" in page  # the error summary
    assert page.count(MESSAGE) == 2  # ...and beside the field
    # Nothing else typed is lost.
    for kept in ("Lovelace-Byron", "ada.kept@example.com", "San Francisco", "94110"):
        assert f'value="{kept}"' in page, kept
    assert "Keep this comment." in page
    assert Signature.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "last_name",
            "Smith <script>",
            "Please enter your last name without symbols like < and >.",
        ),
        (
            "city",
            "Visit www.evil.example",
            "Please enter your city without links or web addresses.",
        ),
        (
            "first_name",
            "Ann\u202eevil",
            "Please enter your first name on one line, without links or symbols "
            "like < and >.",
        ),
    ],
)
def test_links_markup_and_hidden_characters_are_refused(
    client, petition, field, value, message
):
    response = sign(client, petition, **{field: value})
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert Signature.objects.count() == 0


@pytest.mark.parametrize(
    ("first", "last", "city"),
    [
        ("José", "O'Neil-Smith", "San José"),
        ("李小龍", "李", "三藩市"),
        ("Zoë", "Quayle-Ñúñez", "St. Louis"),
    ],
)
def test_real_names_sign_and_are_greeted(
    client,
    petition,
    mailoutbox,
    django_capture_on_commit_callbacks,
    first,
    last,
    city,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign(client, petition, first_name=first, last_name=last, city=city)
    assert response.status_code == 302
    signature = Signature.objects.get()
    assert (signature.first_name, signature.last_name, signature.city) == (
        first,
        last,
        city,
    )
    assert mailoutbox[0].body.startswith(f"Hello {first},\n")
    assert f"<p>Hello {first},</p>" in mailoutbox[0].alternatives[0][0]


def test_a_stored_name_that_breaks_the_rule_is_not_in_the_greeting(petition):
    """A row from before the rule (or written around the form) greets plainly."""
    signature = SignatureFactory(petition=petition, first_name=ATTACK)
    message = signature_confirmation_message(signature=signature)
    assert message.body.startswith("Hello,\n\nThank you for signing")
    assert "Bcc" not in message.body and "evil.example" not in message.body
    html_body = message.alternatives[0][0]
    assert "<p>Hello,</p>" in html_body and "evil.example" not in html_body
    assert message.to == [signature.email] and not message.bcc
    assert "Bcc" not in str(message.message())


def test_the_service_refuses_the_attack_too(petition):
    """signature_create validates the model: no caller can store the name."""
    from django.core.exceptions import ValidationError

    from petitions.services import signature_create

    with pytest.raises(ValidationError) as caught:
        signature_create(
            petition=petition,
            first_name=ATTACK,
            last_name="L",
            email="x@example.com",
            zip_code="94110",
            state="CA",
        )
    assert "first_name" in caught.value.message_dict
    assert Signature.objects.count() == 0
