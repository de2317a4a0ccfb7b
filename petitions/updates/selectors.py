"""Reads for campaign updates: who is eligible, and the progress of a send."""

from __future__ import annotations

from django.conf import settings
from django.db.models import CharField, Count, Func
from django.db.models.functions import SHA256, Lower

from ..models import CampaignUpdate, Signature, Unsubscribe, UpdateRecipient


class AddressHash(SHA256):
    """SHA-256 (hex) of the lower-cased address, in the database: what
    Unsubscribe stores. Django's SHA256 needs the pgcrypto extension on
    PostgreSQL; the built-in sha256() (PostgreSQL 11+) does without."""

    def __init__(self, expression, **extra):
        super().__init__(Lower(expression), output_field=CharField(), **extra)

    def as_postgresql(self, compiler, connection, **extra_context):
        inner = Func(
            Func(
                Func(
                    *self.get_source_expressions(),
                    function="CONVERT_TO",
                    template="%(function)s(%(expressions)s, 'UTF8')",
                ),
                function="SHA256",
            ),
            function="ENCODE",
            template="%(function)s(%(expressions)s, 'hex')",
            output_field=CharField(),
        )
        return inner.as_sql(compiler, connection, **extra_context)


def update_signatures_eligible(*, campaign):
    """Signatures an update on `campaign` may go to: confirmed, of the
    campaign's petition, "may contact" ticked, address not unsubscribed.

    Not yet one per address: a petition allows one signature per address
    already, and the recipient rows' unique (update, lower(email)) drops any
    repeat. The unsubscribed are matched by the hash of the address, computed
    by the database (AddressHash: PostgreSQL and SQLite).
    """
    return (
        Signature.objects.filter(
            petition__campaign=campaign,
            confirmed_at__isnull=False,
            may_contact=True,
        )
        .alias(email_hash=AddressHash("email"))
        .exclude(email_hash__in=Unsubscribe.objects.values("email_hash"))
    )


def update_eligible_count(*, campaign) -> int:
    """Distinct addresses an update on `campaign` would go to now."""
    return (
        update_signatures_eligible(campaign=campaign)
        .annotate(address=Lower("email"))
        .values("address")
        .distinct()
        .count()
    )


def update_get(*, update_id) -> CampaignUpdate:
    return CampaignUpdate.objects.select_related("campaign", "sent_by").get(
        pk=update_id
    )


def update_status(*, update) -> dict:
    """What the admin's progress page and its JSON show."""
    counts = dict(
        UpdateRecipient.objects.filter(update=update)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    queued = counts.get(UpdateRecipient.QUEUED, 0)
    sending = counts.get(UpdateRecipient.SENDING, 0)
    sent = counts.get(UpdateRecipient.SENT, 0)
    skipped = counts.get(UpdateRecipient.SKIPPED, 0)
    total = queued + sending + sent + skipped
    done = sent + skipped + (sending if not update.is_active else 0)
    if update.status == CampaignUpdate.SENDING and not update.recipients_ready:
        label = "Preparing the list of recipients…"
    else:
        label = {
            CampaignUpdate.DRAFT: "Not sent yet",
            CampaignUpdate.SENDING: "Sending",
            CampaignUpdate.SENT: "Sent",
            CampaignUpdate.FAILED: "Failed",
        }[update.status]
    rate = settings.UPDATES_EMAILS_PER_SECOND
    return {
        "status": update.status,
        "status_label": label,
        "active": update.is_active,
        "total": total,
        "queued": queued,
        "sent": sent,
        "skipped": skipped,
        # Left "sending" by a stopped worker: may have gone out, never resent.
        "interrupted": sending if not update.is_active else 0,
        "done": done,
        "percent": min(100, done * 100 // total) if total else 0,
        "minutes_left": int(queued / rate / 60) + 1 if queued and rate > 0 else 0,
        "message": update.message,
    }
