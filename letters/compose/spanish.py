"""The letter's fixed text in Spanish, for a writer who chooses it (issue 19).

The same facts as the English sentences of `tailoring`, `names` and
`addresses`, worded from letters/data/es/tailoring.yaml (the phrases are
data, not code; the Spanish default templates and asks are in
templates/letters/defaults/es/, beside the English ones). Law names and abbreviations stay in their
official English form; the writer's own story is never translated. Pure: the
state's PrivacyLaw (or None) and the states with a law are passed in.
"""

from __future__ import annotations

import datetime
from functools import cache
from pathlib import Path

import yaml

from states.neighbours import nearest_with, neighbours
from states.spanish import letter_note_es

from .addresses import district_parts
from .base import BULLET, POINT_KEYS
from .text import capitalized

LANGUAGES = ("en", "es")


WORDING = Path(__file__).resolve().parent.parent / "data" / "es" / "tailoring.yaml"


@cache
def wording() -> dict:
    """letters/data/es/tailoring.yaml."""
    return yaml.safe_load(WORDING.read_text(encoding="utf-8"))


def _sentence(text: str) -> str:
    text = " ".join((text or "").split())
    return capitalized(text) if text else ""


def date_text(day: datetime.date) -> str:
    """ "1 de diciembre de 2026" (built from parts: the same on every host)."""
    w = wording()
    return w["date"].format(
        day=day.day, month=w["months"][day.month - 1], year=day.year
    )


def join_words(items: list[str]) -> str:
    """ "a", "a y b", "a, b y c" (no serial comma in Spanish)."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {wording()['and']} {items[-1]}"


def number_words(n: int) -> str:
    words = wording()["number_words"]
    return words[n] if 0 <= n < len(words) else str(n)


def state_phrase(name: str) -> str:
    """A state's name in a Spanish sentence: "Nueva York", "el Distrito de Columbia"."""
    return wording()["state_names"].get(name, name)


def title(title: str) -> str:
    """ "Senator" -> "Senador(a)"; an unknown title stays as it is."""
    return wording()["titles"].get(title or "Legislator", title)


def salutation(recipient) -> str:
    """ "Honorable Senador(a) García:"; without a name, "Honorable Senador(a):"."""
    w = wording()
    if recipient.family_name:
        return w["salutation"].format(
            title=title(recipient.title), family_name=recipient.family_name
        )
    return w["salutation_no_name"].format(title=title(recipient.title))


def district_label(district: str, state_abbr: str = "") -> str:
    """ "12" -> "Distrito 12"; "Hillsborough 12" (NH House) -> "Distrito 12 del
    condado de Hillsborough"; "1st Barnstable" (Massachusetts) -> "Distrito 1st
    Barnstable"; labels ("Ward 1", "At-Large") stay as the legislature writes them."""
    kind, parts = district_parts(district, state_abbr)
    if not kind:
        return ""
    if kind == "label":
        return parts["district"]
    w = wording()
    key = {"named": "named_district", "county": "county_district"}.get(kind, "district")
    return w[key].format(**parts)


def seat_line(seat_title: str, district: str, state_abbr: str = "") -> str:
    """ "Senador(a), Distrito 12"; DC's Chairman: "Presidente(a) del Concejo"."""
    label = district_label(district, state_abbr)
    spanish = title(seat_title)
    if not label or label == seat_title or label.lower().startswith("chair"):
        return spanish
    return wording()["seat"].format(title=spanish, label=label)


def addressee(name: str) -> str:
    return wording()["addressee"].format(name=name)


