"""Campaign updates: who gets them, what the email says, the rate, and at
most once per address."""

import email
import email.policy
from unittest import mock

import pytest
from django.core import mail

from petitions import tasks
from petitions.models import CampaignUpdate, Signature, Unsubscribe, UpdateRecipient
from petitions.updates import selectors, services, tokens

from .conftest import make_campaign, make_signers, make_update

pytestmark = pytest.mark.django_db


def send_now(update, user):
    """Start the send; eager Celery runs every step in-process."""
    return services.update_send_start(update=update, user=user)


def recipients(outbox=None):
    return sorted(address for m in (outbox or mail.outbox) for address in m.to)


def test_eligible_are_confirmed_may_contact_not_unsubscribed(
    sender_user, django_capture_on_commit_callbacks
):
    campaign, petition = make_campaign("one")
    make_signers(petition, ["yes1@example.com", "yes2@example.com"])
    make_signers(petition, ["unconfirmed@example.com"], confirmed=False)
    make_signers(petition, ["nocontact@example.com"], may_contact=False)
    make_signers(petition, ["gone@example.com"])
    services.unsubscribe(address_hash=tokens.email_hash("GONE@example.com"))
    other, other_petition = make_campaign("two")
    make_signers(other_petition, ["elsewhere@example.com"])
    update = make_update(campaign)

    assert selectors.update_eligible_count(campaign=campaign) == 2
    with django_capture_on_commit_callbacks(execute=True):
        send_now(update, sender_user)
    assert recipients() == ["yes1@example.com", "yes2@example.com"]
    update.refresh_from_db()
    assert update.status == CampaignUpdate.SENT
    assert (update.eligible, update.sent, update.skipped) == (2, 2, 0)
    assert update.finished_at is not None


def test_one_row_and_one_email_per_address_whatever_its_case(
    sender_user, django_capture_on_commit_callbacks
):
    campaign, petition = make_campaign("dedup")
    # A row from before addresses were lower-cased: same person, other case.
    make_signers(petition, ["Pat@Example.com"])
    update = make_update(campaign)
    with django_capture_on_commit_callbacks(execute=True):
        send_now(update, sender_user)
    UpdateRecipient.objects.bulk_create(
        [
            UpdateRecipient(
                update=update,
                signature=Signature.objects.get(),
                email="PAT@example.com",
            )
        ],
        ignore_conflicts=True,
    )
    assert UpdateRecipient.objects.filter(update=update).count() == 1
    assert len(mail.outbox) == 1


