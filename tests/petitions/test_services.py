"""Celery paths: broker down at signing, the sweep, the purge, SMTP retries."""

from smtplib import SMTPException

import pytest
from django.utils import timezone

from petitions import services, tasks
from petitions.models import Signature

from .conftest import links_in, path_of, sign

pytestmark = pytest.mark.django_db

DEAD_BROKER = "redis://127.0.0.1:9/0"  # the discard port: nothing listens


def test_broker_down_then_sweep_sends(
    client, petition, mailoutbox, use_broker, django_capture_on_commit_callbacks, caplog
):
    use_broker(DEAD_BROKER)
    with django_capture_on_commit_callbacks(execute=True):
        response = sign(client, petition)
    # The signer sees the normal success page...
    assert response.status_code == 302
    assert "Check your email" in client.get(response["Location"]).content.decode()
    # ...the signature is saved, and marked as never sent.
    signature = Signature.objects.get()
    assert signature.confirmation_sent_at is None
    assert mailoutbox == []
    assert "the sweep will send it" in caplog.text

    # The broker is back (eager here); the periodic sweep sends what was missed.
    from advocacy.celery import app

    app.conf.task_always_eager = True
    assert tasks.signature_confirmations_sweep.delay().get() == 1
    assert len(mailoutbox) == 1
    signature.refresh_from_db()
    assert signature.confirmation_sent_at is not None
    # The link in the late email works.
    confirm_url, _ = links_in(mailoutbox[0])
    client.post(path_of(confirm_url))
    signature.refresh_from_db()
    assert signature.confirmed_at is not None
    # A second sweep sends nothing more.
    assert tasks.signature_confirmations_sweep.delay().get() == 0
    assert len(mailoutbox) == 1


def test_send_is_idempotent(petition, mailoutbox):
    signature = Signature.objects.create(
        petition=petition,
        first_name="A",
        last_name="B",
        email="a@x.org",
        zip_code="94110",
        state="CA",
    )
    assert services.signature_confirmation_send(signature_id=signature.pk) is True
    assert services.signature_confirmation_send(signature_id=signature.pk) is False
    assert len(mailoutbox) == 1
    assert (
        services.signature_confirmation_send(signature_id=signature.pk, resend=True)
        is True
    )
    assert len(mailoutbox) == 2
    # Gone or confirmed: nothing sent.
    Signature.objects.update(confirmed_at=timezone.now())
    assert (
        services.signature_confirmation_send(signature_id=signature.pk, resend=True)
        is False
    )
    assert services.signature_confirmation_send(signature_id=999999) is False


def test_smtp_error_is_retried_then_sent(petition, mailoutbox, monkeypatch):
    signature = Signature.objects.create(
        petition=petition,
        first_name="A",
        last_name="B",
        email="a@x.org",
        zip_code="94110",
        state="CA",
    )
    real_send = services.EmailMultiAlternatives.send
    calls = {"n": 0}

    def flaky_send(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] < 3:
            raise SMTPException("421 try again later")
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(services.EmailMultiAlternatives, "send", flaky_send)
    from advocacy.celery import app

    monkeypatch.setitem(app.conf, "task_eager_propagates", False)
    result = tasks.signature_confirmation_send.apply(args=[signature.pk], throw=False)
    assert result.successful()
    assert calls["n"] == 3
    assert len(mailoutbox) == 1
    signature.refresh_from_db()
    assert signature.confirmation_sent_at is not None


