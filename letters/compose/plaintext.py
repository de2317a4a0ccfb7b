"""A composed letter as plain text ("copy the text", the mailto body) and its parts."""

from __future__ import annotations

import re
import unicodedata

from . import spanish
from .addresses import seat_line
from .base import BULLET, CUSTOM_CHAMBER, Letter, Recipient, Sender
from .text import date_text


def sender_lines(sender: Sender) -> list[str]:
    lines = [sender.name, sender.street]
    city = ", ".join(part for part in (sender.city, sender.state_abbr) if part)
    lines.append(f"{city} {sender.zip_code}".strip())
    return [" ".join(line.split()) for line in lines if line and line.strip()]


def recipient_lines(recipient: Recipient, language: str = "en") -> list[str]:
    """The address block: "The Honorable Jane O'Brien", "Delegate, District 12", address.

    Spanish: "Honorable Jane O'Brien", "Delegado(a), Distrito 12"; the postal
    lines (and the chamber's official name) stay as the office writes them."""
    if recipient.address_source == CUSTOM_CHAMBER:
        # A campaign's own office: its name, then its address as typed.
        return [line for line in [recipient.name, *recipient.address_lines] if line]
    lines = []
    es = language == "es"
    seat = (spanish.seat_line if es else seat_line)(
        recipient.title, recipient.district, recipient.state_abbr
    )
    if recipient.name:
        lines.append(
            spanish.addressee(recipient.name)
            if es
            else f"The Honorable {recipient.name}"
        )
    lines.append(seat)
    if recipient.address_lines:
        if recipient.address_source != "chamber" and recipient.title == "Chairman":
            lines.append(recipient.chamber_name)
        lines.extend(recipient.address_lines)
    elif recipient.chamber_name:
        lines.append(recipient.chamber_name)
    return [line for line in lines if line]


def letter_date(letter: Letter) -> str:
    """The letter's date in its language: "December 1, 2026", "1 de diciembre de 2026"."""
    return (spanish.date_text if letter.language == "es" else date_text)(letter.date)


def letter_subject_line(letter: Letter) -> str:
    """ "Re: <subject>"; Spanish: "Asunto: <subject>"."""
    es = letter.language == "es"
    prefix = spanish.wording()["subject_prefix"] if es else "Re:"
    return f"{prefix} {letter.subject}"


def letter_text(letter: Letter) -> str:
    """The letter as plain text, for "copy the text" and the mailto body."""
    contact = [part for part in (letter.sender.email, letter.sender.phone) if part]
    out = sender_lines(letter.sender) + contact
    out += ["", letter_date(letter), ""]
    out += recipient_lines(letter.recipient, letter.language)
    out += ["", letter_subject_line(letter), "", letter.salutation, ""]
    for index, paragraph in enumerate(letter.paragraphs):
        out.append(paragraph)
        following = (
            letter.paragraphs[index + 1] if index + 1 < len(letter.paragraphs) else ""
        )
        # Bullet points sit on consecutive lines; other paragraphs get a blank line.
        if not (
            following.startswith(BULLET)
            and (paragraph.startswith(BULLET) or paragraph.endswith(":"))
        ):
            out.append("")
    out += [letter.closing, "", letter.signature_name]
    return "\n".join(out).strip() + "\n"


def slugify_ascii(text: str) -> str:
    """ASCII-only slug: "O'Brien" -> "obrien", "Zoë Ñúñez" -> "zoe-nunez"."""
    text = (
        unicodedata.normalize("NFKD", text or "")
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    text = re.sub(r"['’`]", "", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
