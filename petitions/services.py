"""Writes for petitions: signing, confirming, withdrawing, sending, purging.

Other apps call these (and `selectors.py`), never the models directly.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from campaigns.models import SOURCE_CODE_RE
from core import ratelimit
from core.i18n import current_language
from core.mail import email_footer_context
from core.validators import is_plain_text

from . import tokens
from .models import Petition, Signature
from .selectors import petition_counts_forget, petition_in_language

logger = logging.getLogger(__name__)

# A second confirmation email for the same signature goes out at most this often.
RESEND_INTERVAL = timedelta(minutes=10)


@dataclass(frozen=True)
class SignResult:
    """What happened when someone signed. Views must not show `created` to the
    public: the page is the same whether or not the email had signed before."""

    signature: Signature
    created: bool
    email_queued: bool


def sign_attempt_register(*, ip_address):
    """Count one signing attempt from this network; False once over the limit.

    The cache key is a salted hash of the address, so the address itself is
    never written anywhere, and the counter expires with the window.
    """
    key, window = sign_attempt_counter(ip_address=ip_address)
    return sign_attempt_allowed(ratelimit.hit(key, window=window))


def sign_attempt_counter(*, ip_address):
    """(cache key, window in seconds) of this address's signing-attempt count."""
    window = settings.PETITION_SIGN_RATE_WINDOW_SECONDS
    return f"petitions:sign-rate:{ratelimit.ip_hash(ip_address)[:40]}", window


def sign_attempt_allowed(total):
    """Whether the attempt that brought this address's count to `total` may sign."""
    return total <= settings.PETITION_SIGN_RATE_LIMIT


def signature_create(
    *,
    petition,
    first_name,
    last_name,
    email,
    zip_code,
    state,
    comment="",
    city="",
    list_publicly=False,
    may_contact=False,
    source="",
    language=None,
):
    """Sign `petition` once per email address (any letter case).

    `language` is the one the person signed in ("en" or "es"; default: the
    active language, i.e. the request's /es/ prefix or English): their emails
    and links are in it.

    `source` is a registered source code (campaigns.selectors.source_clean,
    which the sign forms apply) or "": anything not shaped like a code is
    dropped here too. A repeat signature keeps the source it was first made with.

    A new signature is saved; after commit its confirmation email is queued
    (or, when the petition needs no confirmation, it counts at once). If the
    email already signed, nothing is changed and, when that signature is still
    unconfirmed, the confirmation email is queued again at most once per
    RESEND_INTERVAL. Returns a SignResult.
    """
    now = timezone.now()
    signature = Signature(
        petition=petition,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip().lower(),
        zip_code=zip_code.strip(),
        city=" ".join(city.split()),
        state=state.upper(),
        comment=comment.strip(),
        list_publicly=list_publicly,
        may_contact=may_contact,
        source=source if SOURCE_CODE_RE.match(source or "") else "",
        language=language_code(language),
        created_at=now,
        confirmed_at=None if petition.requires_confirmation else now,
    )
    # The petition is ours, not the visitor's input: validating it again would
    # cost a query per signature (the foreign key still guards it). Nor is the
    # random public_id: its unique index guards it, where checking it first
    # would cost another query per signature.
    signature.full_clean(exclude=["petition", "public_id"], validate_constraints=False)
    try:
        # The unique (petition, lower(email)) constraint decides races between
        # two submissions of the same address. Inside a caller's transaction a
        # savepoint keeps that transaction usable after a duplicate; outside one
        # the INSERT is a transaction of its own (one round trip, no BEGIN).
        if transaction.get_connection().in_atomic_block:
            with transaction.atomic():
                signature.save()
        else:
            signature.save()
    except IntegrityError:
        existing = Signature.objects.get(petition=petition, email=signature.email)
        queued = signature_confirmation_resend(signature=existing)
        return SignResult(signature=existing, created=False, email_queued=queued)

    if petition.requires_confirmation:
        pk = signature.pk
        transaction.on_commit(lambda: signature_confirmation_queue(signature_id=pk))
        return SignResult(signature=signature, created=True, email_queued=True)
    transaction.on_commit(lambda: petition_counts_forget(petition_id=petition.pk))
    return SignResult(signature=signature, created=True, email_queued=False)


