"""Shared set-up for the "send my letter for me" tests (issue 18)."""

import re
from urllib.parse import urlsplit

from django.core import mail

from core.models import Organization
from letters import content
from letters.models import Legislator
from states.models import State, ZipDistrict

WRITER = {
    "name": "Ann Lee",
    "street": "12 Elm Street",
    "city": "Richmond",
    "zip_code": "23219",
    "email": "ann.lee@example.org",
    "phone": "",
    "story": "My daughter's school photos ended up in a training set without anyone asking us.",
    "points": ["consent"],
}
ORG_NAME = "Privacy Neighbors"


def seed():
    """Virginia with two legislators for district 12 (one with an email), one
    for district 40 (with an email), and the ZIP table row for 23219."""
    content.load()
    Organization.objects.update_or_create(
        pk=Organization.SINGLETON_ID,
        defaults={
            "name": ORG_NAME,
            "description": "Neighbors for privacy.",
            "postal_address": "1 Main Street\nRichmond, VA 23219",
            "email": "hello@privacyneighbors.org",
        },
    )
    from core.selectors import organization_cache_bump

    organization_cache_bump()
    va = State.objects.get(abbr="VA")
    obrien = Legislator.objects.create(
        openstates_id="ocd-person/va-send-obrien",
        state=va,
        chamber="lower",
        district="12",
        name="Patrick O'Brien",
        given_name="Patrick",
        family_name="O'Brien",
        email="delobrien@house.virginia.gov",
        capitol_address="Pocahontas Building, 900 East Main Street, Richmond, VA 23219",
    )
    tobin = Legislator.objects.create(
        openstates_id="ocd-person/va-send-tobin",
        state=va,
        chamber="upper",
        district="12",
        name="Löki Tobin",
        given_name="Löki",
        family_name="Tobin",
        capitol_address="P.O. Box 396, Richmond, VA 23218",
    )
    far = Legislator.objects.create(
        openstates_id="ocd-person/va-send-far",
        state=va,
        chamber="lower",
        district="40",
        name="Dana Far",
        given_name="Dana",
        family_name="Far",
        email="delfar@house.virginia.gov",
        capitol_address="Pocahontas Building, 900 East Main Street, Richmond, VA 23219",
    )
    for chamber in ("lower", "upper"):
        ZipDistrict.objects.create(
            zcta="23219", state=va, chamber=chamber, district="12", land_share=1.0
        )
    return va, obrien, tobin, far


def write_letter(client, legislators, **overrides):
    """Steps 2 and 3 through the pages, as a browser posts them."""
    response = client.post("/letters/va/", {"pick": [leg.pk for leg in legislators]})
    assert response.status_code == 302, response.content[:500]
    data = {**WRITER, **overrides}
    response = client.post("/letters/va/write/", data)
    assert response.status_code == 302, response.content[:2000]
    return data


def ask_to_send(client, email=None, ip="203.0.113.7", **extra):
    data = {"email": email or WRITER["email"], "lives_here": "on", **extra}
    return client.post("/letters/va/send/email/", data, REMOTE_ADDR=ip)


def path_of(url):
    return urlsplit(url).path


def link_in(message, part):
    urls = re.findall(r"https?://\S+", message.body)
    return path_of(next(u for u in urls if part in u))


def confirm_link(message):
    return link_in(message, "/confirm/")


def office_mail(to=None):
    return [
        m
        for m in mail.outbox
        if (to is None and m.to[0].endswith(".gov")) or (to and m.to == [to])
    ]
