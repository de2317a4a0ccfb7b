"""Writes for campaign updates: start a send, the worker's batches, resume a
stopped run, unsubscribe.

`update_send_start()` turns a draft into "sending" (once) and queues
petitions.tasks.update_send after commit. Each run of that task calls
`update_send_batch()`: the first writes the recipient rows, the next ones
send one batch each and return the countdown for the task to queue the next,
until no row is queued. See petitions/updates/__init__.py for the guarantees.
"""

from __future__ import annotations

import logging
import math
import time
from datetime import timedelta
from smtplib import SMTPRecipientsRefused, SMTPResponseException

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.selectors import organization_get

from ..models import CampaignUpdate, Petition, Signature, Unsubscribe, UpdateRecipient
from ..permissions import updates_send_allowed
from .mail import update_message
from .selectors import (
    AddressHash,
    update_eligible_count,
    update_signatures_eligible,
)
from .tokens import email_hash

logger = logging.getLogger(__name__)

# Signatures read (and recipient rows written) per query when an update starts.
CHUNK_SIZE = 2000
# The clock batches are timed by (tests replace it).
clock = time.monotonic
# Consecutive batches the mail server may refuse before the update is failed.
MAX_FAILURES = 10


class UpdateRefused(Exception):
    """An update cannot be sent now; `str(exc)` says why, for the organizer."""


def organization_problem() -> str:
    """Why no update may go out yet ("" when it may): the law on commercial
    email (CAN-SPAM) wants the sender's real postal address in every one."""
    organization = organization_get()
    if organization is None or organization.is_placeholder:
        return (
            "Set up your organization first (Site › Organization in the admin): "
            "every update carries its name and postal address, and the placeholder "
            "that came with the site is not a real one."
        )
    return ""


def batch_size(*, rate=None, seconds=None) -> int:
    """Emails per batch: `seconds` of sending at `rate` per second (at least 1)."""
    rate = settings.UPDATES_EMAILS_PER_SECOND if rate is None else rate
    seconds = settings.UPDATES_BATCH_SECONDS if seconds is None else seconds
    return max(1, math.ceil(rate * seconds))


def batch_countdown(*, attempted, elapsed, rate=None) -> float:
    """Seconds to wait before the next batch so that `attempted` emails sent in
    `elapsed` seconds keep the average at or under `rate` per second."""
    rate = settings.UPDATES_EMAILS_PER_SECOND if rate is None else rate
    if rate <= 0 or attempted <= 0:
        return 0.0
    return max(0.0, attempted / rate - elapsed)


def update_send_start(*, update, user) -> CampaignUpdate:
    """Start sending `update` to its campaign's eligible signers.

    Raises PermissionDenied unless `user` may send updates, and UpdateRefused
    when it is not a draft any more (it is sent once), the organization is
    still the placeholder, or no one is eligible. Queues the task after commit.
    """
    if not updates_send_allowed(user):
        raise PermissionDenied
    if not update.is_draft:
        raise UpdateRefused("This update has already been sent (or is being sent).")
    problem = organization_problem()
    if problem:
        raise UpdateRefused(problem)
    if not update_eligible_count(campaign=update.campaign):
        raise UpdateRefused(
            "No one can get this update yet: no confirmed signer of this campaign's "
            "petition has agreed to be emailed."
        )
    now = timezone.now()
    started = CampaignUpdate.objects.filter(
        pk=update.pk, status=CampaignUpdate.DRAFT
    ).update(
        status=CampaignUpdate.SENDING,
        sent_by=user,
        sent_started_at=now,
        heartbeat_at=now,
        generation=F("generation") + 1,
    )
    if not started:  # a second click, or another organizer, got there first
        raise UpdateRefused("This update has already been sent (or is being sent).")
    update.refresh_from_db()
    pk, generation = update.pk, update.generation
    transaction.on_commit(
        lambda: update_send_queue(update_id=pk, generation=generation)
    )
    return update


def update_send_queue(*, update_id, generation, countdown=0) -> bool:
    """Hand a batch to Celery; never raise (beat resumes an update whose
    batch never reached the queue, once it is stale)."""
    from petitions.tasks import update_send

    try:
        update_send.apply_async(
            args=[update_id, generation], countdown=countdown or None, retry=False
        )
    except Exception:  # kombu OperationalError, ConnectionError, OSError...
        logger.warning("Could not queue update %s; beat resumes it", update_id)
        return False
    return True