def language_code(language=None):
    """ "en" or "es": `language` if it is one of settings.LANGUAGES, else the
    active language."""
    if language in dict(settings.LANGUAGES):
        return language
    return current_language()


def signature_confirmation_resend(*, signature):
    """Queue another confirmation email for an unconfirmed signature, unless one
    went out (or the signature was made) less than RESEND_INTERVAL ago.

    A signature whose first email was never queued (the database went away
    between the INSERT's commit and the queueing, so the signer saw the 503
    page and sent the form again) gets that first email now rather than at
    the next sweep; the send task still sends the first email only once.

    Each check-and-claim is one UPDATE, so simultaneous re-submissions queue
    at most one email. Returns True when an email was queued.
    """
    now = timezone.now()
    cutoff = now - RESEND_INTERVAL
    unconfirmed = Signature.objects.filter(pk=signature.pk, confirmed_at__isnull=True)
    first_lost = unconfirmed.filter(
        confirmation_sent_at__isnull=True, last_confirmation_sent_at__isnull=True
    ).update(last_confirmation_sent_at=now)
    resend = not first_lost
    claimed = first_lost or (
        unconfirmed.filter(created_at__lt=cutoff)
        .filter(
            Q(last_confirmation_sent_at__isnull=True)
            | Q(last_confirmation_sent_at__lt=cutoff)
        )
        .update(last_confirmation_sent_at=now)
    )
    if not claimed:
        return False
    pk = signature.pk
    transaction.on_commit(
        lambda: signature_confirmation_queue(signature_id=pk, resend=resend)
    )
    return True


def signature_confirmation_queue(*, signature_id, resend=False):
    """Hand the confirmation email to Celery; never raise.

    When the broker is down the signature stays saved with
    confirmation_sent_at NULL, and the periodic sweep sends it later.
    Returns True when the task was published (or ran, in eager mode).
    """
    from .tasks import signature_confirmation_send

    try:
        signature_confirmation_send.apply_async(
            args=[signature_id], kwargs={"resend": resend}, retry=False
        )
    except Exception:  # kombu OperationalError, ConnectionError, OSError...
        logger.warning(
            "Could not queue confirmation email for signature %s; the sweep will send it.",
            signature_id,
            exc_info=True,
        )
        return False
    return True


def _absolute(path):
    return f"{settings.SITE_URL}{path}"


def signature_links(*, signature):
    """Absolute confirm and withdraw URLs for the emails."""
    slug = signature.petition.slug
    confirm = tokens.token_make(signature=signature, purpose=tokens.CONFIRM)
    withdraw = tokens.token_make(signature=signature, purpose=tokens.WITHDRAW)
    return {
        "confirm_url": _absolute(
            reverse("petitions:sign-confirm", kwargs={"slug": slug, "token": confirm})
        ),
        "withdraw_url": _absolute(
            reverse("petitions:sign-withdraw", kwargs={"slug": slug, "token": withdraw})
        ),
        "petition_url": _absolute(signature.petition.get_absolute_url()),
    }


def signature_confirmation_message(*, signature):
    """The confirmation email (plain text and HTML) for one signature, in the
    language the person signed in, with links to the pages in that language.

    It greets the signer by first name only when the name is plain text (the
    sign form refuses anything else, but a row may predate that rule): a name
    never carries a line break, a link or markup into our email.
    """
    with translation.override(signature.language or "en"):
        return _confirmation_message(signature)


