"""Tailoring a letter to the state: its law's gaps, nearby laws, the reader's points.

Pure functions of their arguments: the state's `PrivacyLaw` (or None) and the
states with a law are passed in (see letters.selectors.letter_facts_get).
"""

from __future__ import annotations

import datetime
import re

from states.neighbours import nearest_with, neighbours

from . import spanish
from .base import BULLET, POINT_KEYS
from .text import capitalized, date_text, join_words, number_words, state_phrase


def law_display_name(law, language: str = "en") -> str:
    """ "Connecticut Data Privacy Act (An Act ...)" -> "Connecticut Data Privacy Act".

    The name stays in its official English form in a Spanish letter too."""
    name = re.sub(r"\s*\([^)]*\)", "", law.law_name or "")
    name = re.split(r",\s*as amended\b", name)[0]
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.I).strip()
    if not name and language == "es":
        return spanish.wording()["law"]["fallback_name"].format(state=law.state.name)
    return name or f"{law.state.name} consumer privacy law"


def law_short_display(law, language: str = "en") -> str:
    short = re.sub(r"\s*\([^)]*\)", "", law.short_name or "").strip()
    return short or law_display_name(law, language)


_POINT_TEXT = {
    "consent": (
        "Consent first: companies should have to ask, and get a clear yes, before they "
        "train AI on our posts, photos and messages."
    ),
    "minimization": (
        "Data minimization: companies should collect and keep only the personal data "
        "they need for what we asked them to do."
    ),
    "private_right": (
        "A right to sue: people whose rights are violated should be able to go to court "
        "themselves, not wait for the state to act."
    ),
    "delete": (
        "A right to delete: we should be able to make a company delete our personal data "
        "and stop using it, including in the AI models it trains."
    ),
}


def _standing(law) -> str:
    """strong / weak / none / unresearched (states.models.LawStanding) for a law or None."""
    if law is None:
        return "none"
    return str(law.standing)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return capitalized(text) if text else ""


def law_facts(law, state_name: str, today: datetime.date) -> str:
    """What the state's law gives and lacks, in a few sentences with its facts.

    Only what the facts say: the right tense for a law not yet in effect ("has
    passed a law that takes effect on ..."), who enforces it (the attorney
    general unless `enforced_by` names others), its grade when it is telling,
    the law's own note (`letter_note`), and that it does not require consent
    before personal data trains AI (no state law does).
    """
    name = law_display_name(law)
    in_future = bool(law.effective_date and law.effective_date > today)
    rights = []
    if law.opt_out_of_sale == "yes":
        rights.append("the sale of our data")
    if law.opt_out_of_targeted_ads == "yes":
        rights.append("targeted ads")
    if law.opt_out_of_profiling == "yes":
        rights.append("profiling")
    gives = []
    if rights:
        gives.append(f"opt out of {join_words(rights)}")
    sentences = []
    if in_future:
        opening = (
            f"{state_name} has passed a law, the {name}, that takes effect on "
            f"{date_text(law.effective_date)}"
        )
        sentences.append(opening + (f": it will let us {gives[0]}." if gives else "."))
    else:
        since = (
            f", in effect since {date_text(law.effective_date)},"
            if law.effective_date
            else ""
        )
        sentences.append(
            f"The {name}{since} "
            + (f"lets us {gives[0]}." if gives else "is our privacy law.")
        )
    note = _sentence(law.letter_note or "")
    # A note that qualifies the law's reach ("But it reaches only ...") follows at once.
    if note.startswith("But "):
        sentences.append(note)
        note = ""
    enforcers = " ".join((law.enforced_by or "").split()) or "the attorney general"
    several = " and " in enforcers
    sue = law.private_right_of_action
    if sue == "no":
        can = "will be able to" if in_future else "can"
        sentences.append(
            f"Only {enforcers} {can} enforce it; people "
            + ("will not be able to sue." if in_future else "cannot sue.")
        )
    elif sue == "limited":
        verb = "will enforce" if in_future else ("enforce" if several else "enforces")
        sentences.append(
            f"{capitalized(enforcers)} {verb} it, and people can sue only over data "
            "breaches."
        )
    grade = (law.epic_pirg_grade or "").strip()
    if grade and grade[0] in "AB":
        sentences.append(
            f"EPIC and U.S. PIRG gave it a {grade} in 2025, one of their best grades."
        )
    elif grade and grade[0] in "CDF":
        article = "an" if grade[0] == "F" else "a"
        sentences.append(f"EPIC and U.S. PIRG gave it {article} {grade} in 2025.")
    if note:
        sentences.append(note)
    sentences.append(
        "Like every state privacy law, it "
        + ("will not require" if in_future else "does not require")
        + " a company to ask before training AI on our personal data."
    )
    return " ".join(sentences)


