"""Send my letter for me (issue 18), through the pages, on the test client.

Celery runs eagerly here and mail goes to Django's locmem outbox; the real
worker on Redis with a real SMTP server is tests/letters/test_sending_worker.py.
"""

import datetime
import email.utils

import pytest
from django.core import mail
from django.utils import timezone

from letters.models import LetterDelivery, LetterRequest
from letters.sending import services

from .sending_helpers import (
    ORG_NAME,
    WRITER,
    ask_to_send,
    confirm_link,
    link_in,
    office_mail,
    seed,
    write_letter,
)

pytestmark = pytest.mark.django_db
Status = LetterDelivery.Status


@pytest.fixture
def va():
    return seed()


def send_and_confirm(client, django_capture_on_commit_callbacks, legislators, **kw):
    with django_capture_on_commit_callbacks(execute=True):
        write_letter(client, legislators, **kw)
        response = ask_to_send(client)
    assert response.status_code == 302
    confirmation = mail.outbox[-1]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_link(confirmation))
    return response


def test_step_4_offers_sending_only_where_there_is_an_official_email(client, va):
    _, obrien, tobin, _ = va
    write_letter(client, [obrien, tobin])
    page = client.get("/letters/va/send/").content.decode()
    assert "Send it by email for me" in page
    assert 'href="/letters/va/send/email/"' in page
    assert "We have no official email address for Senator Löki Tobin" in page
    assert "Download your letter (PDF)" in page or "download one PDF" in page


def test_nothing_is_sent_before_the_post_button_and_the_letter_goes_once(
    client, va, django_capture_on_commit_callbacks
):
    _, obrien, tobin, _ = va
    with django_capture_on_commit_callbacks(execute=True):
        write_letter(client, [obrien, tobin])
        response = ask_to_send(client)
    assert response.status_code == 302
    status_path = response["Location"]
    assert [m.to for m in mail.outbox] == [[WRITER["email"]]]  # only the confirmation
    confirmation = mail.outbox[0]
    assert "Patrick O'Brien" in confirmation.body
    page = client.get(status_path).content.decode()
    assert "Waiting for you to confirm" in page

    # A mail scanner opens every link: GET (and HEAD) change nothing.
    confirm = confirm_link(confirmation)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(confirm).status_code == 200
        assert client.head(confirm).status_code == 200
        client.get(link_in(confirmation, "/sent/"))
    assert office_mail() == []
    assert LetterRequest.objects.get().confirmed_at is None
    assert LetterDelivery.objects.get().status == Status.AWAITING

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm)
    assert response.status_code == 302
    [sent] = office_mail()
    assert sent.to == ["delobrien@house.virginia.gov"]
    assert email.utils.parseaddr(sent.from_email)[0] == f"Ann Lee via {ORG_NAME}"
    assert sent.reply_to == [WRITER["email"]]
    delivery = LetterDelivery.objects.get()
    assert sent.extra_headers["Message-ID"] == delivery.message_id
    assert delivery.message_id.startswith(f"<letter.{delivery.public_id}@")
    # Plain text and HTML, the writer's name and full address under the letter.
    assert sent.body.index(
        "Ann Lee\n12 Elm Street\nRichmond, VA 23219"
    ) > sent.body.index("Sincerely")
    html = sent.alternatives[0][0]
    assert "12 Elm Street" in html and "training set" in html
    assert delivery.status == Status.SENT and delivery.sent_at
    page = client.get(status_path).content.decode()
    assert "<strong>Sent</strong> at" in page
    # Pressing again (or a second tab) sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm)
    assert len(office_mail()) == 1


def test_another_states_zip_is_refused(client, va, django_capture_on_commit_callbacks):
    _, obrien, _, _ = va
    with django_capture_on_commit_callbacks(execute=True):
        write_letter(client, [obrien], zip_code="10001")
        page = client.get("/letters/va/send/").content.decode()
        response = ask_to_send(client)
    assert "not in Virginia" in page
    delivery = LetterDelivery.objects.get()
    assert delivery.status == Status.REFUSED
    status_page = client.get(response["Location"]).content.decode()
    assert "not in Virginia" in status_page
    assert "Check your email" not in status_page
    assert mail.outbox == []  # no confirmation: nothing to confirm