def test_smtp_failure_leaves_signature_unsent_for_the_sweep(
    petition, mailoutbox, monkeypatch
):
    signature = Signature.objects.create(
        petition=petition,
        first_name="A",
        last_name="B",
        email="a@x.org",
        zip_code="94110",
        state="CA",
    )

    def broken(self, *args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(services.EmailMultiAlternatives, "send", broken)
    from advocacy.celery import app

    monkeypatch.setitem(app.conf, "task_eager_propagates", False)
    result = tasks.signature_confirmation_send.apply(args=[signature.pk], throw=False)
    assert result.failed()
    signature.refresh_from_db()
    assert signature.confirmation_sent_at is None


def test_task_options():
    task = tasks.signature_confirmation_send
    assert task.acks_late is True
    assert task.max_retries >= 3
    from django.conf import settings

    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "petitions.tasks.signature_confirmations_sweep" in scheduled
    assert "petitions.tasks.signatures_unconfirmed_purge" in scheduled


def test_purge_deletes_old_unconfirmed_only(petition, settings):
    settings.PETITION_UNCONFIRMED_MAX_AGE_DAYS = 14
    old = timezone.now() - timezone.timedelta(days=15)
    recent = timezone.now() - timezone.timedelta(days=13)
    make = lambda email, **kw: Signature.objects.create(  # noqa: E731
        petition=petition,
        first_name="A",
        last_name="B",
        email=email,
        zip_code="94110",
        state="CA",
        **kw,
    )
    make("old-unconfirmed@x.org", created_at=old)
    make("old-confirmed@x.org", created_at=old, confirmed_at=old)
    make("recent-unconfirmed@x.org", created_at=recent)
    assert tasks.signatures_unconfirmed_purge.delay().get() == 1
    assert set(Signature.objects.values_list("email", flat=True)) == {
        "old-confirmed@x.org",
        "recent-unconfirmed@x.org",
    }


def test_signature_create_service_dedupes(petition):
    data = dict(first_name="A", last_name="B", zip_code="94110", state="CA")
    first = services.signature_create(petition=petition, email="X@Y.org", **data)
    second = services.signature_create(petition=petition, email="x@y.ORG", **data)
    assert first.created and not second.created
    assert first.signature.pk == second.signature.pk
    assert Signature.objects.get().email == "x@y.org"


def test_signatures_confirmed_by_state(petition):
    from petitions import selectors

    now = timezone.now()
    for n, state in enumerate(["CA", "CA", "NY"]):
        Signature.objects.create(
            petition=petition,
            first_name="A",
            last_name="B",
            email=f"{n}@x.org",
            zip_code="94110" if state == "CA" else "10001",
            state=state,
            confirmed_at=now,
        )
    Signature.objects.create(
        petition=petition,
        first_name="A",
        last_name="B",
        email="u@x.org",
        zip_code="94110",
        state="CA",
    )
    assert selectors.signatures_confirmed_by_state() == {"CA": 2, "NY": 1}
    assert selectors.petition_state_counts(petition=petition)[0] == {
        "state": "CA",
        "name": "California",
        "count": 2,
    }


@pytest.mark.parametrize(
    ("count", "goal", "target"),
    [
        (0, 10000, 10000),
        (9999, 10000, 10000),
        (10000, 10000, 20000),
        (20000, 10000, 50000),
        (50001, 10000, 100000),
        (4, 3, 5),
        (1, 1, 2),
    ],
)
def test_petition_milestone(count, goal, target):
    from petitions.selectors import petition_milestone

    assert petition_milestone(count=count, goal=goal) == target


def test_petition_featured_and_delivery_rows(petition, make_petition):
    from petitions import selectors
    from petitions.delivery import selectors as delivery_selectors

    assert selectors.petition_featured() == petition
    petition.is_open = False
    petition.save()
    newer = make_petition(slug="newer")
    assert selectors.petition_featured() == newer

    now = timezone.now()
    Signature.objects.create(
        petition=petition,
        first_name="Ada",
        last_name="L",
        email="a@x.org",
        zip_code="94110",
        state="CA",
        comment="Hi",
        confirmed_at=now,
    )
    Signature.objects.create(
        petition=petition,
        first_name="Bob",
        last_name="M",
        email="b@x.org",
        zip_code="10001",
        state="NY",
        confirmed_at=now,
    )
    Signature.objects.create(
        petition=petition,
        first_name="Uma",
        last_name="U",
        email="u@x.org",
        zip_code="94110",
        state="CA",
    )
    rows = list(
        delivery_selectors.petition_signatures_for_delivery(
            petition=petition, state="ca"
        )
    )
    assert [r["first_name"] for r in rows] == ["Ada"]
    assert "email" not in rows[0]
    assert set(rows[0]) == {
        "state",
        "first_name",
        "last_name",
        "city",
        "zip_code",
        "comment",
        "confirmed_at",
    }
    assert (
        len(
            list(delivery_selectors.petition_signatures_for_delivery(petition=petition))
        )
        == 2
    )