def update_recipients_write(*, update, generation) -> int | None:
    """Write one queued row per eligible address, in chunks (memory flat).

    Safe to run again after a crash: rows already written are kept (the
    unique (update, lower(email)) drops repeats). Returns the number of rows,
    or None when a newer run took over.
    """
    eligible = update_signatures_eligible(campaign=update.campaign).order_by("pk")
    last = 0
    while True:
        rows = list(
            eligible.filter(pk__gt=last).values_list("pk", "email")[:CHUNK_SIZE]
        )
        if not rows:
            break
        UpdateRecipient.objects.bulk_create(
            [
                UpdateRecipient(
                    update_id=update.pk, signature_id=pk, email=email.lower()
                )
                for pk, email in rows
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )
        last = rows[-1][0]
        if not _heartbeat(update.pk, generation):
            return None
    return UpdateRecipient.objects.filter(update_id=update.pk).count()


def _heartbeat(update_id, generation, **fields) -> bool:
    return bool(
        CampaignUpdate.objects.filter(
            pk=update_id, status=CampaignUpdate.SENDING, generation=generation
        ).update(heartbeat_at=timezone.now(), **fields)
    )


def _claim(recipient_id, *, sent) -> bool:
    """queued → sending for one row, committed before its email goes out.

    One UPDATE whose subquery locks the row FOR UPDATE SKIP LOCKED (a row
    another worker holds is skipped, not waited for). The rows in `sent`
    (emailed since the last claim) are marked sent in the same transaction,
    so each email costs one commit; until then they stay "sending", which is
    never resent either.
    """
    connection = transaction.get_connection()
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Both in one statement: one round trip and one commit per email.
        table = UpdateRecipient._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"""WITH sent AS (
                    UPDATE {table} SET status = %s, sent_at = %s
                    WHERE id = ANY(%s) AND status = %s
                )
                UPDATE {table} SET status = %s WHERE id IN (
                    SELECT id FROM {table} WHERE id = %s AND status = %s
                    FOR UPDATE SKIP LOCKED
                )""",
                [
                    UpdateRecipient.SENT,
                    timezone.now(),
                    list(sent),
                    UpdateRecipient.SENDING,
                    UpdateRecipient.SENDING,
                    recipient_id,
                    UpdateRecipient.QUEUED,
                ],
            )
            claimed = cursor.rowcount
        sent.clear()
        return bool(claimed)
    claim = UpdateRecipient.objects.filter(
        pk__in=UpdateRecipient.objects.select_for_update(skip_locked=True)
        .filter(pk=recipient_id, status=UpdateRecipient.QUEUED)
        .values("pk")
    )
    with transaction.atomic():
        _sent_flush(sent)
        return bool(claim.update(status=UpdateRecipient.SENDING))


def _sent_flush(sent):
    if sent:
        UpdateRecipient.objects.filter(
            pk__in=sent, status=UpdateRecipient.SENDING
        ).update(status=UpdateRecipient.SENT, sent_at=timezone.now())
        sent.clear()


def _set(recipient_id, status, **fields):
    UpdateRecipient.objects.filter(pk=recipient_id).update(status=status, **fields)


def update_send_batch(*, update_id, generation) -> float | None:
    """One step of sending: write the recipients (first run), or send one batch.

    Returns the countdown in seconds before the next step, or None when there
    is none (done, failed, superseded by a resumed run, or not sending).
    Mail server trouble puts the email back in the queue when the server
    refused it outright, leaves it "sending" (possibly delivered) when the
    connection broke mid-message, and retries later; after MAX_FAILURES such
    batches in a row the update is marked failed.
    """
    update = (
        CampaignUpdate.objects.select_related("campaign").filter(pk=update_id).first()
    )
    if (
        update is None
        or update.status != CampaignUpdate.SENDING
        or update.generation != generation
    ):
        return None
    if not update.recipients_ready:
        total = update_recipients_write(update=update, generation=generation)
        if total is None:
            return None
        _heartbeat(update_id, generation, recipients_ready=True, eligible=total)
        return 0.0

    started = clock()
    rows = list(
        UpdateRecipient.objects.filter(update=update, status=UpdateRecipient.QUEUED)
        .order_by("pk")
        .values_list("pk", "signature_id", "email")[: batch_size()]
    )
    if not rows:
        _finish(update, generation)
        return None

    # Checked again now: an unsubscribe or a withdrawn "may contact" since the
    # rows were written wins (a withdrawn signature took its row with it).
    # Each signer's first name and the language they signed in.
    names = {
        pk: (first_name, language)
        for pk, first_name, language in Signature.objects.filter(
            pk__in=[signature for _, signature, _ in rows],
            confirmed_at__isnull=False,
            may_contact=True,
        ).values_list("pk", "first_name", "language")
    }
    unsubscribed = set(
        Unsubscribe.objects.filter(
            email_hash__in=[email_hash(email) for _, _, email in rows]
        ).values_list("email_hash", flat=True)
    )
    skip = [
        pk
        for pk, signature, email in rows
        if signature not in names or email_hash(email) in unsubscribed
    ]
    skipped = UpdateRecipient.objects.filter(
        pk__in=skip, status=UpdateRecipient.QUEUED
    ).update(status=UpdateRecipient.SKIPPED)
    send = [(pk, signature, email) for pk, signature, email in rows if pk not in skip]

    petition = Petition.objects.filter(campaign_id=update.campaign_id).first()
    organization = organization_get()
    attempted = sent = 0
    unrecorded = []  # emailed, marked sent with the next claim (or below)
    connection = get_connection()
    try:
        if send:
            connection.open()
        for pk, signature, email in send:
            if not _claim(pk, sent=unrecorded):
                continue  # another run has it
            attempted += 1
            message = update_message(
                update=update,
                petition=petition,
                email=email,
                first_name=names[signature][0],
                language=names[signature][1],
                organization=organization,
                connection=connection,
            )
            try:
                message.send()
            except SMTPRecipientsRefused:
                _set(pk, UpdateRecipient.SKIPPED)
                skipped += 1
                continue
            except SMTPResponseException:
                # The server answered "no" to this message: it did not go.
                _set(pk, UpdateRecipient.QUEUED)
                raise
            unrecorded.append(pk)
            sent += 1
    except (OSError, SMTPResponseException) as exc:  # SMTPException is an OSError
        _sent_flush(unrecorded)
        return _failed_batch(update, generation, exc, sent=sent, skipped=skipped)
    finally:
        try:
            connection.close()
        except Exception:  # noqa: BLE001 - closing a broken connection
            logger.debug("closing the mail connection failed", exc_info=True)

    _sent_flush(unrecorded)
    _heartbeat(
        update_id,
        generation,
        sent=F("sent") + sent,
        skipped=F("skipped") + skipped,
        failures=0,
    )
    return batch_countdown(attempted=attempted, elapsed=clock() - started)


