"""Tailoring a letter to the state: its law's gaps, nearby laws, the reader's points.

Pure functions of their arguments: the state's `PrivacyLaw` (or None) and the
states with a law are passed in (see letters.selectors.letter_facts_get).
"""

from __future__ import annotations

import datetime
import re

from states.neighbours import nearest_with, neighbours

from .base import BULLET, POINT_KEYS
from .text import date_text, join_words, number_words


def law_display_name(law) -> str:
    """ "Connecticut Data Privacy Act (An Act ...)" -> "Connecticut Data Privacy Act"."""
    name = re.sub(r"\s*\([^)]*\)", "", law.law_name or "")
    name = re.split(r",\s*as amended\b", name)[0]
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.I).strip()
    return name or f"{law.state.name} consumer privacy law"


def law_short_display(law) -> str:
    short = re.sub(r"\s*\([^)]*\)", "", law.short_name or "").strip()
    return short or law_display_name(law)


_POINT_TEXT = {
    "consent": (
        "Consent before our data trains AI: companies should have to ask, and get a clear "
        "yes, before they train AI on our posts, photos and other personal data."
    ),
    "minimization": (
        "Data minimization: companies should collect and use only the personal data needed "
        "to provide what we asked for, not whatever their privacy policy claims."
    ),
    "private_right": (
        "A private right of action: people whose rights are violated should be able to go "
        "to court themselves, not wait for the attorney general to act."
    ),
    "delete": (
        "A right to delete: we should be able to make a company delete our personal data "
        "and stop using it, including in the AI models it trains."
    ),
}

_ASK_TEXT = {
    "consent": "clear, opt-in consent before our personal data is used to train AI",
    "minimization": "real data minimization",
    "private_right": "a private right of action so that the law can be enforced",
    "delete": "a right to delete that reaches data already used to train AI",
    "sensitive": "opt-in consent before sensitive data is processed",
    "profiling": "a right to opt out of profiling",
    "ads": "a right to opt out of targeted advertising",
    "sale": "a right to opt out of the sale of our data",
    "law": "a comprehensive privacy law",
}


def law_facts(law, state_name: str, today: datetime.date) -> tuple[str, list[str]]:
    """(paragraph about the law, asks from its gaps)."""
    short = law_short_display(law)
    opening = f"The {short}"
    in_future = bool(law.effective_date and law.effective_date > today)
    if law.effective_date:
        when = date_text(law.effective_date)
        opening += (
            f", which takes effect on {when},"
            if in_future
            else f", in effect since {when},"
        )
    rights = []
    if law.opt_out_of_sale == "yes":
        rights.append("the sale of our data")
    if law.opt_out_of_targeted_ads == "yes":
        rights.append("targeted advertising")
    if law.opt_out_of_profiling == "yes":
        rights.append("profiling")
    sentences = []
    verb = "will let" if in_future else "lets"
    if rights:
        sentences.append(
            f"{opening} was a first step: it {verb} us opt out of {join_words(rights)}."
        )
    else:
        sentences.append(f"{opening} was a first step.")
    gaps, asks = [], []
    if law.private_right_of_action == "no":
        gaps.append(
            "only the attorney general can enforce it, so the people a company harms "
            "cannot go to court themselves"
        )
        asks.append("private_right")
    elif law.private_right_of_action == "limited":
        gaps.append(
            "we can go to court only after a data breach, and every other violation waits "
            "on the attorney general"
        )
        asks.append("private_right")
    if law.sensitive_data_opt_in == "no":
        gaps.append(
            "it does not require our consent before sensitive data such as our health, "
            "precise location or biometrics is processed"
        )
        asks.append("sensitive")
    if law.opt_out_of_profiling == "no":
        gaps.append(
            "it gives us no right to opt out of profiling that decides things about us"
        )
        asks.append("profiling")
    if law.opt_out_of_targeted_ads == "no":
        gaps.append("it gives us no right to opt out of targeted advertising")
        asks.append("ads")
    if law.opt_out_of_sale == "no":
        gaps.append("it gives us no right to opt out of the sale of our data")
        asks.append("sale")
    if gaps:
        first, *rest = gaps
        text = f"But it leaves real gaps: {first}"
        if rest:
            text += "; " + "; ".join(rest)
        sentences.append(text + ".")
    grade = (law.epic_pirg_grade or "").strip()
    if grade and grade[0] in "CDF":
        article = "an" if grade[0] == "F" else "a"
        sentences.append(
            f"EPIC and U.S. PIRG gave it {article} {grade} in their 2025 review of state "
            "privacy laws."
        )
    return " ".join(sentences), asks


def ai_training_paragraph(law, state_name: str) -> str:
    text = (
        f"No state law, {state_name}'s included, requires a company to ask before it trains AI "
        "on our personal data."
    )
    if (
        law is not None
        and law.has_comprehensive_law
        and (law.training_data_disclosure or "").strip()
    ):
        text += (
            f" {state_name} already requires some disclosure about personal data used to train "
            "AI. That is a welcome step, but a line in a privacy notice is not consent."
        )
    text += (
        " Using our posts, photos and messages to train AI is a new purpose that we never "
        "agreed to, and it should need our clear, affirmative consent."
    )
    return text


def neighbours_sentence(abbr: str, states_with_law) -> tuple[str, int]:
    """(sentence about nearby laws, how many states have one), for a no-law letter.

    `states_with_law` is the (abbr, name) pairs of the states with a
    comprehensive law, the earliest signed first.
    """
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


def points_text(points, law) -> str:
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
