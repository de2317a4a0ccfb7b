"""Writes for "send my letter for me" (issue 18).

The flow: `letter_request_create` (from step 4: nothing is sent, a
confirmation email is queued) → `letter_request_confirm` (the POST button
behind the emailed link: each office's letter is queued, or joins that
office's daily digest) → `letter_delivery_send` (the Celery task: exactly
one message per office, at most once) → `letters_followups_send` ("Did they
reply?") → `letter_followup_answer` → `letters_forget` (only counts remain).
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from core import ratelimit
from core.i18n import current_language
from states import us
from states.models import ZipDistrict

from ..models import Legislator, LetterDelivery, LetterRequest
from . import messages, similarity

logger = logging.getLogger(__name__)

Status = LetterDelivery.Status
DAY = 24 * 60 * 60
# Districts whose members every ZIP code of the state elects.
STATEWIDE = {"At-Large", "Chairman", "At-large"}

# Why a letter was not sent, as the writer's page says it.
# Marked for translation: stored in the writer's language when it is written
# (INTERRUPTED, written by a worker, is stored in English and translated on
# the writer's page).
REFUSED_OTHER_STATE = gettext_noop(
    "Your ZIP code is not in {state}: legislators answer the people they represent."
)
REFUSED_OUTSIDE = gettext_noop(
    "Your ZIP code is not in this legislator's district, and you did not confirm "
    "that you live there."
)
INTERRUPTED = gettext_noop(
    "Our sending was interrupted at the last moment, so it most likely went; we do "
    "not send twice."
)


class LimitReached(Exception):
    """Over one of the daily limits; `which` is "email" or "network"."""

    def __init__(self, which):
        super().__init__(which)
        self.which = which


class TemporaryFailure(Exception):
    """The mail server said "try later" (4xx) or could not be reached."""


# --------------------------------------------------------------------------
# Who may write to whom
# --------------------------------------------------------------------------


def constituency_check(*, legislator, zip_code: str) -> str:
    """ "ok" (the ZIP table puts the ZIP in the district), "unknown" (no table
    rows for this ZIP and chamber: the writer's word decides), "outside" (the
    table knows the ZIP and not in this district) or "other_state"."""
    zip5 = us.zip5(zip_code)
    abbr = legislator.state.abbr
    if zip5 is None or abbr not in us.zip_states(zip5):
        return "other_state"
    if legislator.district in STATEWIDE:
        return "ok"
    rows = ZipDistrict.objects.filter(
        zcta=zip5, state=legislator.state, chamber=legislator.chamber
    ).values_list("district", flat=True)
    districts = set(rows)
    if not districts:
        return "unknown"
    return "ok" if legislator.district in districts else "outside"


@dataclass
class Office:
    """A chosen legislator as the send form offers them."""

    legislator: Legislator | None
    addressee: str
    email: str
    check: str  # constituency_check's answer, or "no_email"
    letter: object = None

    @property
    def sendable(self):
        return bool(self.email) and self.check != "other_state"

    @property
    def needs_district_confirm(self):
        return self.check == "outside"


def offices_for_flow(*, state, flow, campaign=None) -> list[Office]:
    """Each chosen legislator with their official email and constituency check,
    with the letter as composed for the flow (a campaign's own letter when
    `campaign` is given; an office that is not a legislator is not offered).
    Reads only."""
    from .. import services as letter_services

    extra = {"campaign": campaign} if campaign is not None else {}
    letters = letter_services.letters_assemble(state=state, flow=flow, **extra)
    ids = [r.get("legislator") for r in flow["recipients"]]
    legislators = Legislator.objects.select_related("state").in_bulk(
        [i for i in ids if i]
    )
    zip_code = flow["letter"].get("zip_code", "")
    offices = []
    for choice, letter in zip(flow["recipients"], letters, strict=True):
        legislator = legislators.get(choice.get("legislator"))
        addressee = " ".join(
            p for p in (letter.recipient.title, letter.recipient.name) if p
        )
        email = (legislator.email or "").strip() if legislator else ""
        check = (
            constituency_check(legislator=legislator, zip_code=zip_code)
            if email
            else "no_email"
        )
        offices.append(
            Office(
                legislator=legislator,
                addressee=addressee,
                email=email,
                check=check,
                letter=letter,
            )
        )
    return offices


# --------------------------------------------------------------------------
# The request and its confirmation
# --------------------------------------------------------------------------


def _limit_keys(*, email, ip_address):
    return {
        "email": (
            f"letters:send-email:{ratelimit.salted_hash(email.lower())[:40]}",
            settings.LETTERS_SEND_PER_EMAIL_PER_DAY,
        ),
        "network": (
            f"letters:send-net:{ratelimit.ip_hash(ip_address)[:40]}",
            settings.LETTERS_SEND_PER_NETWORK_PER_DAY,
        ),
    }


def _day_slot():
    return int(ratelimit.now() // DAY)


def send_limits_take(*, email, ip_address, letters: int) -> None:
    """Count `letters` against the writer's email and network for today; raise
    LimitReached (counting nothing) when either would go over its limit.
    Counted by salted hashes in the cache, never the address itself."""
    slot = _day_slot()
    keys = _limit_keys(email=email, ip_address=ip_address)
    for which, (key, limit) in keys.items():
        if ratelimit.hits(f"{key}:{slot}") + letters > limit:
            raise LimitReached(which)
    for key, _ in keys.values():
        for _ in range(letters):
            ratelimit.hit(f"{key}:{slot}", window=DAY)


def letter_body(letter) -> str:
    """The letter from its salutation to the signature (no address block)."""
    from ..compose import letter_text

    lines = letter_text(letter).split("\n")
    try:
        start = lines.index(letter.salutation)
    except ValueError:
        start = 0
    body = lines[start:]
    while body and not body[-1].strip():
        body.pop()
    if body and body[-1] == letter.signature_name:
        body.pop()  # the name goes with the address, under the letter
    return "\n".join(body).strip() + "\n"


def letter_request_create(
    *, state, flow, email, ip_address, district_confirmed=frozenset(), campaign=None
) -> LetterRequest:
    """Record a "send it for me" for every chosen office with an official email.

    Nothing is sent to an office yet: each delivery waits for the writer to
    confirm (or is refused: another state's legislator, or a district the ZIP
    table says the ZIP is not in, unless the writer confirmed they live
    there; `district_confirmed` holds those legislators' ids). Raises
    LimitReached when today's limits would be passed. Side effects: rows
    saved; the confirmation email queued after commit.
    """
    details = flow["letter"]
    offices = [
        o
        for o in offices_for_flow(state=state, flow=flow, campaign=campaign)
        if o.email
    ]
    to_send = [
        o
        for o in offices
        if o.sendable
        and (not o.needs_district_confirm or o.legislator.pk in district_confirmed)
    ]
    if to_send:
        send_limits_take(email=email, ip_address=ip_address, letters=len(to_send))
    story = similarity.story_words(details.get("story", ""))
    with transaction.atomic():
        letter_request = LetterRequest(
            state=state,
            email=email.strip().lower(),
            name=details["name"],
            street=details["street"],
            city=details["city"],
            zip_code=details["zip_code"],
            language=current_language(),
        )
        letter_request.full_clean(exclude=["public_id"], validate_constraints=False)
        letter_request.save()
        for office in offices:
            legislator = office.legislator
            status, reason = Status.AWAITING, ""
            if office.check == "other_state":
                status = Status.REFUSED
                reason = gettext(REFUSED_OTHER_STATE).format(state=state.name)
            elif office not in to_send:
                status, reason = Status.REFUSED, gettext(REFUSED_OUTSIDE)
            LetterDelivery.objects.create(
                request=letter_request,
                legislator=legislator,
                state=state,
                chamber=legislator.chamber,
                district=legislator.district,
                addressee=office.addressee,
                office_email=office.email.lower(),  # compared exactly (indexed)
                subject=office.letter.subject,
                body=letter_body(office.letter) if status == Status.AWAITING else "",
                story_words=story if status == Status.AWAITING else "",
                status=status,
                failure_reason=reason,
            )
        if to_send:
            pk = letter_request.pk
            transaction.on_commit(lambda: _queue("request_confirmation_send", pk))
    return letter_request


def _queue(task_name, *args):
    """Hand a task to Celery; never raise (the sweep catches up)."""
    from .. import tasks

    try:
        getattr(tasks, task_name).apply_async(args=list(args), retry=False)
    except Exception:  # kombu OperationalError, ConnectionError, OSError...
        logger.warning("Could not queue %s; the sweep will.", task_name, exc_info=True)
        return False
    return True


def letter_request_confirmation_send(*, request_id) -> bool:
    """Email the writer the confirmation link (once). SMTP errors propagate."""
    with transaction.atomic():
        letter_request = (
            LetterRequest.objects.select_for_update().filter(pk=request_id).first()
        )
        if letter_request is None or letter_request.confirmation_sent_at:
            return False
        if letter_request.confirmed_at or not letter_request.email:
            return False
        deliveries = list(letter_request.deliveries.filter(status=Status.AWAITING))
        if not deliveries:
            return False
        messages.confirmation_message(letter_request, deliveries=deliveries).send()
        LetterRequest.objects.filter(pk=request_id).update(
            confirmation_sent_at=timezone.now()
        )
    return True


def letter_request_confirm(*, letter_request) -> bool:
    """The writer pressed "Send my letters": route each waiting letter.

    A letter with no words of the writer's own, or a story the same as one
    sent or queued to the same office, joins that office's daily digest;
    the others are queued for sending (tasks queued after commit).
    Idempotent: True only the first time.
    """
    now = timezone.now()
    with transaction.atomic():
        confirmed = LetterRequest.objects.filter(
            pk=letter_request.pk, confirmed_at__isnull=True, forgotten_at__isnull=True
        ).update(confirmed_at=now)
        if not confirmed:
            return False
        queued = []
        for delivery in letter_request.deliveries.filter(status=Status.AWAITING):
            status = delivery_route(delivery)
            LetterDelivery.objects.filter(pk=delivery.pk).update(
                status=status, queued_at=now if status == Status.QUEUED else None
            )
            if status == Status.QUEUED:
                queued.append(delivery.pk)
        for pk in queued:
            transaction.on_commit(lambda pk=pk: _queue("delivery_send", pk))
    return True


SIMILAR_STATUSES = (Status.QUEUED, Status.SENDING, Status.WAITING, Status.SENT)


def delivery_route(delivery) -> str:
    """QUEUED for a letter of its own; DIGEST for one without personal words or
    with the same story as another already sent or queued to the office."""
    words = delivery.story_words
    if not similarity.is_personal(words):
        return Status.DIGEST
    others = (
        LetterDelivery.objects.filter(
            office_email=delivery.office_email,
            status__in=SIMILAR_STATUSES,
            via_digest=False,
        )
        .exclude(pk=delivery.pk)
        .exclude(story_words="")
        .values_list("story_words", flat=True)
        .iterator()
    )
    for other in others:
        if similarity.is_same_story(words, other):
            return Status.DIGEST
    return Status.QUEUED


# --------------------------------------------------------------------------
# Sending one letter: exactly one message per office, at most once
# --------------------------------------------------------------------------


def sending_is_outbox_only() -> bool:
    """DEBUG without EMAIL_HOST: letters go to the development outbox only."""
    return bool(settings.DEBUG and not settings.EMAIL_HOST)


def sending_connection():
    """The mail connection for letters: never a real server in DEBUG without
    EMAIL_HOST (the file outbox, shown at /dev/outbox/, gets it instead)."""
    if sending_is_outbox_only():
        return get_connection("core.mail.PrivateFileEmailBackend")
    return get_connection()


def _local_day_start(moment):
    local = timezone.localtime(moment)
    return timezone.make_aware(datetime.combine(local.date(), time.min))


def office_sent_today(*, office_email, now) -> int:
    """Letters sent (or being sent) to the office today, one by one: a
    digest's letters went as one message and are not counted."""
    return (
        LetterDelivery.objects.filter(office_email=office_email, via_digest=False)
        .filter(status__in=(Status.SENT, Status.SENDING))
        .filter(claimed_at__gte=_local_day_start(now))
        .count()
    )


def _smtp_text(exc) -> str:
    """ "550 5.1.1 No such mailbox" from an SMTP refusal; the error otherwise."""
    answer = getattr(exc, "smtp_error", None)
    code = getattr(exc, "smtp_code", None)
    if isinstance(exc, smtplib.SMTPRecipientsRefused) and exc.recipients:
        code, answer = next(iter(exc.recipients.values()))
    if isinstance(answer, bytes):
        answer = answer.decode("utf-8", "replace")
    if code:
        return " ".join(f"{code} {answer or ''}".split())
    return str(exc) or exc.__class__.__name__


def _smtp_code(exc) -> int | None:
    code = getattr(exc, "smtp_code", None)
    if code is None and isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [value[0] for value in exc.recipients.values()]
        code = codes[0] if codes else None
    return code


def _claim(delivery_id, now):
    """Lock the row and move it QUEUED → SENDING (or WAITING over the office
    limit). Returns the delivery to send, or None."""
    with transaction.atomic():
        delivery = (
            LetterDelivery.objects.select_for_update(of=("self",))
            .select_related("request__state", "legislator")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            return None
        if delivery.status == Status.SENDING:
            stale = now - timedelta(seconds=settings.LETTERS_SEND_STALE_SECONDS)
            if delivery.claimed_at and delivery.claimed_at <= stale:
                # A worker died after handing the letter to the mail server,
                # or just before: at most once, so it is not sent again.
                LetterDelivery.objects.filter(pk=delivery.pk).update(
                    status=Status.SENT,
                    sent_at=delivery.claimed_at,
                    failure_reason=INTERRUPTED,
                )
            return None
        if delivery.status != Status.QUEUED:
            return None
        if delivery.legislator_id:
            # One office's count is decided by one worker at a time.
            Legislator.objects.select_for_update().filter(
                pk=delivery.legislator_id
            ).first()
        sent = office_sent_today(office_email=delivery.office_email, now=now)
        if sent >= settings.LETTERS_SEND_PER_OFFICE_PER_DAY:
            delivery.status = Status.WAITING
            delivery.not_before = _local_day_start(now) + timedelta(days=1)
            delivery.save(update_fields=["status", "not_before"])
            return None
        delivery.status = Status.SENDING
        delivery.claimed_at = now
        delivery.attempts += 1
        delivery.message_id = delivery.message_id or messages.delivery_message_id(
            delivery
        )
        delivery.save(update_fields=["status", "claimed_at", "attempts", "message_id"])
    return delivery


def letter_delivery_send(*, delivery_id, final_attempt=False) -> bool:
    """Send one office its letter.

    The row is claimed (QUEUED → SENDING, its Message-ID fixed) in a
    transaction before the SMTP call and marked SENT after it; a row found
    SENDING is never sent again, nor one whose SMTP conversation was cut off
    after it began (at most once: it is recorded as sent, "interrupted").
    A 5xx refusal fails the letter and queues the failure notice to the
    writer; a 4xx or a server that cannot be reached puts it back to QUEUED
    and raises TemporaryFailure for the task to retry (on `final_attempt` it
    fails). Returns True when the server took the message.
    """
    now = timezone.now()
    delivery = _claim(delivery_id, now)
    if delivery is None:
        return False
    message = messages.office_message(delivery)
    connection = sending_connection()
    try:
        # Nothing has reached the server yet: any failure here is safe to retry.
        connection.open()
    except (smtplib.SMTPException, OSError) as exc:
        return _temporary(delivery, exc, final_attempt=final_attempt)
    try:
        connection.send_messages([message])
    except (
        smtplib.SMTPResponseException,
        smtplib.SMTPRecipientsRefused,
    ) as exc:
        # The server answered with a code: it did not take the letter.
        code = _smtp_code(exc)
        if code and code >= 500:
            delivery_fail(
                delivery=delivery,
                reason=_plain_reason(code, _smtp_text(exc), delivery=delivery),
            )
            return False
        return _temporary(delivery, exc, final_attempt=final_attempt)
    except (smtplib.SMTPException, OSError):
        # Cut off mid-conversation (a timeout after the letter was handed
        # over, say): it may have gone, so at most once, it is not resent.
        logger.warning("A letter's send was cut off; not resending.", exc_info=True)
        LetterDelivery.objects.filter(pk=delivery.pk).update(
            status=Status.SENT, sent_at=timezone.now(), failure_reason=INTERRUPTED
        )
        return False
    finally:
        try:
            connection.close()
        except Exception:  # noqa: BLE001 - closing a broken connection
            pass
    LetterDelivery.objects.filter(pk=delivery.pk).update(
        status=Status.SENT, sent_at=timezone.now(), failure_reason=""
    )
    return True


def _temporary(delivery, exc, *, final_attempt):
    """Put the letter back in the queue and raise TemporaryFailure (or, on the
    last try, fail it and tell the writer)."""
    code = _smtp_code(exc)
    reason = _smtp_text(exc)
    if final_attempt:
        delivery_fail(
            delivery=delivery, reason=_plain_reason(code, reason, delivery=delivery)
        )
        return False
    LetterDelivery.objects.filter(pk=delivery.pk, status=Status.SENDING).update(
        status=Status.QUEUED, failure_reason=reason[:300], queued_at=timezone.now()
    )
    raise TemporaryFailure(reason) from exc


def _plain_reason(code, reason, *, delivery=None):
    """Why it failed, in the writer's language (the server's own words kept)."""
    language = getattr(getattr(delivery, "request", None), "language", "") or "en"
    with translation.override(language):
        if code and code >= 500:
            if not reason:
                return gettext("The office's mail server refused it.")
            text = gettext("The office's mail server refused it ({reason}).")
        else:
            text = gettext("We could not reach the office's mail server ({reason}).")
        return text.format(reason=reason[:200])


def delivery_fail(*, delivery, reason) -> None:
    """Mark the letter failed and queue the notice to the writer (after commit)."""
    LetterDelivery.objects.filter(pk=delivery.pk).update(
        status=Status.FAILED, failure_reason=reason[:300]
    )
    pk = delivery.pk
    transaction.on_commit(lambda: _queue("failure_notice_send", pk))


def letter_failure_notice_send(*, delivery_id) -> bool:
    """Email the writer that a letter failed, with "post the PDF instead" (once)."""
    with transaction.atomic():
        delivery = (
            LetterDelivery.objects.select_for_update(of=("self",))
            .select_related("request__state")
            .filter(pk=delivery_id, status=Status.FAILED)
            .first()
        )
        if delivery is None or delivery.failure_notice_sent_at:
            return False
        if not delivery.request.email:
            return False
        messages.failure_message(delivery).send()
        LetterDelivery.objects.filter(pk=delivery.pk).update(
            failure_notice_sent_at=timezone.now()
        )
    return True


# A queued letter whose task has not run for this long lost it (the broker
# was down, or lost it): longer than any retry's backoff.
TASK_LOST_AFTER = timedelta(hours=2)


def letters_sending_sweep(*, now=None) -> int:
    """Periodic: queue letters that waited for the next day (office limit) or
    whose task was lost (the broker was down), settle stale sends, and send
    confirmation emails that were never queued. Returns how many send tasks
    were queued."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.LETTERS_SEND_STALE_SECONDS)
    for pk in LetterDelivery.objects.filter(
        status=Status.SENDING, claimed_at__lte=stale
    ).values_list("pk", flat=True):
        _claim(pk, now)  # records them as sent, interrupted
    due = list(
        LetterDelivery.objects.filter(
            status=Status.WAITING, not_before__lte=now
        ).values_list("pk", flat=True)
    )
    lost = list(
        LetterDelivery.objects.filter(status=Status.QUEUED)
        .filter(Q(queued_at__isnull=True) | Q(queued_at__lte=now - TASK_LOST_AFTER))
        .values_list("pk", flat=True)
    )
    queued = 0
    for pk in due + lost:
        LetterDelivery.objects.filter(pk=pk).update(
            status=Status.QUEUED, not_before=None, queued_at=now
        )
        queued += _queue("delivery_send", pk)
    for pk in (
        LetterRequest.objects.filter(
            confirmation_sent_at__isnull=True,
            confirmed_at__isnull=True,
            forgotten_at__isnull=True,
            deliveries__status=Status.AWAITING,
            created_at__lte=now - timedelta(minutes=10),
        )
        .values_list("pk", flat=True)
        .distinct()
    ):
        _queue("request_confirmation_send", pk)
    return queued


# --------------------------------------------------------------------------
# Daily digests
# --------------------------------------------------------------------------


def letters_digests_send(*, now=None) -> int:
    """Periodic (daily): one message per office holding its digest letters.

    The letters are claimed (DIGEST → SENDING, one Message-ID per office and
    day) before the SMTP call and marked sent after, like single letters.
    Returns how many digests were sent.
    """
    import hashlib

    now = now or timezone.now()
    offices = (
        LetterDelivery.objects.filter(status=Status.DIGEST)
        .values_list("office_email", flat=True)
        .distinct()
    )
    sent = 0
    for office_email in sorted(set(offices)):
        key = hashlib.sha256(office_email.encode()).hexdigest()[:16]
        message_id = messages.digest_message_id(office_key=key, day=now.date())
        with transaction.atomic():
            deliveries = list(
                LetterDelivery.objects.select_for_update(of=("self",))
                .select_related("request__state")
                .filter(status=Status.DIGEST, office_email=office_email)
                .order_by("pk")
            )
            if not deliveries:
                continue
            ids = [d.pk for d in deliveries]
            LetterDelivery.objects.filter(pk__in=ids).update(
                status=Status.SENDING,
                claimed_at=now,
                message_id=message_id,
                via_digest=True,
            )
        message = messages.digest_message(deliveries=deliveries, message_id=message_id)
        try:
            sending_connection().send_messages([message])
        except (smtplib.SMTPException, OSError):
            logger.warning(
                "A digest could not be sent; it goes tomorrow.", exc_info=True
            )
            LetterDelivery.objects.filter(pk__in=ids).update(status=Status.DIGEST)
            continue
        LetterDelivery.objects.filter(pk__in=ids).update(
            status=Status.SENT, sent_at=timezone.now()
        )
        sent += 1
    return sent


# --------------------------------------------------------------------------
# "Did they reply?"
# --------------------------------------------------------------------------


def letters_followups_send(*, now=None) -> int:
    """Periodic: ask "Did <legislator> reply?" LETTERS_FOLLOWUP_DAYS after a
    letter was sent on its own, and once more LETTERS_FOLLOWUP_AGAIN_DAYS after
    a "not yet". Each claim is one UPDATE, so a question goes once. Returns
    how many emails were sent."""
    now = now or timezone.now()
    first_due = now - timedelta(days=settings.LETTERS_FOLLOWUP_DAYS)
    base = LetterDelivery.objects.filter(
        status=Status.SENT,
        via_digest=False,
        request__forgotten_at__isnull=True,
    ).exclude(request__email="")
    first = base.filter(sent_at__lte=first_due, followups_sent=0, answer="")
    again = base.filter(
        followups_sent=1,
        answer=LetterDelivery.Answer.NOT_YET,
        followup_again_at__lte=now,
    )
    sent = 0
    for delivery in list(first.select_related("request__state")) + list(
        again.select_related("request__state")
    ):
        claimed = LetterDelivery.objects.filter(
            pk=delivery.pk, followups_sent=delivery.followups_sent
        ).update(
            followups_sent=delivery.followups_sent + 1,
            followup_sent_at=now,
            followup_again_at=None,
        )
        if not claimed:
            continue
        messages.followup_message(delivery).send()
        sent += 1
    return sent


def letter_followup_answer(*, delivery, answer) -> None:
    """Record the writer's answer. "Not yet" the first time asks again later;
    any other answer (or a second "not yet") is final, and once every letter
    of the request is settled its personal data is deleted."""
    now = timezone.now()
    fields = {"answer": answer, "answered_at": now}
    if answer == LetterDelivery.Answer.NOT_YET and delivery.followups_sent <= 1:
        fields["followup_again_at"] = now + timedelta(
            days=settings.LETTERS_FOLLOWUP_AGAIN_DAYS
        )
    else:
        fields["followup_again_at"] = None
    LetterDelivery.objects.filter(pk=delivery.pk).update(**fields)
    letter_request = delivery.request
    if not _request_open(letter_request):
        letter_request_forget(letter_request=letter_request)


def _request_open(letter_request) -> bool:
    """Whether some letter of the request still needs the personal data."""
    for delivery in letter_request.deliveries.all():
        if delivery.status in (
            Status.AWAITING,
            Status.QUEUED,
            Status.SENDING,
            Status.WAITING,
            Status.DIGEST,
        ):
            return True
        if delivery.status == Status.SENT and not delivery.via_digest:
            final = delivery.answer in LetterDelivery.FINAL_ANSWERS or (
                delivery.answer == LetterDelivery.Answer.NOT_YET
                and delivery.followup_again_at is None
            )
            if not final:
                return True
    return False


# --------------------------------------------------------------------------
# Forgetting: only counts remain
# --------------------------------------------------------------------------


def letter_request_forget(*, letter_request) -> None:
    """Delete the writer's email, name, address and every letter's text,
    keeping state, chamber, legislator, status and answer as counts."""
    with transaction.atomic():
        LetterRequest.objects.filter(pk=letter_request.pk).update(
            email="",
            name="",
            street="",
            city="",
            zip_code="",
            forgotten_at=timezone.now(),
        )
        LetterDelivery.objects.filter(request_id=letter_request.pk).update(
            subject="", body="", story_words="", failure_reason=""
        )


def letters_forget(*, now=None) -> dict:
    """Periodic: delete unconfirmed requests older than
    LETTERS_UNCONFIRMED_KEEP_DAYS, and the personal data of requests whose
    letters were all settled more than LETTERS_KEEP_DAYS ago (sent, failed or
    refused; the follow-up answered deletes it sooner). Returns counts."""
    now = now or timezone.now()
    unconfirmed_cutoff = now - timedelta(days=settings.LETTERS_UNCONFIRMED_KEEP_DAYS)
    deleted, _ = LetterRequest.objects.filter(
        confirmed_at__isnull=True, created_at__lt=unconfirmed_cutoff
    ).delete()
    cutoff = now - timedelta(days=settings.LETTERS_KEEP_DAYS)
    candidates = LetterRequest.objects.filter(
        forgotten_at__isnull=True, confirmed_at__lt=cutoff
    ).prefetch_related("deliveries")
    forgotten = 0
    busy = (
        Status.AWAITING,
        Status.QUEUED,
        Status.SENDING,
        Status.WAITING,
        Status.DIGEST,
    )
    for letter_request in candidates:
        deliveries = list(letter_request.deliveries.all())
        if any(d.status in busy for d in deliveries):
            continue
        last = max(
            (d.sent_at or letter_request.confirmed_at for d in deliveries),
            default=letter_request.confirmed_at,
        )
        if last < cutoff:
            letter_request_forget(letter_request=letter_request)
            forgotten += 1
    # A request nobody confirmed and refused outright has no letter to wait for.
    return {"unconfirmed_deleted": deleted, "forgotten": forgotten}
