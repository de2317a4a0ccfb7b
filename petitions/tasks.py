"""Celery tasks: thin wrappers that take ids and call services.

Each task imports its service inside its body: the services queue these tasks
(importing this module inside a function too), so neither module imports the
other at load time.
"""

from smtplib import SMTPException

from celery import shared_task


@shared_task(
    bind=True,
    acks_late=True,
    max_retries=6,
    name="petitions.tasks.signature_confirmation_send",
)
def signature_confirmation_send(self, signature_id, resend=False):
    """Send one confirmation email; retry mail-server failures with backoff
    (1, 2, 4, 8, 16, 32 minutes)."""
    from petitions.services import signature_confirmation_send as send

    try:
        return send(signature_id=signature_id, resend=resend)
    except (SMTPException, OSError) as exc:
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries) from exc


@shared_task(name="petitions.tasks.signature_confirmations_sweep")
def signature_confirmations_sweep():
    """Periodic: send every confirmation email that was never sent (the broker
    was down at signing time)."""
    from petitions.services import signature_confirmations_unsent_queue as run

    return run()


@shared_task(name="petitions.tasks.signatures_unconfirmed_purge")
def signatures_unconfirmed_purge():
    """Periodic: delete unconfirmed signatures older than the setting."""
    from petitions.services import signatures_unconfirmed_purge as run

    return run()


@shared_task(name="petitions.tasks.delivery_files_purge")
def delivery_files_purge():
    """Periodic: delete delivery packet ZIPs older than settings.DELIVERY_KEEP_DAYS."""
    from petitions.delivery.services import delivery_files_purge as run

    return run()


@shared_task(acks_late=True, name="petitions.tasks.delivery_build")
def delivery_build(build_id):
    """Build a petition's delivery packets (one PDF per state, zipped in private
    storage); progress and the outcome are written to the DeliveryBuild row.
    Failures are recorded there, not raised, so the task is never retried."""
    from petitions.delivery.worker import delivery_build_run as run

    return run(build_id=build_id)


@shared_task(bind=True, acks_late=True, name="petitions.tasks.update_send")
def update_send(self, update_id, generation):
    """One step of sending a campaign update (petitions.updates): write its
    recipients, or send one batch; then queue the next step with the countdown
    that keeps the rate under settings.UPDATES_EMAILS_PER_SECOND. Failures
    are recorded on the update, never raised. In eager mode (no broker: the
    embedded development site) the steps run in a loop, without waiting."""
    from petitions.updates.services import update_send_batch, update_send_queue

    while True:
        countdown = update_send_batch(update_id=update_id, generation=generation)
        if countdown is None:
            return None
        if not self.request.is_eager:
            update_send_queue(
                update_id=update_id, generation=generation, countdown=countdown
            )
            return countdown


@shared_task(name="petitions.tasks.updates_stalled_resume")
def updates_stalled_resume():
    """Periodic: resume campaign updates whose worker stopped mid-run."""
    from petitions.updates.services import updates_stalled_resume as run

    return run()