def test_the_email_headers_and_both_parts(
    sender_user, organization, django_capture_on_commit_callbacks, settings
):
    settings.DEFAULT_FROM_EMAIL = "Site <updates@mail.datadignity.org>"
    settings.SITE_URL = "https://act.datadignity.org"
    campaign, petition = make_campaign("headers")
    make_signers(petition, ["reader@example.com"], first_name="Sam")
    update = make_update(
        campaign,
        subject="We delivered it",
        body="The packets reached the Capitol.\n\nNext: the hearing.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        send_now(update, sender_user)
    (message,) = mail.outbox
    parsed = email.message_from_bytes(
        message.message().as_bytes(), policy=email.policy.default
    )
    assert parsed["From"] == "Data Dignity Coalition <updates@mail.datadignity.org>"
    assert parsed["To"] == "reader@example.com"
    assert parsed["Subject"] == "We delivered it"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    links = [part.strip(" <>") for part in parsed["List-Unsubscribe"].split(",")]
    https, mailto = links
    token = tokens.unsubscribe_token_make(email="reader@example.com")
    assert https == (
        f"https://act.datadignity.org/petitions/updates/unsubscribe/{token}/"
    )
    assert mailto == "mailto:office@datadignity.org?subject=unsubscribe"
    assert "reader" not in https and "@" not in https
    text = parsed.get_body(preferencelist=("plain",)).get_content()
    html = parsed.get_body(preferencelist=("html",)).get_content()
    for body in (text, html):
        assert "Hello Sam" in body
        assert "The packets reached the Capitol." in body
        assert "Next: the hearing." in body
        assert "Data Dignity Coalition" in body
        assert "1200 K Street NW, Suite 800" in body
        assert "Washington, DC 20005" in body
        assert "said organizers may email you" in body
        assert "Petition of headers" in body
        assert https in body


def test_an_unsubscribed_address_never_gets_another_campaigns_update(
    sender_user, client, django_capture_on_commit_callbacks
):
    first, first_petition = make_campaign("first")
    second, second_petition = make_campaign("second")
    make_signers(first_petition, ["both@example.com", "stays@example.com"])
    make_signers(second_petition, ["both@example.com", "stays@example.com"])
    with django_capture_on_commit_callbacks(execute=True):
        send_now(make_update(first), sender_user)
    message = next(m for m in mail.outbox if m.to == ["both@example.com"])
    url = message.extra_headers["List-Unsubscribe"].split(",")[0].strip("<>")
    response = client.post(
        url.replace("http://testserver", "").split("127.0.0.1:8000")[-1],
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Signature.objects.filter(email="both@example.com", may_contact=True)
    mail.outbox.clear()
    assert selectors.update_eligible_count(campaign=second) == 1
    with django_capture_on_commit_callbacks(execute=True):
        send_now(make_update(second), sender_user)
    assert recipients() == ["stays@example.com"]


def test_an_address_unsubscribed_mid_run_is_skipped(sender_user, settings):
    settings.UPDATES_EMAILS_PER_SECOND = 2
    settings.UPDATES_BATCH_SECONDS = 1  # batches of 2
    campaign, petition = make_campaign("midrun")
    emails = [f"r{n}@example.com" for n in range(6)]
    make_signers(petition, emails)
    update = make_update(campaign)
    with mock.patch.object(services, "update_send_queue"):  # steps run by hand
        services.update_send_start(update=update, user=sender_user)
        update.refresh_from_db()
        gen = update.generation
        assert services.update_send_batch(update_id=update.pk, generation=gen) == 0
        assert UpdateRecipient.objects.filter(update=update).count() == 6
        services.update_send_batch(update_id=update.pk, generation=gen)
        assert recipients() == ["r0@example.com", "r1@example.com"]
        services.unsubscribe(address_hash=tokens.email_hash("r3@example.com"))
        Signature.objects.filter(email="r4@example.com").update(may_contact=True)
        Signature.objects.filter(email="r5@example.com").delete()  # withdrawn
        while (
            services.update_send_batch(update_id=update.pk, generation=gen) is not None
        ):
            pass
    assert recipients() == [f"r{n}@example.com" for n in (0, 1, 2, 4)]
    update.refresh_from_db()
    assert update.status == CampaignUpdate.SENT
    assert (update.sent, update.skipped) == (4, 1)
    assert Unsubscribe.objects.count() == 1


def test_rows_left_sending_by_a_killed_worker_are_never_resent(sender_user):
    campaign, petition = make_campaign("crash")
    make_signers(petition, [f"c{n}@example.com" for n in range(4)])
    update = make_update(campaign)
    with mock.patch.object(services, "update_send_queue"):
        services.update_send_start(update=update, user=sender_user)
        update.refresh_from_db()
        gen = update.generation
        services.update_send_batch(update_id=update.pk, generation=gen)
        # A worker claimed c0 and died before recording the result.
        first = UpdateRecipient.objects.filter(update=update).order_by("pk").first()
        UpdateRecipient.objects.filter(pk=first.pk).update(
            status=UpdateRecipient.SENDING
        )
        while (
            services.update_send_batch(update_id=update.pk, generation=gen) is not None
        ):
            pass
    assert recipients() == ["c1@example.com", "c2@example.com", "c3@example.com"]
    update.refresh_from_db()
    assert update.status == CampaignUpdate.SENT
    assert "1 email was being sent when a worker stopped" in update.message


def test_an_update_is_sent_once(sender_user, django_capture_on_commit_callbacks):
    campaign, petition = make_campaign("once")
    make_signers(petition, ["a@example.com"])
    update = make_update(campaign)
    with django_capture_on_commit_callbacks(execute=True):
        send_now(update, sender_user)
    stale = CampaignUpdate.objects.get(pk=update.pk)
    stale.status = CampaignUpdate.DRAFT  # a second tab still showing the draft
    with pytest.raises(services.UpdateRefused):
        services.update_send_start(update=stale, user=sender_user)
    assert len(mail.outbox) == 1


def test_refused_without_the_permission_or_a_real_organization(
    writer_user, sender_user, organization
):
    campaign, petition = make_campaign("refused")
    make_signers(petition, ["a@example.com"])
    update = make_update(campaign)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.update_send_start(update=update, user=writer_user)
    organization.postal_address = "Street (edit in the admin)"
    organization.save()
    with pytest.raises(services.UpdateRefused, match="organization"):
        services.update_send_start(update=update, user=sender_user)
    update.refresh_from_db()
    assert update.is_draft and not mail.outbox


@pytest.mark.parametrize(
    ("rate", "seconds", "size"),
    [(5, 10, 50), (0.5, 10, 5), (0.01, 10, 1), (100, 0.5, 50), (3, 1, 3)],
)
def test_batch_size_follows_the_rate(rate, seconds, size):
    assert services.batch_size(rate=rate, seconds=seconds) == size


def test_countdown_keeps_the_average_under_the_rate():
    # 50 emails at 5/s need 10 s: a batch that took 2 s waits 8 s more.
    assert services.batch_countdown(attempted=50, elapsed=2.0, rate=5) == 8.0
    # A batch slower than the rate goes on at once.
    assert services.batch_countdown(attempted=50, elapsed=12.0, rate=5) == 0.0
    # Skipped rows cost no mail: no wait.
    assert services.batch_countdown(attempted=0, elapsed=0.1, rate=5) == 0.0


def test_the_task_queues_the_next_batch_with_the_rate_countdown(sender_user, settings):
    """With a broker, each task run sends one batch and queues the next with
    the countdown; the batch size follows the setting."""
    settings.UPDATES_EMAILS_PER_SECOND = 4
    settings.UPDATES_BATCH_SECONDS = 2  # batches of 8
    campaign, petition = make_campaign("rate")
    make_signers(petition, [f"t{n}@example.com" for n in range(20)])
    update = make_update(campaign)
    with mock.patch.object(services, "update_send_queue"):
        services.update_send_start(update=update, user=sender_user)
    update.refresh_from_db()
    gen = update.generation
    queued = []
    ticks = iter([100.0, 100.5, 200.0, 200.5, 300.0, 300.25, 400.0, 400.0])
    with (
        mock.patch.object(
            services, "update_send_queue", side_effect=lambda **kw: queued.append(kw)
        ),
        mock.patch.object(services, "clock", lambda: next(ticks)),
    ):
        for _ in range(5):  # what the broker would deliver, one after the other
            tasks.update_send(update.pk, gen)  # a direct call is not eager
    assert len(mail.outbox) == 20
    countdowns = [kw["countdown"] for kw in queued]
    # Recipients written (0), then 8 in 0.5 s → 1.5 s, 8 → 1.5 s, 4 in 0.25 s → 0.75 s.
    assert countdowns == [0.0, 1.5, 1.5, 0.75]
    update.refresh_from_db()
    assert update.status == CampaignUpdate.SENT


def test_a_resume_supersedes_the_old_chain(sender_user):
    campaign, petition = make_campaign("resume")
    make_signers(petition, ["a@example.com", "b@example.com"])
    update = make_update(campaign)
    with mock.patch.object(services, "update_send_queue") as queue:
        services.update_send_start(update=update, user=sender_user)
        update.refresh_from_db()
        old = update.generation
        assert services.updates_stalled_resume(stale_seconds=60) == 0
        assert services.updates_stalled_resume(stale_seconds=0) == 1
        new = queue.call_args.kwargs["generation"]
        assert new == old + 1
        # The old chain's redelivered message stops; the new one sends.
        assert services.update_send_batch(update_id=update.pk, generation=old) is None
        while (
            services.update_send_batch(update_id=update.pk, generation=new) is not None
        ):
            pass
    assert recipients() == ["a@example.com", "b@example.com"]


def test_the_organizers_text_is_escaped_in_html_and_links_work(sender_user):
    from petitions.updates.mail import update_message

    campaign, petition = make_campaign("escape")
    update = make_update(
        campaign, body="Read <b>this</b> & more: https://datadignity.org/news"
    )
    message = update_message(
        update=update, petition=petition, email="x@example.com", first_name="<i>"
    )
    html = message.alternatives[0][0]
    assert "&lt;b&gt;this&lt;/b&gt; &amp; more" in html
    assert '<a href="https://datadignity.org/news"' in html
    assert "<i>" not in html and "Hello," in html  # not plain text: no greeting name
    assert "Read <b>this</b> & more" in message.body  # the text part as written
