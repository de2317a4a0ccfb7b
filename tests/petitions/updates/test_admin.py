"""The organizers' side: write, preview (with the count), send after a
confirmation step, follow the progress; only with `send_updates`."""

import pytest
from django.core import mail
from django.urls import reverse

from petitions.models import CampaignUpdate

from .conftest import make_campaign, make_signers, make_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def update():
    campaign, petition = make_campaign("admin")
    make_signers(petition, ["a@example.com", "b@example.com", "c@example.com"])
    make_signers(petition, ["no@example.com"], may_contact=False)
    return make_update(campaign, subject="Hearing on Tuesday")


def test_write_an_update_in_the_admin(client, sender_user):
    campaign, _ = make_campaign("write")
    client.force_login(sender_user)
    response = client.post(
        reverse("admin:petitions_campaignupdate_add"),
        {"campaign": campaign.pk, "subject": "Big news", "body": "One.\n\nTwo."},
    )
    assert response.status_code == 302
    update = CampaignUpdate.objects.get()
    assert update.is_draft and update.created_by == sender_user
    page = client.get(
        reverse("admin:petitions_campaignupdate_change", args=[update.pk])
    ).content.decode()
    assert reverse("admin:petitions_campaignupdate_preview", args=[update.pk]) in page


def test_preview_shows_the_email_and_the_count(client, sender_user, update):
    client.force_login(sender_user)
    response = client.get(
        reverse("admin:petitions_campaignupdate_preview", args=[update.pk])
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-eligible="3"' in body
    assert "Send to 3 signers…" in body
    assert "Hearing on Tuesday" in body
    assert "Data Dignity Coalition" in body and "1200 K Street NW" in body
    assert "List-Unsubscribe-Post" in body
    assert "signer@example.org" in body
    assert "a@example.com" not in body  # no real signer in the preview
    assert not mail.outbox


def test_send_is_a_confirmed_post_then_progress(
    client, sender_user, update, django_capture_on_commit_callbacks
):
    client.force_login(sender_user)
    send_url = reverse("admin:petitions_campaignupdate_send", args=[update.pk])
    confirm = client.get(send_url)
    assert confirm.status_code == 200
    assert "Yes, send to 3 signers" in confirm.content.decode()
    assert not mail.outbox  # GET sends nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(send_url)
    status_url = reverse("admin:petitions_campaignupdate_status", args=[update.pk])
    assert response.status_code == 302 and response["Location"] == status_url
    assert sorted(m.to[0] for m in mail.outbox) == [
        "a@example.com",
        "b@example.com",
        "c@example.com",
    ]
    page = client.get(status_url).content.decode()
    assert "Sent" in page and "3 sent" in page
    assert 'http-equiv="refresh"' not in page  # done: no more refreshing
    data = client.get(
        reverse("admin:petitions_campaignupdate_status_json", args=[update.pk])
    ).json()
    assert data["status"] == "sent" and data["sent"] == 3 and data["total"] == 3
    # Sent once: a second POST sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(send_url)
    assert len(mail.outbox) == 3
    # And what was sent can no longer be edited.
    client.post(
        reverse("admin:petitions_campaignupdate_change", args=[update.pk]),
        {"campaign": update.campaign_id, "subject": "Changed", "body": "x"},
    )
    update.refresh_from_db()
    assert update.subject == "Hearing on Tuesday"


def test_progress_page_refreshes_while_sending(client, sender_user, update):
    CampaignUpdate.objects.filter(pk=update.pk).update(status=CampaignUpdate.SENDING)
    client.force_login(sender_user)
    page = client.get(
        reverse("admin:petitions_campaignupdate_status", args=[update.pk])
    ).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page


def test_staff_without_send_updates_cannot_send(
    client, writer_user, update, django_capture_on_commit_callbacks
):
    client.force_login(writer_user)
    preview = client.get(
        reverse("admin:petitions_campaignupdate_preview", args=[update.pk])
    )
    assert preview.status_code == 200
    body = preview.content.decode()
    assert "Send to" not in body and "data-send-not-allowed" in body
    send_url = reverse("admin:petitions_campaignupdate_send", args=[update.pk])
    assert client.get(send_url).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(send_url).status_code == 403
    update.refresh_from_db()
    assert update.is_draft and not mail.outbox


def test_staff_without_view_permission_see_nothing(client, update):
    from .conftest import staff

    nobody = staff("nobody")
    client.force_login(nobody)
    for name in ("preview", "send", "status", "status_json"):
        url = reverse(f"admin:petitions_campaignupdate_{name}", args=[update.pk])
        assert client.get(url).status_code == 403, name
