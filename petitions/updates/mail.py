"""One recipient's copy of a campaign update.

From: the organization's name with the site's sending address. Plain text and
HTML from templates/petitions/email/update.{txt,html}, each with the
organization's name and postal address (CAN-SPAM), why the person gets it,
and a link to unsubscribe. Headers: `List-Unsubscribe` (the https link, and a
mailto when the organization has an email) and `List-Unsubscribe-Post:
List-Unsubscribe=One-Click` (RFC 8058: mail apps unsubscribe with one POST).
"""

from __future__ import annotations

from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.selectors import organization_get
from core.validators import is_plain_text

from ..selectors import petition_in_language
from .tokens import unsubscribe_token_make


def unsubscribe_url(*, email: str) -> str:
    token = unsubscribe_token_make(email=email)
    return settings.SITE_URL + reverse(
        "petitions:update-unsubscribe", kwargs={"token": token}
    )


def sender(organization) -> str:
    """ "Organization name <the site's sending address>"."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if organization is not None and organization.name:
        name = organization.name
    return formataddr((name or settings.SITE_NAME, address))


def update_context(*, update, petition, email, first_name, organization, language="en"):
    """The templates' context; call inside translation.override(language)."""
    first_name = (first_name or "").strip()
    return {
        "update": update,
        "subject": update.subject_for(language),
        "paragraphs": update.paragraphs(language),
        "petition": petition_in_language(petition, language),
        "petition_url": settings.SITE_URL + petition.get_absolute_url()
        if petition
        else settings.SITE_URL,
        "greeting_name": first_name if is_plain_text(first_name) else "",
        "organization": organization,
        "unsubscribe_url": unsubscribe_url(email=email),
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
    }


def update_message(
    *,
    update,
    petition,
    email,
    first_name="",
    organization=None,
    connection=None,
    language="en",
) -> EmailMultiAlternatives:
    """The email of `update` to `email` (who signed `petition`), in the
    signer's `language`: the update's Spanish text when it has one (else the
    English), our own words and links in that language."""
    if organization is None:
        organization = organization_get()
    with translation.override(language or "en"):
        context = update_context(
            update=update,
            petition=petition,
            email=email,
            first_name=first_name,
            organization=organization,
            language=language or "en",
        )
        text = render_to_string("petitions/email/update.txt", context)
        html = render_to_string("petitions/email/update.html", context)
    unsubscribe = [f"<{context['unsubscribe_url']}>"]
    headers = {}
    if organization is not None and organization.email:
        unsubscribe.append(f"<mailto:{organization.email}?subject=unsubscribe>")
        headers["Reply-To"] = organization.email
    headers["List-Unsubscribe"] = ", ".join(unsubscribe)
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=" ".join(context["subject"].split()),
        body=text,
        from_email=sender(organization),
        to=[email],
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message
