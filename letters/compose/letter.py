"""`letter_compose()`: a template filled in for one legislator, tailored to the state.

Pure: everything it needs from the database comes in as arguments (read once
per state with letters.selectors.letter_facts_get); it writes nothing and
stores nothing of what the reader typed.
"""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone

from . import spanish
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
    language: str = "en",
) -> Letter:
    """Compose a letter for `state` (a State row) from the facts passed in.

    `law` is the state's PrivacyLaw (or None); `template` the {"subject",
    "body"} for `letter_kind(law)` (an organizer's LetterTemplate or the
    shipped default); `states_with_law` the (abbr, name) pairs of the states
    with a comprehensive law, earliest signed first. A template that cannot be
    filled is logged and the shipped default used instead. No database access.

    `language` "es": the fixed text in Spanish (pass the Spanish template,
    `default_templates("es")`); the writer's story stays as written and law
    names keep their official English form.
    """
    if language not in spanish.LANGUAGES:
        raise ValueError(f"unknown letter language {language!r}")
    es = language == "es"
    phrase = spanish.state_phrase if es else state_phrase
    today = today or timezone.localdate()
    kind = letter_kind(law)
    has_law = kind == "has_law"
    chosen = [key for key in POINT_KEYS if key in set(points or ())]

    sentence, count = neighbours_sentence(state.abbr, states_with_law, language)
    asks = asks_for(law, chosen, language)
    values = {
        "state_name": phrase(state.name),
        "title": spanish.title(recipient.title) if es else recipient.title,
        "legislator_name": recipient.name,
        "family_name": recipient.family_name,
        "chamber_name": recipient.chamber_name,
        "district": (spanish.district_label if es else district_label)(
            recipient.district, state.abbr
        ),
        "sender_name": " ".join(sender.name.split()),
        "sender_city": " ".join(sender.city.split())
        or (spanish.state_phrase(state.name) if es else state.name),
        "law_name": law_display_name(law, language) if has_law else "",
        "law_short_name": law_short_display(law, language) if has_law else "",
        "law_count": str(count),
        "neighbours_sentence": sentence,
        "law_paragraph": law_paragraph(law, state, states_with_law, today, language),
        "ai_training_paragraph": ai_training_paragraph(
            law, phrase(state.name), language
        ),
        "asks": asks_text(asks, language),
        "request": request_text(law, state, language),
        "ask_sentence": ask_sentence(law, state, asks, language),
        "points": points_text(chosen, law if has_law else None, language),
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
        template = default_templates(language)[kind]
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
        salutation=salutation_for(recipient, language),
        paragraphs=paragraphs,
        closing=spanish.wording()["closing"] if es else "Sincerely,",
        signature_name=" ".join(sender.name.split()),
        state_abbr=state.abbr,
        state_name=state.name,
        language=language,
    )