def _failed_batch(update, generation, exc, *, sent, skipped):
    failures = update.failures + 1
    logger.warning("Update %s: the mail server failed (%s)", update.pk, exc)
    fields = {
        "sent": F("sent") + sent,
        "skipped": F("skipped") + skipped,
        "failures": failures,
        "message": f"The mail server did not take the emails ({exc.__class__.__name__}); "
        "trying again shortly.",
    }
    if failures >= MAX_FAILURES:
        CampaignUpdate.objects.filter(
            pk=update.pk, status=CampaignUpdate.SENDING, generation=generation
        ).update(
            status=CampaignUpdate.FAILED,
            finished_at=timezone.now(),
            **{
                **fields,
                "message": f"Stopped: the mail server failed {failures} times in a "
                f"row ({exc.__class__.__name__}). Emails already sent are not "
                "sent again.",
            },
        )
        return None
    _heartbeat(update.pk, generation, **fields)
    return float(min(600, 30 * failures))


def _finish(update, generation):
    """No row is queued: record the final counts and mark the update sent."""
    rows = UpdateRecipient.objects.filter(update=update)
    sent = rows.filter(status=UpdateRecipient.SENT).count()
    skipped = rows.filter(status=UpdateRecipient.SKIPPED).count()
    interrupted = rows.filter(status=UpdateRecipient.SENDING).count()
    message = ""
    if interrupted:
        message = (
            f"{interrupted} email{'s were' if interrupted != 1 else ' was'} being sent "
            "when a worker stopped: they may have gone out, so they were not sent "
            "again."
        )
    CampaignUpdate.objects.filter(
        pk=update.pk, status=CampaignUpdate.SENDING, generation=generation
    ).update(
        status=CampaignUpdate.SENT,
        finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
        sent=sent,
        skipped=skipped,
        message=message,
    )


def updates_stalled_resume(*, stale_seconds=None, now=None) -> int:
    """Resume every sending update not heard from in UPDATES_STALE_SECONDS (a
    worker killed mid-run, a batch that never reached the queue): a new
    generation, so a late redelivery of the old chain stops. Returns how
    many were resumed. Beat runs this every minute."""
    stale_seconds = (
        settings.UPDATES_STALE_SECONDS if stale_seconds is None else stale_seconds
    )
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=stale_seconds)
    resumed = 0
    stalled = CampaignUpdate.objects.filter(
        status=CampaignUpdate.SENDING, heartbeat_at__lte=cutoff
    ).values_list("pk", "generation")
    for pk, generation in list(stalled):
        taken = CampaignUpdate.objects.filter(pk=pk, generation=generation).update(
            generation=generation + 1, heartbeat_at=now
        )
        if taken:
            logger.info("Resuming campaign update %s", pk)
            update_send_queue(update_id=pk, generation=generation + 1)
            resumed += 1
    return resumed


def unsubscribe(*, address_hash) -> bool:
    """Never email this address (its SHA-256) again, from any campaign, and
    untick "may contact" on every signature with it. Idempotent; True the
    first time."""
    _, created = Unsubscribe.objects.get_or_create(email_hash=address_hash)
    matching = Signature.objects.alias(address_hash=AddressHash("email")).filter(
        address_hash=address_hash
    )
    Signature.objects.filter(pk__in=matching.values("pk"), may_contact=True).update(
        may_contact=False
    )
    return created