def test_a_zip_outside_the_district_needs_the_writers_word(
    client, va, django_capture_on_commit_callbacks
):
    _, _, _, far = va  # district 40; the ZIP table puts 23219 in district 12
    with django_capture_on_commit_callbacks(execute=True):
        write_letter(client, [far])
        form = client.get("/letters/va/send/email/").content.decode()
        ask_to_send(client)
    assert f'name="in_district_{far.pk}"' in form
    assert LetterDelivery.objects.get().status == Status.REFUSED
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        ask_to_send(client, **{f"in_district_{far.pk}": "on"})
    latest = LetterDelivery.objects.latest("pk")
    assert latest.status == Status.AWAITING
    assert len(mail.outbox) == 1


def test_the_form_requires_the_address_promise(client, va):
    _, obrien, _, _ = va
    write_letter(client, [obrien])
    response = client.post("/letters/va/send/email/", {"email": WRITER["email"]})
    assert response.status_code == 400
    assert "confirm that you live at the address" in response.content.decode()
    assert not LetterRequest.objects.exists()


def test_limit_per_email_per_day(client, va, settings):
    _, obrien, _, _ = va
    settings.LETTERS_SEND_PER_EMAIL_PER_DAY = 2
    write_letter(client, [obrien])
    assert ask_to_send(client, ip="198.51.100.1").status_code == 302
    assert ask_to_send(client, ip="198.51.100.2").status_code == 302
    refused = ask_to_send(client, ip="198.51.100.3")
    assert refused.status_code == 429
    assert "sent as many letters as we send for one person" in refused.content.decode()
    assert ask_to_send(client, email="other@example.org").status_code == 302
    assert LetterRequest.objects.count() == 3


def test_limit_per_network_per_day(client, va, settings):
    _, obrien, _, _ = va
    settings.LETTERS_SEND_PER_NETWORK_PER_DAY = 2
    write_letter(client, [obrien])
    for n in range(2):
        assert (
            ask_to_send(client, email=f"w{n}@example.org", ip="2001:db8::1").status_code
            == 302
        )
    # Another address in the same IPv6 /64 is the same network.
    refused = ask_to_send(client, email="w9@example.org", ip="2001:db8::ffff")
    assert refused.status_code == 429
    assert "from your connection" in refused.content.decode()
    assert (
        ask_to_send(client, email="w9@example.org", ip="2001:db9::1").status_code == 302
    )


def test_over_the_office_limit_a_letter_waits_for_the_next_day(
    client, va, settings, django_capture_on_commit_callbacks
):
    _, obrien, _, _ = va
    settings.LETTERS_SEND_PER_OFFICE_PER_DAY = 1
    for n, story in enumerate(
        [
            "I run a bakery and my customers' photos were scraped by an app.",
            "As a nurse I worry that patient forums are being mined for models.",
        ]
    ):
        with django_capture_on_commit_callbacks(execute=True):
            write_letter(client, [obrien], story=story)
            response = ask_to_send(client, email=f"writer{n}@example.org")
        with django_capture_on_commit_callbacks(execute=True):
            client.post(confirm_link(mail.outbox[-1]))
    assert len(office_mail()) == 1
    waiting = LetterDelivery.objects.get(status=Status.WAITING)
    assert waiting.not_before > timezone.now()
    assert "Waiting for tomorrow" in client.get(response["Location"]).content.decode()
    # The sweep before tomorrow leaves it; tomorrow it goes.
    with django_capture_on_commit_callbacks(execute=True):
        services.letters_sending_sweep()
    assert len(office_mail()) == 1
    tomorrow = waiting.not_before + datetime.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        LetterDelivery.objects.filter(status=Status.SENT).update(
            claimed_at=timezone.now() - datetime.timedelta(days=1)
        )
        services.letters_sending_sweep(now=tomorrow)
    assert len(office_mail()) == 2
    assert LetterDelivery.objects.filter(status=Status.SENT).count() == 2


