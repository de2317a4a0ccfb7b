"""`letter_compose()`: a template filled in for one legislator, tailored to the state.

Pure: everything it needs from the database comes in as arguments (read once
per state with letters.selectors.letter_facts_get); it writes nothing and
stores nothing of what the reader typed.
"""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone

from .addresses import district_label
from .base import POINT_KEYS, Letter, Recipient, Sender
from .names import salutation_for
from .tailoring import (
    ai_training_paragraph,
    ask_sentence,
    asks_for,
    asks_text,
    law_display_name,
    law_paragraph,
    law_short_display,
    neighbours_sentence,
    points_text,
    request_text,
    story_text,
)
from .templates import (
    TemplateError,
    default_templates,
    paragraphs_split,
    template_fields,
    template_fill,
)
from .text import capitalized, state_phrase

# The name organizers and the logging settings know (not the module's own).
logger = logging.getLogger("letters.compose")


def letter_kind(law) -> str:
    """The LetterTemplate kind for a state's law (a PrivacyLaw or None)."""
    return "has_law" if law is not None and law.has_comprehensive_law else "no_law"


def letter_compose(
    *,
    state,
    law,
    template: dict[str, str],
    states_with_law,
    sender: Sender,
    recipient: Recipient,
    story: str = "",
    points=(),
    today: datetime.date | None = None,
) -> Letter:
    """Compose a letter for `state` (a State row) from the facts passed in.

    `law` is the state's PrivacyLaw (or None); `template` the {"subject",
    "body"} for `letter_kind(law)` (an organizer's LetterTemplate or the
    shipped default); `states_with_law` the (abbr, name) pairs of the states
    with a comprehensive law, earliest signed first. A template that cannot be
    filled is logged and the shipped default used instead. No database access.
    """
    today = today or timezone.localdate()
    kind = letter_kind(law)
    has_law = kind == "has_law"
    chosen = [key for key in POINT_KEYS if key in set(points or ())]

    sentence, count = neighbours_sentence(state.abbr, states_with_law)
    asks = asks_for(law, chosen)
    values = {
        "state_name": state_phrase(state.name),
        "title": recipient.title,
        "legislator_name": recipient.name,
        "family_name": recipient.family_name,
        "chamber_name": recipient.chamber_name,
        "district": district_label(recipient.district, state.abbr),
        "sender_name": " ".join(sender.name.split()),
        "sender_city": " ".join(sender.city.split()) or state.name,
        "law_name": law_display_name(law) if has_law else "",
        "law_short_name": law_short_display(law) if has_law else "",
        "law_count": str(count),
        "neighbours_sentence": sentence,
        "law_paragraph": law_paragraph(law, state, states_with_law, today),
        "ai_training_paragraph": ai_training_paragraph(law, state_phrase(state.name)),
        "asks": asks_text(asks),
        "request": request_text(law, state),
        "ask_sentence": ask_sentence(law, state, asks),
        "points": points_text(chosen, law if has_law else None),
        "story": story_text(story),
    }
    try:
        subject = template_fill(template["subject"], values)
        body = template_fill(template["body"], values)
        if not body.strip():
            raise TemplateError("the body is empty")
    except (TemplateError, KeyError, ValueError, IndexError, AttributeError) as exc:
        logger.warning(
            "Letter template %r cannot be used (%s); using the default", kind, exc
        )
        template = default_templates()[kind]
        subject = template_fill(template["subject"], values)
        body = template_fill(template["body"], values)
    paragraphs = paragraphs_split(body)
    # The reader's own words are never dropped, even by a template that forgot them:
    # they go before the template's last (closing) paragraph.
    used = set(template_fields(template["body"]))
    missing = [
        values[key] for key in ("points", "story") if key not in used and values[key]
    ]
    if missing:
        at = max(len(paragraphs) - 1, 0)
        paragraphs[at:at] = paragraphs_split("\n\n".join(missing))
    return Letter(
        sender=sender,
        recipient=recipient,
        date=today,
        subject=capitalized(" ".join(subject.split())),
        salutation=salutation_for(recipient),
        paragraphs=paragraphs,
        closing="Sincerely,",
        signature_name=" ".join(sender.name.split()),
        state_abbr=state.abbr,
        state_name=state.name,
    )
