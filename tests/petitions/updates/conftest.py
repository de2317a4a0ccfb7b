"""Fixtures for campaign updates: a real organization, campaigns with a
petition each, signers, staff with and without the send permission."""

import pytest
from django.contrib.auth.models import Permission, User
from django.utils import timezone

from campaigns.models import Campaign
from petitions.models import CampaignUpdate, Petition, Signature

ORGANIZATION = {
    "name": "Data Dignity Coalition",
    "description": "We help people keep their data out of AI training.",
    "postal_address": "1200 K Street NW, Suite 800\nWashington, DC 20005",
    "email": "office@datadignity.org",
    "phone": "(202) 555-0142",
    "website": "https://datadignity.org/",
}


@pytest.fixture(autouse=True)
def organization(db):
    from core.models import Organization

    org = Organization(**ORGANIZATION)
    org.save()
    return org


def make_campaign(slug, title=None):
    campaign = Campaign.objects.create(
        slug=slug, title=title or f"Campaign {slug}", status="live"
    )
    petition = Petition.objects.create(
        campaign=campaign,
        slug=f"{slug}-petition",
        title=f"Petition of {slug}",
        text="Please act.",
        target="Legislators",
    )
    return campaign, petition


def make_signers(petition, emails, *, confirmed=True, may_contact=True, **extra):
    now = timezone.now()
    return Signature.objects.bulk_create(
        [
            Signature(
                petition=petition,
                first_name=extra.get("first_name", "Robin"),
                last_name="Lee",
                email=email,
                zip_code="12345",
                state="CA",
                confirmed_at=now if confirmed else None,
                may_contact=may_contact,
            )
            for email in emails
        ]
    )


def make_update(campaign, subject="News from the campaign", body=None):
    return CampaignUpdate.objects.create(
        campaign=campaign,
        subject=subject,
        body=body or "We delivered your petition.\n\nThank you for signing.",
    )


def staff(username, *codenames):
    user = User.objects.create_user(username, password="pw", is_staff=True)
    for codename in codenames:
        user.user_permissions.add(
            Permission.objects.get(
                codename=codename, content_type__app_label="petitions"
            )
        )
    return User.objects.get(pk=user.pk)


@pytest.fixture
def sender_user(db):
    return staff(
        "sender",
        "view_campaignupdate",
        "add_campaignupdate",
        "change_campaignupdate",
        "send_updates",
    )


@pytest.fixture
def writer_user(db):
    """Staff who may write and preview updates but not send them."""
    return staff(
        "writer", "view_campaignupdate", "add_campaignupdate", "change_campaignupdate"
    )