def law_paragraph(
    law, state, states_with_law, today: datetime.date, language: str = "en"
) -> str:
    """The paragraph about the state's law (or its lack of one), by its standing.

    Unresearched (Puerto Rico): empty, no claim at all. No law: says so, with
    nearby laws and any note (Washington's My Health My Data Act).
    """
    standing = _standing(law)
    name = state_phrase(state.name)
    if standing == "unresearched":
        return ""
    if language == "es":
        if standing == "none":
            return spanish.law_paragraph_none(law, state, states_with_law)
        return spanish.law_facts(
            law,
            capitalized(spanish.state_phrase(state.name)),
            today,
            law_display_name(law, language),
        )
    if standing == "none":
        sentences = [f"{capitalized(name)} has no comprehensive consumer privacy law."]
        nearby, _ = neighbours_sentence(state.abbr, states_with_law)
        if nearby:
            sentences.append(nearby)
        if law is not None and (law.letter_note or "").strip():
            sentences.append(_sentence(law.letter_note))
        sentences.append(
            "No state law requires a company to ask before training AI on our "
            "personal data."
        )
        return " ".join(sentences)
    return law_facts(law, capitalized(name), today)


def letter_wording(language: str = "en") -> dict:
    """The standing-specific wording (templates/letters/defaults/standing.yaml,
    or es/standing.yaml)."""
    from .templates import default_standing_wording

    return default_standing_wording(language)


def _law_values(law, state, language: str) -> dict:
    """{law}, {short} and {state} of standing.yaml: "the <law>" / "la <law>"."""
    article = "la" if language == "es" else "the"
    phrase = spanish.state_phrase if language == "es" else state_phrase
    return {
        "law": f"{article} {law_display_name(law, language)}"
        if law is not None
        else "",
        "short": law_short_display(law, language) if law is not None else "",
        "state": phrase(state.name),
    }


def request_text(law, state, language: str = "en") -> str:
    """What the opening asks the legislator to do, by the law's standing."""
    wording = letter_wording(language)
    return wording["request"][_standing(law)].format(
        **_law_values(law, state, language)
    )


def asks_for(law, chosen, language: str = "en") -> list[str]:
    """The keys of what to ask for: the standing's own, then the reader's other points."""
    wording = letter_wording(language)
    asks = list(wording["asks"][_standing(law)])
    covers = {"consent_or_opt_out": "consent"}
    have = {covers.get(key, key) for key in asks}
    for key in chosen:
        if key not in have:
            asks.append(key)
            have.add(key)
    return asks


def asks_text(asks, language: str = "en") -> str:
    wording = letter_wording(language)
    join = spanish.join_words if language == "es" else join_words
    return join([wording["ask_text"][key] for key in asks])


def ask_sentence(law, state, asks, language: str = "en") -> str:
    """ "Please sponsor or support amendments to the TDPSA that give us ..." """
    wording = letter_wording(language)
    return wording["ask"][_standing(law)].format(
        **_law_values(law, state, language),
        asks=asks_text(asks, language),
    )


def ai_training_paragraph(law, state_name: str, language: str = "en") -> str:
    """Kept for organizers' templates that still use {ai_training_paragraph}."""
    if language == "es":
        return spanish.ai_training_paragraph(law)
    text = (
        "No state law requires a company to ask before it trains AI on our personal "
        "data."
    )
    if law is not None and not law.researched:
        text = ""
    text += (
        " Using our posts, photos and messages to train AI is a new purpose that we never "
        "agreed to, and it should need our clear, affirmative consent."
    )
    return text.strip()


def neighbours_sentence(
    abbr: str, states_with_law, language: str = "en"
) -> tuple[str, int]:
    """(sentence about nearby laws, how many states have one), for a no-law letter.

    `states_with_law` is the (abbr, name) pairs of the states with a
    comprehensive law, the earliest signed first.
    """
    if language == "es":
        return spanish.neighbours_sentence(abbr, states_with_law)
    states_with_law = list(states_with_law)
    with_law = dict(states_with_law)
    count = len(with_law)
    if not count:
        return "", 0
    near = [code for code in neighbours(abbr) if code in with_law]
    if near:
        names = join_words([with_law[code] for code in sorted(near, key=with_law.get)])
        if len(near) == 1:
            text = f"Neighboring {names} already has one"
        else:
            text = f"Our neighbors {names} already have one"
        others = count - len(near)
        if others:
            text += f", and so do {number_words(others)} other state{'s' if others != 1 else ''}"
        return text + ".", count
    nearby = nearest_with(abbr, set(with_law))
    if nearby:
        names = join_words(
            [with_law[code] for code in sorted(nearby, key=with_law.get)]
        )
        return f"{count} states already have one, including nearby {names}.", count
    first = [name for _, name in states_with_law[:3]]
    return f"{count} states already have one, including {join_words(first)}.", count


def points_text(points, law, language: str = "en") -> str:
    if language == "es":
        short = law_short_display(law, language) if law is not None else ""
        return spanish.points_text(points, law, short)
    chosen = [key for key in POINT_KEYS if key in set(points or ())]
    if not chosen:
        return ""
    lines = ["These protections matter most to me:"]
    for key in chosen:
        text = _POINT_TEXT[key]
        if key == "delete" and law is not None and law.has_comprehensive_law:
            text = (
                f"A right to delete that reaches AI: deleting our data under the "
                f"{law_short_display(law)} should also stop its use in the AI models a "
                "company trains."
            )
        lines.append(BULLET + text)
    return "\n\n".join(lines)


def story_text(story: str) -> str:
    from core.pdf import text_clean  # reportlab: loaded only when a letter is composed

    text = text_clean(story or "").strip()
    # Keep the reader's paragraphs; collapse runs of blank lines.
    parts = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "\n\n".join(parts)