def test_no_personal_words_or_the_same_story_join_the_daily_digest(
    client, va, django_capture_on_commit_callbacks
):
    _, obrien, _, _ = va
    story = WRITER["story"]
    writers = [
        ("First Writer", "Richmond", story),
        ("Second Writer", "Henrico", story.replace("without", "without even")),
        ("Third Writer", "Glen Allen", ""),
    ]
    for n, (name, city, text) in enumerate(writers):
        with django_capture_on_commit_callbacks(execute=True):
            write_letter(client, [obrien], name=name, city=city, story=text)
            ask_to_send(client, email=f"d{n}@example.org")
        with django_capture_on_commit_callbacks(execute=True):
            client.post(confirm_link(mail.outbox[-1]))
    statuses = list(
        LetterDelivery.objects.order_by("pk").values_list("status", flat=True)
    )
    assert statuses == [Status.SENT, Status.DIGEST, Status.DIGEST]
    assert len(office_mail()) == 1
    assert services.letters_digests_send() == 1
    digest = office_mail()[-1]
    assert digest.subject.startswith("2 constituents wrote about")
    assert "- Second Writer, Henrico, 23219" in digest.body
    assert "- Third Writer, Glen Allen, 23219" in digest.body
    assert "First Writer" not in digest.body
    assert "<li>Second Writer, Henrico, 23219</li>" in digest.alternatives[0][0]
    assert list(
        LetterDelivery.objects.order_by("pk").values_list("status", "via_digest")
    ) == [
        (Status.SENT, False),
        (Status.SENT, True),
        (Status.SENT, True),
    ]
    assert services.letters_digests_send() == 0  # once


def test_followup_once_then_not_yet_asks_again_once_and_an_answer_forgets(
    client, va, settings, django_capture_on_commit_callbacks
):
    _, obrien, _, _ = va
    send_and_confirm(client, django_capture_on_commit_callbacks, [obrien])
    delivery = LetterDelivery.objects.get(status=Status.SENT)
    now = timezone.now()
    assert services.letters_followups_send(now=now) == 0
    later = now + datetime.timedelta(days=settings.LETTERS_FOLLOWUP_DAYS, minutes=1)
    mail.outbox.clear()
    assert services.letters_followups_send(now=later) == 1
    assert services.letters_followups_send(now=later) == 0
    [question] = mail.outbox
    assert question.subject == "Did Delegate Patrick O'Brien reply?"
    reply = link_in(question, "/reply/")
    page = client.get(reply).content.decode()  # a scanner: nothing recorded
    assert "A real answer" in page or "a real answer" in page
    delivery.refresh_from_db()
    assert delivery.answer == ""
    client.post(reply, {"answer": "not_yet"})
    delivery.refresh_from_db()
    assert delivery.answer == "not_yet" and delivery.followup_again_at
    # Asked again LETTERS_FOLLOWUP_AGAIN_DAYS after the "not yet", and only once.
    asked = delivery.answered_at
    again_at = delivery.followup_again_at
    assert again_at - asked == datetime.timedelta(
        days=settings.LETTERS_FOLLOWUP_AGAIN_DAYS
    )
    before = again_at - datetime.timedelta(hours=1)
    assert services.letters_followups_send(now=before) == 0
    again = again_at + datetime.timedelta(hours=1)
    assert services.letters_followups_send(now=again) == 1
    assert services.letters_followups_send(now=again + datetime.timedelta(days=30)) == 0
    assert LetterRequest.objects.get().email == WRITER["email"]
    response = client.post(link_in(mail.outbox[-1], "/reply/"), {"answer": "real"})
    assert "We have now deleted your email address" in response.content.decode()
    letter_request = LetterRequest.objects.get()
    assert letter_request.forgotten_at and letter_request.email == ""
    delivery.refresh_from_db()
    assert (delivery.answer, delivery.body, delivery.status) == (
        "real",
        "",
        Status.SENT,
    )


def test_unconfirmed_requests_are_deleted_after_the_setting(client, va, settings):
    _, obrien, _, _ = va
    write_letter(client, [obrien])
    ask_to_send(client)
    days = settings.LETTERS_UNCONFIRMED_KEEP_DAYS
    now = timezone.now()
    assert (
        services.letters_forget(now=now + datetime.timedelta(days=days - 1))[
            "unconfirmed_deleted"
        ]
        == 0
    )
    result = services.letters_forget(now=now + datetime.timedelta(days=days, hours=1))
    assert result["unconfirmed_deleted"] == 2  # the request and its letter
    assert not LetterRequest.objects.exists()


def test_the_sweep_requeues_lost_tasks_but_not_a_backoff(
    client, va, django_capture_on_commit_callbacks, monkeypatch
):
    _, obrien, _, _ = va
    with django_capture_on_commit_callbacks(execute=True):
        write_letter(client, [obrien])
        ask_to_send(client)
    # The broker is down when the writer confirms: the task is never published.
    from letters import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.delivery_send, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_link(mail.outbox[-1]))
    assert LetterDelivery.objects.get().status == Status.QUEUED
    monkeypatch.undo()
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.letters_sending_sweep(now=now) == 0  # maybe just slow
    assert office_mail() == []
    later = now + services.TASK_LOST_AFTER + datetime.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.letters_sending_sweep(now=later) == 1
    assert len(office_mail()) == 1
    assert LetterDelivery.objects.get().status == Status.SENT


