"""Issue 16, item 3: the letter form's name and city follow the site's one
rule for names (core.validators), and so does a legislator's typed name."""

import html

import pytest
from django.contrib.sessions.models import Session

from .test_views import SENDER, va  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

ATTACK = 'Ann\r\nBcc: victim@example.com\r\n\r\n<a href="http://evil.example">x</a>'


def start_letter(client, va):  # noqa: F811
    _, obrien, tobin = va
    response = client.post("/letters/va/", {"pick": [obrien.pk, tobin.pk]})
    assert response.status_code == 302


def test_the_attack_name_is_refused_and_the_rest_kept(client, va):  # noqa: F811
    start_letter(client, va)
    response = client.post("/letters/va/write/", {**SENDER, "name": ATTACK})
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    message = (
        "Please enter your name on one line, without links or symbols like < and >."
    )
    assert f"Your full name: {message}" in page
    for kept in ("12 Elm Street", "Richmond", "23219", "zoe@example.org"):
        assert f'value="{kept}"' in page, kept
    assert "My photos from 2009" in page  # the story
    # Nothing of the attack reached the stored letter.
    flow = Session.objects.get().get_decoded()["letters_flow"]
    assert flow["letter"] == {}


@pytest.mark.parametrize(
    ("city", "message"),
    [
        ("http://evil.example", "Please enter your city or town without links"),
        ("Richmond <b>", "Please enter your city or town without symbols like <"),
        ("Rich\nmond", "Please enter your city or town on one line"),
    ],
)
def test_a_city_with_a_link_markup_or_a_line_break_is_refused(
    client,
    va,  # noqa: F811
    city,
    message,
):
    start_letter(client, va)
    response = client.post("/letters/va/write/", {**SENDER, "city": city})
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())


def test_real_names_are_accepted(client, va):  # noqa: F811
    start_letter(client, va)
    for name in ("José O'Neil-Smith", "李小龍"):
        response = client.post("/letters/va/write/", {**SENDER, "name": name})
        assert response.status_code == 302, name
        flow = Session.objects.get().get_decoded()["letters_flow"]
        assert flow["letter"]["name"] == name


def test_a_typed_legislator_name_follows_the_rule(client, va):  # noqa: F811
    response = client.post(
        "/letters/va/", {"lower": "12", "typed:lower:12": "Delegate <a href=x>Smith"}
    )
    assert response.status_code == 400
    assert (
        "Please type your legislator's name on one line, without links or symbols "
        "like < and >." in html.unescape(response.content.decode())
    )
    assert Session.objects.count() == 0
    response = client.post(
        "/letters/va/", {"lower": "12", "typed:lower:12": "Delegate Mª José Núñez"}
    )
    assert response.status_code == 302
