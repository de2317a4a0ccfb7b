"""Celery tasks: thin wrappers that take ids and call services."""

from smtplib import SMTPException

from celery import shared_task

from . import services


@shared_task(
    bind=True,
    acks_late=True,
    max_retries=6,
    name="petitions.tasks.signature_confirmation_send",
)
def signature_confirmation_send(self, signature_id, resend=False):
    """Send one confirmation email; retry mail-server failures with backoff
    (1, 2, 4, 8, 16, 32 minutes)."""
    try:
        return services.signature_confirmation_send(
            signature_id=signature_id, resend=resend
        )
    except (SMTPException, OSError) as exc:
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries) from exc


@shared_task(name="petitions.tasks.signature_confirmations_sweep")
def signature_confirmations_sweep():
    """Periodic: send every confirmation email that was never sent (the broker
    was down at signing time)."""
    return services.signature_confirmations_unsent_queue()


@shared_task(name="petitions.tasks.signatures_unconfirmed_purge")
def signatures_unconfirmed_purge():
    """Periodic: delete unconfirmed signatures older than the setting."""
    return services.signatures_unconfirmed_purge()


@shared_task(name="petitions.tasks.delivery_files_purge")
def delivery_files_purge():
    """Periodic: delete delivery packet ZIPs older than settings.DELIVERY_KEEP_DAYS."""
    from .delivery import delivery_files_purge as purge

    return purge()


@shared_task(acks_late=True, name="petitions.tasks.delivery_build")
def delivery_build(build_id):
    """Build a petition's delivery packets (one PDF per state, zipped in private
    storage); progress and the outcome are written to the DeliveryBuild row.
    Failures are recorded there, not raised, so the task is never retried."""
    from .delivery import delivery_build_run

    return delivery_build_run(build_id=build_id)
