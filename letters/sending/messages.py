"""The emails of the send flow, built from rows (pure: nothing sent or saved).

To an office: From "<writer> via <organization>" at LETTERS_FROM_EMAIL,
Reply-To the writer, a Message-ID derived from the delivery (stable across
retries), plain text and HTML, the writer's name and postal address under
the letter. To the writer: the confirmation, a failure notice, the follow-up.
"""

from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.selectors import organization_get

from . import tokens


def sender_address() -> tuple[str, str]:
    """(display name, address) of LETTERS_FROM_EMAIL."""
    name, address = parseaddr(settings.LETTERS_FROM_EMAIL)
    return name, address or "noreply@localhost"


def organization_name() -> str:
    org = organization_get()
    return (org.name if org else "") or settings.SITE_NAME


def message_domain() -> str:
    return sender_address()[1].rpartition("@")[2] or "localhost"


def delivery_message_id(delivery) -> str:
    """Stable for one delivery: a resend would carry the same id."""
    return f"<letter.{delivery.public_id}@{message_domain()}>"


def digest_message_id(*, office_key: str, day) -> str:
    return f"<letters-digest.{office_key}.{day:%Y%m%d}@{message_domain()}>"


def from_header(writer_name: str) -> str:
    org = organization_name()
    display = f"{writer_name} via {org}" if writer_name else org
    return formataddr((display, sender_address()[1]))


def writer_lines(letter_request) -> list[str]:
    """Name and full postal address, as offices expect from constituents."""
    abbr = letter_request.state.abbr
    town = f"{letter_request.city}, {abbr} {letter_request.zip_code}"
    lines = [letter_request.name, letter_request.street, " ".join(town.split())]
    if letter_request.email:
        lines.append(letter_request.email)
    return [line for line in lines if line.strip()]


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def status_url(letter_request) -> str:
    token = tokens.token_make(public_id=letter_request.public_id, purpose=tokens.STATUS)
    return absolute(reverse("letters:sending-status", kwargs={"token": token}))


def confirm_url(letter_request) -> str:
    token = tokens.token_make(
        public_id=letter_request.public_id, purpose=tokens.CONFIRM
    )
    return absolute(reverse("letters:sending-confirm", kwargs={"token": token}))


def reply_url(delivery) -> str:
    token = tokens.token_make(public_id=delivery.public_id, purpose=tokens.REPLY)
    return absolute(reverse("letters:sending-reply", kwargs={"token": token}))


def _render(name: str, context: dict) -> tuple[str, str, str]:
    base = f"letters/sending/email/{name}"
    subject = " ".join(render_to_string(f"{base}_subject.txt", context).split())
    text = render_to_string(f"{base}_body.txt", context)
    html = render_to_string(f"{base}_body.html", context)
    return subject, text, html


def _message(*, subject, text, html, to, from_email=None, reply_to=None, headers=None):
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to,
        headers=headers or {},
    )
    message.attach_alternative(html, "text/html")
    return message


def office_message(delivery) -> EmailMultiAlternatives:
    """The letter to one office."""
    letter_request = delivery.request
    context = {
        "body": delivery.body,
        "writer_lines": writer_lines(letter_request),
        "organization": organization_name(),
        "site_url": settings.SITE_URL,
    }
    text = render_to_string("letters/sending/email/office_body.txt", context)
    html = render_to_string("letters/sending/email/office_body.html", context)
    return _message(
        subject=delivery.subject,
        text=text,
        html=html,
        to=[delivery.office_email],
        from_email=from_header(letter_request.name),
        reply_to=[letter_request.email] if letter_request.email else None,
        headers={"Message-ID": delivery.message_id or delivery_message_id(delivery)},
    )


def digest_message(*, deliveries, message_id) -> EmailMultiAlternatives:
    """One office's daily digest: "N constituents wrote about …" with names and towns."""
    first = deliveries[0]
    org = organization_name()
    writers = [
        {"name": d.request.name, "town": f"{d.request.city}, {d.request.zip_code}"}
        for d in deliveries
    ]
    context = {
        "count": len(deliveries),
        "subject": first.subject,
        "addressee": first.addressee,
        "writers": writers,
        "body": first.body,
        "organization": org,
        "site_url": settings.SITE_URL,
    }
    subject, text, html = _render("digest", context)
    org_info = organization_get()
    reply_to = [org_info.email] if org_info and org_info.email else None
    return _message(
        subject=subject,
        text=text,
        html=html,
        to=[first.office_email],
        from_email=formataddr((org, sender_address()[1])),
        reply_to=reply_to,
        headers={"Message-ID": message_id},
    )


def writer_context(letter_request, **extra) -> dict:
    return {
        "letter_request": letter_request,
        "name": letter_request.name,
        "status_url": status_url(letter_request),
        "organization": organization_name(),
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "start_url": absolute(reverse("letters:start")),
        **extra,
    }


def in_writer_language(build):
    """Build a writer's email in the language they wrote in: its words, its
    dates and its links (/es/... for Spanish)."""

    def built(row, *args, **kwargs):
        letter_request = getattr(row, "request", row)
        with translation.override(letter_request.language or "en"):
            return build(row, *args, **kwargs)

    return built


@in_writer_language
def confirmation_message(letter_request, *, deliveries) -> EmailMultiAlternatives:
    context = writer_context(
        letter_request,
        confirm_url=confirm_url(letter_request),
        deliveries=deliveries,
        max_age_days=settings.LETTERS_UNCONFIRMED_KEEP_DAYS,
    )
    subject, text, html = _render("confirmation", context)
    return _message(subject=subject, text=text, html=html, to=[letter_request.email])


@in_writer_language
def failure_message(delivery) -> EmailMultiAlternatives:
    context = writer_context(delivery.request, delivery=delivery)
    subject, text, html = _render("failure", context)
    return _message(subject=subject, text=text, html=html, to=[delivery.request.email])


@in_writer_language
def followup_message(delivery) -> EmailMultiAlternatives:
    context = writer_context(
        delivery.request, delivery=delivery, reply_url=reply_url(delivery)
    )
    subject, text, html = _render("followup", context)
    return _message(subject=subject, text=text, html=html, to=[delivery.request.email])
