"""The words of a letter to a state legislator, tailored to the state's privacy law.

Pure text composition: nothing here reads or writes the database or stores
what the reader typed. The caller passes what a letter needs from the
database: the state, its `PrivacyLaw` (or None), the template to fill (an
organizer's `LetterTemplate` or the shipped default) and the states that have
a law; `letters.selectors.letter_facts_get()` reads them once per state.

Modules, by concern:

- `base`: the dataclasses (Sender, Recipient, Letter) and the reader's points;
- `names`: family names, salutations, the addressee of a seat;
- `addresses`: capitol addresses as envelope lines, district labels;
- `templates`: `{placeholder}` fields, the shipped defaults
  (templates/letters/defaults/*.txt, and standing.yaml: the asks by where the
  law stands), filling and checking templates;
- `tailoring`: the paragraph on the state's law (tense, enforcement, its
  note), the request and ask by `PrivacyLaw.standing`, nearby laws, the
  reader's points and story;
- `letter`: `letter_compose()`, which puts the above together;
- `plaintext`: the letter as plain text;
- `spanish`: the fixed text in Spanish, when the writer chooses it
  (templates/letters/defaults/es/);
- `text`: small helpers (lists, numbers, `date_text`).

Neighbouring states are U.S. facts: they live in `states.neighbours`.
"""

from states.neighbours import NEIGHBOURS, nearest_with, neighbours

from .addresses import address_lines, district_label, seat_line
from .base import (
    BULLET,
    CUSTOM_CHAMBER,
    POINT_CHOICES,
    POINT_KEYS,
    Letter,
    Recipient,
    Sender,
)
from .letter import letter_compose, letter_kind
from .names import (
    custom_recipient_for,
    family_name_guess,
    recipient_for,
    salutation_for,
)
from .plaintext import (
    letter_date,
    letter_subject_line,
    letter_text,
    recipient_lines,
    sender_lines,
    slugify_ascii,
)
from .spanish import LANGUAGES as LETTER_LANGUAGES
from .tailoring import law_display_name, law_short_display
from .templates import (
    CAMPAIGN_PARTS,
    TEMPLATE_KINDS,
    TEMPLATE_PLACEHOLDERS,
    TemplateError,
    campaign_template,
    campaign_template_errors,
    default_templates,
    template_errors,
)
from .text import date_text, state_phrase

__all__ = [
    "BULLET",
    "CAMPAIGN_PARTS",
    "CUSTOM_CHAMBER",
    "LETTER_LANGUAGES",
    "NEIGHBOURS",
    "POINT_CHOICES",
    "POINT_KEYS",
    "TEMPLATE_KINDS",
    "TEMPLATE_PLACEHOLDERS",
    "Letter",
    "Recipient",
    "Sender",
    "TemplateError",
    "address_lines",
    "campaign_template",
    "campaign_template_errors",
    "custom_recipient_for",
    "date_text",
    "default_templates",
    "district_label",
    "family_name_guess",
    "law_display_name",
    "law_short_display",
    "letter_compose",
    "letter_date",
    "letter_subject_line",
    "letter_kind",
    "letter_text",
    "nearest_with",
    "neighbours",
    "recipient_for",
    "recipient_lines",
    "salutation_for",
    "seat_line",
    "sender_lines",
    "slugify_ascii",
    "state_phrase",
    "template_errors",
]