def _confirmation_message(signature):
    first_name = signature.first_name.strip()
    context = {
        "signature": signature,
        "greeting_name": first_name if is_plain_text(first_name) else "",
        "petition": petition_in_language(signature.petition),
        **email_footer_context(),
        "max_age_days": settings.PETITION_CONFIRM_MAX_AGE_DAYS,
        "purge_days": settings.PETITION_UNCONFIRMED_MAX_AGE_DAYS,
        **signature_links(signature=signature),
    }
    subject = render_to_string(
        "petitions/email/signature_confirmation_subject.txt", context
    )
    subject = " ".join(subject.split())
    text = render_to_string("petitions/email/signature_confirmation_body.txt", context)
    html = render_to_string("petitions/email/signature_confirmation_body.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[signature.email],
    )
    message.attach_alternative(html, "text/html")
    return message


def signature_confirmation_send(*, signature_id, resend=False):
    """Send the confirmation email for one signature, and record that it went.

    The row is locked while sending, so the task queued at signing and the
    sweep never both send the first email. Skips signatures that are gone,
    already confirmed, or (unless `resend`) already sent. SMTP errors
    propagate: the task retries them. Returns True when an email was sent.
    """
    with transaction.atomic():
        signature = (
            Signature.objects.select_for_update(of=("self",))
            .select_related("petition")
            .filter(pk=signature_id)
            .first()
        )
        if signature is None or signature.confirmed_at is not None:
            return False
        if signature.confirmation_sent_at is not None and not resend:
            return False
        signature_confirmation_message(signature=signature).send()
        now = timezone.now()
        Signature.objects.filter(pk=signature.pk).update(
            confirmation_sent_at=signature.confirmation_sent_at or now,
            last_confirmation_sent_at=now,
        )
    return True


def signature_confirm(*, signature):
    """Count the signature. Idempotent: True only the first time."""
    confirmed = Signature.objects.filter(
        pk=signature.pk, confirmed_at__isnull=True
    ).update(confirmed_at=timezone.now())
    if confirmed:
        petition_counts_forget(petition_id=signature.petition_id)
    return bool(confirmed)


def signature_withdraw(*, signature):
    """Delete the signature and with it every piece of the signer's data."""
    petition_id = signature.petition_id
    Signature.objects.filter(pk=signature.pk).delete()
    petition_counts_forget(petition_id=petition_id)


def signature_get_for_token(*, petition, token, purpose):
    """The signature a confirm/withdraw link points to.

    Raises tokens.TokenExpired / tokens.TokenInvalid, or Signature.DoesNotExist
    when it was withdrawn or purged (or belongs to another petition).
    """
    public_id = tokens.token_read(token=token, purpose=purpose)
    if isinstance(public_id, tokens.LegacyId):  # a link emailed before public ids
        lookup = {"pk": public_id.pk}
    else:
        lookup = {"public_id": public_id}
    return Signature.objects.select_related("petition").get(petition=petition, **lookup)


def signature_confirmations_unsent_queue():
    """Queue the first confirmation email of every signature that never got one
    (the broker was down when they signed). Returns how many were queued."""
    ids = list(
        Signature.objects.filter(
            confirmed_at__isnull=True,
            confirmation_sent_at__isnull=True,
            petition__requires_confirmation=True,
        ).values_list("pk", flat=True)
    )
    queued = 0
    for signature_id in ids:
        queued += signature_confirmation_queue(signature_id=signature_id)
    return queued


def signatures_unconfirmed_purge(*, older_than_days=None):
    """Delete unconfirmed signatures older than the setting (30 days by
    default): personal data we may not keep. Returns how many were deleted."""
    days = older_than_days
    if days is None:
        days = settings.PETITION_UNCONFIRMED_MAX_AGE_DAYS
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = Signature.objects.filter(
        confirmed_at__isnull=True, created_at__lt=cutoff
    ).delete()
    return deleted


def petition_create(**fields):
    """Create a petition after validating it (used by the seed loader)."""
    petition = Petition(**fields)
    petition.full_clean()
    petition.save()
    return petition
