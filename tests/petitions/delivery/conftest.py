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
