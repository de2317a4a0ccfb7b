"""The email outbox is private: folder 0700, message files 0600, whatever the umask.

Each message holds the signer's address and their confirm and withdraw links;
with the usual umask (022) Django's file backend would leave them readable by
every user of the machine.
"""

import os
import stat

import pytest

from petitions import outbox

from .conftest import sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def umask_022():
    """The common default: new files 0644 and folders 0755 unless the code says."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def site_outbox(settings, tmp_path):
    """The site's default file outbox (no EMAIL_HOST), in a folder not made yet."""
    from advocacy.settings import base

    folder = tmp_path / "var" / "outbox"
    settings.EMAIL_BACKEND = base.EMAIL_BACKEND
    settings.EMAIL_FILE_PATH = settings.EMAIL_OUTBOX_DIR = folder
    return folder


def test_the_default_backend_is_the_private_outbox():
    from advocacy.settings import base

    if base.EMAIL_HOST:
        pytest.skip("EMAIL_HOST is set: SMTP, no outbox")
    assert base.EMAIL_BACKEND == "core.mail.PrivateFileEmailBackend"


def test_signing_writes_the_email_0600_in_a_0700_folder(
    umask_022, site_outbox, client, petition, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign(client, petition, email="first@example.com")
        sign(client, petition, email="second@example.com", first_name="Bea")
    files = sorted(site_outbox.glob("*.log"))
    assert files, "no email was written"
    assert mode(site_outbox) == 0o700
    assert mode(site_outbox.parent) == 0o700  # var/, created on the way
    assert [mode(path) for path in files] == [0o600] * len(files)
    # Still the outbox /dev/outbox/ reads.
    assert {m["to"] for m in outbox.outbox_messages()} == {
        "first@example.com",
        "second@example.com",
    }


def test_an_existing_open_outbox_is_closed(
    umask_022, site_outbox, client, petition, django_capture_on_commit_callbacks
):
    """An outbox an older version left 0755 (and a 0644 file in it) is tightened."""
    site_outbox.mkdir(parents=True, mode=0o755)
    os.chmod(site_outbox, 0o755)
    with django_capture_on_commit_callbacks(execute=True):
        sign(client, petition)
    assert mode(site_outbox) == 0o700
    assert {mode(path) for path in site_outbox.glob("*.log")} == {0o600}