def test_a_send_left_half_done_is_never_repeated(client, va, settings):
    _, obrien, _, _ = va
    write_letter(client, [obrien])
    ask_to_send(client)
    delivery = LetterDelivery.objects.get()
    claimed = timezone.now() - datetime.timedelta(
        seconds=settings.LETTERS_SEND_STALE_SECONDS + 5
    )
    LetterDelivery.objects.filter(pk=delivery.pk).update(
        status=Status.SENDING, claimed_at=claimed
    )
    mail.outbox.clear()
    assert services.letter_delivery_send(delivery_id=delivery.pk) is False
    delivery.refresh_from_db()
    assert (delivery.status, delivery.failure_reason) == (
        Status.SENT,
        services.INTERRUPTED,
    )
    assert mail.outbox == []
    assert "most likely went" in client.get(link_in_status(delivery)).content.decode()


def link_in_status(delivery):
    from django.urls import reverse

    from letters.sending import tokens

    token = tokens.token_make(
        public_id=delivery.request.public_id, purpose=tokens.STATUS
    )
    return reverse("letters:sending-status", kwargs={"token": token})


def test_no_real_sending_in_debug_without_an_smtp_server(settings, tmp_path):
    settings.DEBUG = True
    settings.EMAIL_HOST = ""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    connection = services.sending_connection()
    assert connection.__class__.__name__ == "PrivateFileEmailBackend"
    settings.EMAIL_HOST = "smtp.example.org"
    assert services.sending_connection().__class__.__name__ == "EmailBackend"
    settings.DEBUG = False
    settings.EMAIL_HOST = ""
    assert services.sending_connection().__class__.__name__ == "EmailBackend"


def test_story_similarity_rules():
    from letters.sending.similarity import is_personal, is_same_story, story_words

    a = story_words("My photos, from 2009, are in a model now!")
    assert a == "my photos from 2009 are in a model now"
    assert is_same_story(a, story_words("my PHOTOS from 2009 are in a model now"))
    assert is_same_story(
        a, story_words("My photos from 2009 are in a model now, sadly")
    )
    assert not is_same_story(
        a, story_words("I am a nurse and patient forums are mined")
    )
    assert not is_personal(story_words("I agree."))
    assert is_personal(a)


def test_a_second_not_yet_is_final_and_forgets(
    client, va, settings, django_capture_on_commit_callbacks
):
    _, obrien, _, _ = va
    send_and_confirm(client, django_capture_on_commit_callbacks, [obrien])
    later = timezone.now() + datetime.timedelta(
        days=settings.LETTERS_FOLLOWUP_DAYS, hours=1
    )
    assert services.letters_followups_send(now=later) == 1
    client.post(link_in(mail.outbox[-1], "/reply/"), {"answer": "not_yet"})
    delivery = LetterDelivery.objects.get()
    assert services.letters_followups_send(now=delivery.followup_again_at) == 1
    response = client.post(link_in(mail.outbox[-1], "/reply/"), {"answer": "not_yet"})
    assert "We will ask you once more" not in response.content.decode()
    delivery.refresh_from_db()
    assert delivery.followup_again_at is None and delivery.followups_sent == 2
    assert LetterRequest.objects.get().forgotten_at is not None
    far = delivery.answered_at + datetime.timedelta(days=60)
    assert services.letters_followups_send(now=far) == 0


def test_a_development_site_without_a_mail_server_says_sent_means_the_outbox(
    client, va, settings, django_capture_on_commit_callbacks
):
    _, obrien, _, _ = va
    with django_capture_on_commit_callbacks(execute=True):
        write_letter(client, [obrien])
        status_path = ask_to_send(client)["Location"]
    banner = "went to the <a"
    assert banner not in client.get(status_path).content.decode()
    settings.DEBUG, settings.EMAIL_HOST = True, ""
    page = client.get(status_path).content.decode()
    assert banner in page and "development outbox" in page
    settings.EMAIL_HOST = "smtp.example.org"
    assert banner not in client.get(status_path).content.decode()
