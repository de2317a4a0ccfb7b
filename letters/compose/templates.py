"""Letter templates: their `{placeholder}` fields, the shipped defaults, filling them.

Organizers edit templates in the admin (LetterTemplate); the shipped default
wording per kind lives in template files under templates/letters/defaults/
(`<kind>_subject.txt`, `<kind>_body.txt`). Those files use `{placeholder}`
fields (str.format style), not Django template syntax: they are read as raw
text, never rendered by Django.
"""

from __future__ import annotations

import re
import string
from functools import cache

import yaml
from django.template.loader import get_template

from .text import capitalized

TEMPLATE_KINDS = ("no_law", "has_law")
DEFAULTS_DIR = "letters/defaults"

TEMPLATE_PLACEHOLDERS = {
    "state_name": "The state's name, e.g. Virginia.",
    "title": "The legislator's title, e.g. Delegate.",
    "legislator_name": "The legislator's full name (may be empty).",
    "family_name": "The legislator's family name (may be empty).",
    "chamber_name": "e.g. Virginia House of Delegates.",
    "district": "e.g. District 12.",
    "sender_name": "The reader's name.",
    "sender_city": "The reader's city.",
    "law_name": "The law's name, e.g. Virginia Consumer Data Protection Act (empty without a law).",
    "law_short_name": "The law's abbreviation, e.g. VCDPA (the name if it has none).",
    "law_count": "How many states have a comprehensive privacy law, e.g. 23.",
    "neighbours_sentence": "Which nearby states already have a law (no-law letters).",
    "law_paragraph": "What the state's law gives and what it lacks, from the facts.",
    "ai_training_paragraph": "That no law requires consent for AI training (and any disclosure duty).",
    "asks": "What to add, from the facts and the reader's points: 'a, b and c'.",
    "request": "What the opening asks for, by the law's standing: 'strengthen the Texas Data Privacy and Security Act'.",
    "ask_sentence": "The closing ask, by the law's standing: 'Please sponsor or support amendments to the TDPSA that give us ...'.",
    "points": "The reader's chosen points, one paragraph each (empty if none chosen).",
    "story": "The reader's own story, as written (empty if none).",
}


def _defaults_dir(language: str) -> str:
    """templates/letters/defaults/ (English) or its es/ folder."""
    return DEFAULTS_DIR if language == "en" else f"{DEFAULTS_DIR}/{language}"


def default_template_source(kind: str, part: str, language: str = "en") -> str:
    """The raw text of a shipped default (`part` is "subject" or "body")."""
    source = get_template(
        f"{_defaults_dir(language)}/{kind}_{part}.txt"
    ).template.source
    # Files end with a newline; the text itself does not.
    return source.replace("\r\n", "\n").removesuffix("\n")


def default_templates(language: str = "en") -> dict[str, dict]:
    """The shipped letter templates by LetterTemplate kind (seeded by letters.content);
    `language` "es": the Spanish wording (templates/letters/defaults/es/)."""
    return {
        kind: {
            "subject": default_template_source(kind, "subject", language),
            "body": default_template_source(kind, "body", language),
        }
        for kind in TEMPLATE_KINDS
    }


@cache
def default_standing_wording(language: str = "en") -> dict:
    """The asks by law standing (templates/letters/defaults/standing.yaml, or
    es/standing.yaml)."""
    source = get_template(f"{_defaults_dir(language)}/standing.yaml").template.source
    data = yaml.safe_load(source)
    for part in ("request", "ask", "asks", "ask_text"):
        missing = [s for s in STANDINGS if s not in data.get(part, {})]
        if part != "ask_text" and missing:
            raise TemplateError(f"standing.yaml: {part} has no {missing[0]}")
    return data


STANDINGS = ("strong", "weak", "none", "unresearched")


class TemplateError(ValueError):
    pass


def template_fields(template: str) -> list[str]:
    """The placeholder names in `template`; TemplateError if any is not a plain known name."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise TemplateError(f"unbalanced braces: {exc}") from exc
    names = []
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in TEMPLATE_PLACEHOLDERS:
            raise TemplateError(f"unknown placeholder {{{name}}}")
        if spec or conversion:
            raise TemplateError(
                f"placeholder {{{name}}} must not have a format or conversion"
            )
        names.append(name)
    return names


def template_errors(*, subject: str, body: str) -> list[str]:
    """Problems with an organizer's template, for admin form validation ([] when fine)."""
    errors = []
    for label, text in (("Subject", subject), ("Body", body)):
        try:
            template_fields(text or "")
        except TemplateError as exc:
            errors.append(
                f"{label}: {exc}. Known placeholders: "
                + ", ".join(f"{{{n}}}" for n in TEMPLATE_PLACEHOLDERS)
            )
    if not (body or "").strip():
        errors.append("Body: must not be empty.")
    return errors


# A campaign's letter (letters.LetterCampaign): its parts, in the order of the
# body, and where the writer's own words go between them.
CAMPAIGN_PARTS = ("opening", "asks", "closing")
CAMPAIGN_PART_LABELS = {
    "subject": "Subject",
    "opening": "Opening",
    "asks": "Asks",
    "closing": "Closing",
}


def campaign_template(
    *, subject: str, opening: str, asks: str, closing: str
) -> dict[str, str]:
    """A campaign's letter as a {"subject", "body"} template for letter_compose.

    The body is the opening, the writer's story, the writer's points, the asks
    and the closing, each part a paragraph or more (blank lines between), so
    every part has the same placeholders as the standard letter.
    """
    parts = [opening, "{story}", "{points}", asks, closing]
    body = "\n\n".join(part.strip() for part in parts if (part or "").strip())
    return {"subject": subject or "", "body": body}


def campaign_template_errors(
    *, subject: str, opening: str, asks: str, closing: str
) -> dict[str, list[str]]:
    """Problems with a campaign's letter by field, for the admin form ({} when fine)."""
    errors: dict[str, list[str]] = {}
    texts = {"subject": subject, "opening": opening, "asks": asks, "closing": closing}
    for name, text in texts.items():
        try:
            template_fields(text or "")
        except TemplateError as exc:
            errors.setdefault(name, []).append(
                f"{CAMPAIGN_PART_LABELS[name]}: {exc}. Known placeholders: "
                + ", ".join(f"{{{n}}}" for n in TEMPLATE_PLACEHOLDERS)
            )
        if not (text or "").strip():
            errors.setdefault(name, []).append(
                f"{CAMPAIGN_PART_LABELS[name]}: must not be empty."
            )
    return errors


def template_fill(template: str, values: dict[str, str]) -> str:
    template_fields(template)
    return template_unwrap(template).format_map(values)


def template_unwrap(template: str) -> str:
    """Single line breaks inside a template paragraph are just wrapping: make them spaces."""
    template = template.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"(?<!\n)[ \t]*\n[ \t]*(?!\s*\n)", " ", template)


def paragraphs_split(body: str) -> list[str]:
    """Split on blank lines (the reader's own line breaks inside a story are kept)."""
    result = []
    for block in re.split(r"\n[ \t]*\n", body):
        block = block.strip()
        if block:
            # {state_name} may open a paragraph: "the District of Columbia has ..."
            if block.startswith("the District of"):
                block = capitalized(block)
            result.append(block)
    return result