def law_facts(law, state_name: str, today: datetime.date, name: str) -> str:
    """The Spanish of tailoring.law_facts: the same facts, sentence for sentence."""
    w = wording()["law"]
    in_future = bool(law.effective_date and law.effective_date > today)
    rights = []
    if law.opt_out_of_sale == "yes":
        rights.append(w["opt_out"]["sale"])
    if law.opt_out_of_targeted_ads == "yes":
        rights.append(w["opt_out"]["targeted_ads"])
    if law.opt_out_of_profiling == "yes":
        rights.append(w["opt_out"]["profiling"])
    gives = join_words(rights)
    sentences = []
    if in_future:
        opening = w["future"].format(
            state=state_name, name=name, date=date_text(law.effective_date)
        )
        sentences.append(
            opening
            + (w["future_gives"].format(rights=gives) if gives else w["future_end"])
        )
    else:
        if law.effective_date:
            start = w["present_since"].format(
                name=name, date=date_text(law.effective_date)
            )
        else:
            start = w["present"].format(name=name)
        sentences.append(
            start
            + (w["present_gives"].format(rights=gives) if gives else w["present_none"])
        )
    note = _sentence(letter_note_es(law.state.abbr) if law.letter_note else "")
    if note.startswith("Pero "):
        sentences.append(note)
        note = ""
    enforced_by = " ".join((law.enforced_by or "").split())
    enforcers = w["enforcers"].get(enforced_by, enforced_by)
    several = " y " in enforcers
    suffix = "_future" if in_future else ""
    sue = law.private_right_of_action
    if sue == "no":
        key = "only_enforcers" if several else "only_enforcer"
        sentences.append(w[key + suffix].format(enforcers=enforcers))
    elif sue == "limited":
        key = "limited_several" if several else "limited"
        sentences.append(capitalized(w[key + suffix].format(enforcers=enforcers)))
    grade = (law.epic_pirg_grade or "").strip()
    if grade and grade[0] in "AB":
        sentences.append(w["grade_good"].format(grade=grade))
    elif grade and grade[0] in "CDF":
        sentences.append(w["grade"].format(grade=grade))
    if note:
        sentences.append(note)
    sentences.append(w["no_consent_future" if in_future else "no_consent"])
    return " ".join(sentences)


def law_paragraph_none(law, state, states_with_law) -> str:
    """The Spanish of tailoring.law_paragraph for a state without a law."""
    w = wording()["law"]
    sentences = [capitalized(w["none"].format(state=state_phrase(state.name)))]
    nearby, _ = neighbours_sentence(state.abbr, states_with_law)
    if nearby:
        sentences.append(nearby)
    if law is not None and (law.letter_note or "").strip():
        note = _sentence(letter_note_es(state.abbr))
        if note:
            sentences.append(note)
    sentences.append(w["none_no_consent"])
    return " ".join(sentences)


def ai_training_paragraph(law) -> str:
    w = wording()["law"]
    text = w["none_no_consent"]
    if law is not None and not law.researched:
        text = ""
    return (text + " " + w["ai_training_new_purpose"]).strip()


def neighbours_sentence(abbr: str, states_with_law) -> tuple[str, int]:
    """The Spanish of tailoring.neighbours_sentence (the same states, the same count)."""
    w = wording()["neighbours"]
    states_with_law = list(states_with_law)
    with_law = {code: state_phrase(name) for code, name in states_with_law}
    order = {code: name for code, name in states_with_law}
    count = len(with_law)
    if not count:
        return "", 0
    near = [code for code in neighbours(abbr) if code in with_law]
    if near:
        names = join_words([with_law[c] for c in sorted(near, key=order.get)])
        text = w["one" if len(near) == 1 else "several"].format(names=names)
        others = count - len(near)
        if others == 1:
            text += w["others_one"]
        elif others:
            text += w["others"].format(count=number_words(others))
        return capitalized(text) + ".", count
    nearby = nearest_with(abbr, set(with_law))
    if nearby:
        names = join_words([with_law[c] for c in sorted(nearby, key=order.get)])
        return w["nearby"].format(count=count, names=names), count
    first = [state_phrase(name) for _, name in states_with_law[:3]]
    return w["first"].format(count=count, names=join_words(first)), count


def points_text(points, law, short: str) -> str:
    w = wording()["points"]
    chosen = [key for key in POINT_KEYS if key in set(points or ())]
    if not chosen:
        return ""
    lines = [w["intro"]]
    for key in chosen:
        text = w[key]
        if key == "delete" and law is not None and law.has_comprehensive_law:
            text = w["delete_with_law"].format(short=short)
        lines.append(BULLET + " ".join(text.split()))
    return "\n\n".join(lines)


def pdf_text(key: str, **values) -> str:
    return wording()["pdf"][key].format(**values)
