"""Delivery packets: the folder 0700 (packet names are not listed to other
users) and each ZIP 0600, whatever the umask."""

import os
import stat

import pytest

from petitions import delivery
from petitions.models import Signature

from .helpers import build_now, signer

pytestmark = pytest.mark.django_db


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_packets_folder_0700_and_zip_0600(
    umask_022,
    settings,
    tmp_path,
    make_petition,
    organizer,
    django_capture_on_commit_callbacks,
):
    # The default layout: var/private/deliveries, none of it there yet.
    private = tmp_path / "var" / "private"
    settings.PRIVATE_STORAGE_ROOT = private
    settings.DELIVERY_ROOT = private / "deliveries"
    petition = make_petition()
    Signature.objects.bulk_create([signer(petition, "CA", "Ada")])
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    path = delivery.delivery_build_file(build=build)
    assert path is not None, build.message
    assert mode(settings.DELIVERY_ROOT) == 0o700
    assert mode(private) == 0o700
    assert mode(path) == 0o600


def test_an_existing_open_packets_folder_is_closed(
    umask_022, settings, make_petition, organizer, django_capture_on_commit_callbacks
):
    settings.DELIVERY_ROOT.mkdir(parents=True)
    os.chmod(settings.DELIVERY_ROOT, 0o755)
    petition = make_petition()
    Signature.objects.bulk_create([signer(petition, "CA", "Ada")])
    build = build_now(petition, organizer, django_capture_on_commit_callbacks)
    assert delivery.delivery_build_file(build=build) is not None, build.message
    assert mode(settings.DELIVERY_ROOT) == 0o700
