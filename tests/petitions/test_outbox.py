"""/dev/outbox/: lists the file backend's emails while DEBUG is on, 404 otherwise."""

import pytest

from .conftest import sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def file_outbox(settings, tmp_path):
    settings.EMAIL_BACKEND = "core.mail.PrivateFileEmailBackend"  # the default
    settings.EMAIL_FILE_PATH = tmp_path
    settings.EMAIL_OUTBOX_DIR = tmp_path
    return tmp_path


def test_outbox_is_404_without_debug(client, settings, file_outbox):
    settings.DEBUG = False
    assert client.get("/dev/outbox/").status_code == 404
    assert client.get("/dev/outbox/x.log~0/").status_code == 404


def test_outbox_lists_and_shows_emails(
    client, petition, settings, file_outbox, django_capture_on_commit_callbacks
):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        sign(client, petition, email="first@example.com")
        sign(client, petition, email="second@example.com", first_name="Bea")
    assert len(list(file_outbox.glob("*.log"))) >= 1
    listing = client.get("/dev/outbox/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert html.index("second@example.com") < html.index(
        "first@example.com"
    )  # newest first
    assert "Confirm your signature" in html
    import re

    key = re.search(r'href="/dev/outbox/([^"/]+)/"', html).group(1)
    detail = client.get(f"/dev/outbox/{key}/").content.decode()
    assert "Hello Bea," in detail
    # Links in the text part are clickable.
    assert re.search(
        r'<a href="http://127.0.0.1:8000/petitions/state-privacy-law/confirm/[^"]+"',
        detail,
    )
    assert re.search(
        r'<a href="http://127.0.0.1:8000/petitions/state-privacy-law/withdraw/[^"]+"',
        detail,
    )


def test_outbox_rejects_unknown_or_unsafe_keys(client, settings, file_outbox):
    settings.DEBUG = True
    (file_outbox / "real.log").write_text("Subject: hi\n\nbody\n" + "-" * 79 + "\n")
    assert client.get("/dev/outbox/real.log~0/").status_code == 200
    assert client.get("/dev/outbox/real.log~5/").status_code == 404
    assert client.get("/dev/outbox/..%2Fsecret.log~0/").status_code == 404
    assert client.get("/dev/outbox/missing.log~0/").status_code == 404


def test_empty_outbox(client, settings, file_outbox):
    settings.DEBUG = True
    assert "No emails yet" in client.get("/dev/outbox/").content.decode()
