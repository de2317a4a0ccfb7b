"""Celery tasks: thin wrappers around services."""

from celery import shared_task

from . import services


@shared_task(name="letters.tasks.sessions_expired_clear")
def sessions_expired_clear():
    """Periodic: delete expired sessions (unfinished letters never linger)."""
    return services.sessions_expired_clear()


# Issue 18: sending letters by email. Each task takes ids and calls a service
# in letters.sending.services (imported inside: the services queue these).


@shared_task(
    bind=True,
    acks_late=True,
    max_retries=6,
    name="letters.tasks.request_confirmation_send",
)
def request_confirmation_send(self, request_id):
    """Email the writer the link that confirms their letters; retry mail-server
    failures with backoff (1, 2, 4 … minutes)."""
    from smtplib import SMTPException

    from letters.sending.services import letter_request_confirmation_send as send

    try:
        return send(request_id=request_id)
    except (SMTPException, OSError) as exc:
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries) from exc


@shared_task(bind=True, acks_late=True, name="letters.tasks.delivery_send")
def delivery_send(self, delivery_id):
    """Send one office its letter (at most once). A temporary refusal (4xx, or
    no server) retries with backoff, LETTERS_SEND_RETRY_SECONDS doubled each
    time; the last try fails the letter and tells the writer."""
    from django.conf import settings

    from letters.sending.services import TemporaryFailure
    from letters.sending.services import letter_delivery_send as send

    final = self.request.retries >= settings.LETTERS_SEND_MAX_RETRIES
    try:
        return send(delivery_id=delivery_id, final_attempt=final)
    except TemporaryFailure as exc:
        countdown = settings.LETTERS_SEND_RETRY_SECONDS * 2**self.request.retries
        raise self.retry(
            exc=exc, countdown=countdown, max_retries=settings.LETTERS_SEND_MAX_RETRIES
        ) from exc


@shared_task(
    bind=True, acks_late=True, max_retries=6, name="letters.tasks.failure_notice_send"
)
def failure_notice_send(self, delivery_id):
    """Tell the writer a letter failed (download the PDF to post it instead)."""
    from smtplib import SMTPException

    from letters.sending.services import letter_failure_notice_send as send

    try:
        return send(delivery_id=delivery_id)
    except (SMTPException, OSError) as exc:
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries) from exc


@shared_task(name="letters.tasks.letters_sending_sweep")
def letters_sending_sweep():
    """Periodic: queue letters that waited for the next day or were never queued."""
    from letters.sending.services import letters_sending_sweep as run

    return run()


@shared_task(name="letters.tasks.letters_digests_send")
def letters_digests_send():
    """Periodic (daily): each office's digest of letters without a story of their own."""
    from letters.sending.services import letters_digests_send as run

    return run()


@shared_task(name="letters.tasks.letters_followups_send")
def letters_followups_send():
    """Periodic: "Did they reply?" emails that are due."""
    from letters.sending.services import letters_followups_send as run

    return run()


@shared_task(name="letters.tasks.letters_forget")
def letters_forget():
    """Periodic: delete unconfirmed requests and the personal data of settled ones."""
    from letters.sending.services import letters_forget as run

    return run()
