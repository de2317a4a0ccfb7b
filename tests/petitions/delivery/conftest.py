"""Fixtures for the delivery tests: private storage, staff with and without
the export permission."""

import pytest
from django.contrib.auth.models import Permission, User


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.DELIVERY_ROOT = tmp_path / "deliveries"
    return settings.DELIVERY_ROOT


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
def organizer():
    return staff(
        "organizer",
        "view_signature",
        "export_signatures",
        "view_petition",
        "change_petition",
    )


@pytest.fixture
def editor():
    """Staff who may edit petitions but not see or export signer data."""
    return staff("editor", "view_petition", "change_petition", "view_signature")


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
    """A real (non-placeholder) organization: packets refuse to build without one."""
    from core.models import Organization

    org = Organization(**ORGANIZATION)
    org.save()
    return org
