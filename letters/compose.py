"""The words of a letter to a state legislator, tailored to the state's privacy law.

Pure text composition: nothing here writes to the database or stores what the
reader typed. `letter_compose()` reads the state's `PrivacyLaw` facts, the
organizer-edited `LetterTemplate` (or the shipped default) and, for a state
without a law, which neighbouring states have one.

Templates use `{placeholder}` fields (see `TEMPLATE_PLACEHOLDERS`). Organizers
edit them in the admin, so a broken template never breaks a letter: it is
logged and the shipped default is used instead.
"""

from __future__ import annotations

import datetime
import logging
import re
import string
import unicodedata
from collections import deque
from dataclasses import dataclass, field

from django.db.models import F
from django.utils import timezone

from core.dates import date_text

logger = logging.getLogger(__name__)


@dataclass
class Sender:
    name: str
    street: str
    city: str
    zip_code: str
    state_abbr: str
    email: str = ""
    phone: str = ""


@dataclass
class Recipient:
    name: str
    title: str
    family_name: str
    chamber: str
    district: str
    address_lines: list[str] = field(default_factory=list)
    email: str = ""
    # e.g. "Virginia House of Delegates": printed in the address block.
    chamber_name: str = ""


@dataclass
class Letter:
    sender: Sender
    recipient: Recipient
    date: datetime.date
    subject: str
    salutation: str
    paragraphs: list[str]
    closing: str
    signature_name: str
    state_abbr: str
    state_name: str = ""


POINT_CHOICES = [
    ("consent", "Consent before personal data trains AI"),
    ("minimization", "Data minimization"),
    ("private_right", "A private right of action"),
    ("delete", "A right to delete"),
]
POINT_KEYS = [key for key, _ in POINT_CHOICES]

BULLET = "• "

# --------------------------------------------------------------------------
# Neighbouring states (shared land borders, plus DC; Four Corners counted).
# --------------------------------------------------------------------------

_BORDERS = {
    "AL": "FL GA MS TN",
    "AK": "",
    "AZ": "CA CO NM NV UT",
    "AR": "LA MO MS OK TN TX",
    "CA": "AZ NV OR",
    "CO": "AZ KS NE NM OK UT WY",
    "CT": "MA NY RI",
    "DE": "MD NJ PA",
    "DC": "MD VA",
    "FL": "AL GA",
    "GA": "AL FL NC SC TN",
    "HI": "",
    "ID": "MT NV OR UT WA WY",
    "IL": "IA IN KY MO WI",
    "IN": "IL KY MI OH",
    "IA": "IL MN MO NE SD WI",
    "KS": "CO MO NE OK",
    "KY": "IL IN MO OH TN VA WV",
    "LA": "AR MS TX",
    "ME": "NH",
    "MD": "DC DE PA VA WV",
    "MA": "CT NH NY RI VT",
    "MI": "IN OH WI",
    "MN": "IA ND SD WI",
    "MS": "AL AR LA TN",
    "MO": "AR IA IL KS KY NE OK TN",
    "MT": "ID ND SD WY",
    "NE": "CO IA KS MO SD WY",
    "NV": "AZ CA ID OR UT",
    "NH": "MA ME VT",
    "NJ": "DE NY PA",
    "NM": "AZ CO OK TX UT",
    "NY": "CT MA NJ PA VT",
    "NC": "GA SC TN VA",
    "ND": "MN MT SD",
    "OH": "IN KY MI PA WV",
    "OK": "AR CO KS MO NM TX",
    "OR": "CA ID NV WA",
    "PA": "DE MD NJ NY OH WV",
    "RI": "CT MA",
    "SC": "GA NC",
    "SD": "IA MN MT ND NE WY",
    "TN": "AL AR GA KY MO MS NC VA",
    "TX": "AR LA NM OK",
    "UT": "AZ CO ID NM NV WY",
    "VT": "MA NH NY",
    "VA": "DC KY MD NC TN WV",
    "WA": "ID OR",
    "WV": "KY MD OH PA VA",
    "WI": "IA IL MI MN",
    "WY": "CO ID MT NE SD UT",
    "PR": "",
}
NEIGHBOURS: dict[str, tuple[str, ...]] = {
    abbr: tuple(codes.split()) for abbr, codes in _BORDERS.items()
}


def neighbours(state_abbr: str) -> tuple[str, ...]:
    """USPS codes of the states sharing a border with `state_abbr`."""
    return NEIGHBOURS.get(state_abbr.upper(), ())


def nearest_with(state_abbr: str, candidates: set[str], *, limit: int = 3) -> list[str]:
    """The nearest states (by number of borders crossed) among `candidates`.

    Neighbours first; if none qualifies, their neighbours, and so on.
    """
    start = state_abbr.upper()
    seen = {start}
    frontier = deque([start])
    while frontier:
        ring = []
        for _ in range(len(frontier)):
            for other in neighbours(frontier.popleft()):
                if other not in seen:
                    seen.add(other)
                    ring.append(other)
        found = sorted(code for code in ring if code in candidates)
        if found:
            return found[:limit]
        frontier.extend(ring)
    return []


# --------------------------------------------------------------------------
# Names and addresses
# --------------------------------------------------------------------------

_HONORIFICS = {
    "the",
    "honorable",
    "hon",
    "sen",
    "senator",
    "rep",
    "representative",
    "del",
    "delegate",
    "assemblymember",
    "assemblyman",
    "assemblywoman",
    "asm",
    "councilmember",
    "dr",
    "mr",
    "mrs",
    "ms",
    "mx",
    "miss",
    "state",
    "majority",
    "minority",
    "leader",
    "speaker",
    "president",
    "pro",
    "tem",
}
_SUFFIXES = {
    "jr",
    "sr",
    "ii",
    "iii",
    "iv",
    "v",
    "phd",
    "md",
    "esq",
    "dds",
    "cpa",
    "ret",
}
_PARTICLES = {
    "van",
    "von",
    "der",
    "den",
    "de",
    "del",
    "della",
    "di",
    "da",
    "dos",
    "das",
    "du",
    "la",
    "le",
    "st",
    "ste",
    "ten",
    "ter",
    "bin",
    "ibn",
    "al",
    "el",
    "mac",
    "y",
}


def _bare(word: str) -> str:
    return re.sub(r"[.,]", "", word).lower()


def family_name_guess(name: str) -> str:
    """The family name in a typed name, for "Dear Senator O'Brien:".

    Drops titles ("Sen.", "The Honorable"), suffixes ("Jr.", "III"), nicknames
    in quotes or parentheses; keeps particles ("van der Berg", "de la Cruz");
    "O'Brien, Jane" gives "O'Brien". A single word is taken as the family name.
    """
    name = " ".join((name or "").split())
    name = re.sub(r"\([^)]*\)|\"[^\"]*\"|“[^”]*”", " ", name)
    if "," in name:
        head, _, tail = name.partition(",")
        tail_words = [w for w in tail.split() if _bare(w) not in _SUFFIXES]
        # "O'Brien, Jane" (family first) unless the part after the comma is a suffix.
        if tail_words and head.strip():
            return family_name_guess(head)
        name = head
    words = [w.strip(",") for w in name.split()]
    while words and _bare(words[0]) in _HONORIFICS and len(words) > 1:
        words.pop(0)
    while words and _bare(words[-1]) in _SUFFIXES and len(words) > 1:
        words.pop()
    if not words:
        return ""
    family = [words[-1]]
    index = len(words) - 2
    while index >= 1 and _bare(words[index]) in _PARTICLES:
        family.insert(0, words[index])
        index -= 1
    return " ".join(family)


_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_CITY_LINE = re.compile(r",?\s*([^,]+?),\s*([A-Z]{2})\.?\s+(\d{5}(?:-\d{4})?)\s*$")
_PO_BOX = re.compile(r"\s+(?=P\.?\s?O\.?\s+Box\b)", re.I)
# Before a house number ("Building 300 Capitol Ave."), not after Room/Suite/Box/...
_HOUSE_NUMBER = re.compile(
    r"(?<!\bRoom)(?<!\bSuite)(?<!\bSte\.)(?<!\bBox)(?<!\bFloor)"
    r"(?<!\bStation)(?<!\bNo\.)(?<!\bUnit)(?<!#)\s+(?=\d+[A-Z]?\s+[A-Z])"
)
_DELIVERY = re.compile(r"^(\d|P\.?\s?O\.?\s+Box\b)", re.I)
_UNIT = re.compile(
    r"^(Suite|Ste\.?|Unit|Apt\.?|#|Floor|Fl\.?)(\s|\d|$)|^\w+ Floor$", re.I
)


def address_lines(address: str, *, width: int = 40) -> list[str]:
    """A one-line capitol address split into envelope lines.

    "Room 519, General Assembly Building P.O. Box 396, Richmond, VA 23218" gives
    ["Room 519, General Assembly Building", "P.O. Box 396", "Richmond, VA 23218"].
    Zero-width characters are dropped and runs of spaces collapsed.
    """
    text = _ZERO_WIDTH.sub("", address or "").replace("\u00a0", " ")
    pieces = []
    for raw_line in text.splitlines():
        line = " ".join(raw_line.split()).replace(" ,", ",").strip(" ,")
        if line:
            pieces.append(line)
    if not pieces:
        return []
    text = ", ".join(pieces)
    tail = []
    match = _CITY_LINE.search(text)
    if match:
        city, state, zip_code = match.groups()
        tail = [f"{city.strip()}, {state} {zip_code}"]
        text = text[: match.start()]
    segments = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        for piece in _PO_BOX.split(part):
            segments.extend(s.strip() for s in _HOUSE_NUMBER.split(piece) if s.strip())
    # Join descriptive pieces ("Room 519", "General Assembly Building") while short;
    # a delivery line (street number or P.O. Box) stays on its own line.
    lines: list[str] = []
    for segment in segments:
        if lines and _UNIT.match(segment) and _DELIVERY.match(lines[-1]):
            lines[-1] = f"{lines[-1]}, {segment}"
        elif (
            lines
            and not _DELIVERY.match(segment)
            and not _DELIVERY.match(lines[-1])
            and len(lines[-1]) + 2 + len(segment) <= width
        ):
            lines[-1] = f"{lines[-1]}, {segment}"
        else:
            lines.append(segment)
    return lines + tail


def district_label(district: str) -> str:
    """ "12" -> "District 12"; "Rockingham 30" -> "Rockingham 30 District"."""
    district = " ".join(str(district or "").split())
    if not district:
        return ""
    lowered = district.lower()
    # Already a label: "Ward 1", "At-Large", "Chairman" (DC), "5th District".
    if any(
        word in lowered
        for word in ("district", "ward", "at-large", "at large", "chair")
    ):
        return district
    if district[0].isdigit() or len(district) <= 3:
        return f"District {district}"
    return f"{district} District"


def _state_fields(state):
    """(abbr, name) from a State row or a USPS code."""
    if isinstance(state, str):
        from states.models import State

        row = State.objects.filter(abbr=state.upper()).first()
        return state.upper(), (row.name if row else state.upper())
    return state.abbr, state.name


def _legislatures():
    from states import legislatures

    return legislatures


def recipient_for(
    *, state, chamber, district, legislator=None, typed_name=""
) -> Recipient:
    """The addressee for a seat: the imported legislator, or the name the reader typed.

    The title always follows the chamber (member_title), whatever was typed.
    """
    abbr, state_name = _state_fields(state)
    legislatures = _legislatures()
    title = legislatures.member_title(abbr, chamber, district)
    chamber_name = legislatures.chamber_name(abbr, chamber)
    if chamber_name and not chamber_name.startswith(state_name):
        chamber_name = f"{state_name} {chamber_name}"
    if legislator is not None:
        name = " ".join(legislator.name.split())
        family = " ".join((legislator.family_name or "").split()) or family_name_guess(
            name
        )
        return Recipient(
            name=name,
            title=title,
            family_name=family,
            chamber=chamber,
            district=str(district),
            address_lines=address_lines(legislator.capitol_address),
            email=(legislator.email or "").strip(),
            chamber_name=chamber_name,
        )
    name = " ".join(_ZERO_WIDTH.sub("", typed_name or "").split())
    return Recipient(
        name=name,
        title=title,
        family_name=family_name_guess(name),
        chamber=chamber,
        district=str(district),
        address_lines=[],
        email="",
        chamber_name=chamber_name,
    )


def salutation_for(recipient: Recipient) -> str:
    """ "Dear Delegate O'Brien:"; without a name, "Dear Senator:"."""
    title = recipient.title or "Legislator"
    if recipient.family_name:
        return f"Dear {title} {recipient.family_name}:"
    return f"Dear {title}:"


# --------------------------------------------------------------------------
# Templates
# --------------------------------------------------------------------------

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
    "points": "The reader's chosen points, one paragraph each (empty if none chosen).",
    "story": "The reader's own story, as written (empty if none).",
}

_NO_LAW_SUBJECT = (
    "A consumer privacy law for {state_name}: consent before our data trains AI"
)
_NO_LAW_BODY = """\
I live in {sender_city}, and I am writing to ask you to sponsor or support a comprehensive \
consumer privacy law for {state_name}, one that keeps our personal data out of AI training \
unless we say yes.

{state_name} has no comprehensive consumer privacy law today. {neighbours_sentence} People in \
{state_name} deserve at least the same protection, and we can learn from what those first laws \
left out.

This is already happening. Meta has confirmed that it trains its AI on the public posts and \
photos adults have shared on Facebook and Instagram since 2007, with no way to opt out in the \
United States. In September 2024, LinkedIn opted its users in automatically to training its \
generative AI before it had even updated its privacy policy. Under X's terms effective \
November 15, 2024, simply continuing to post counts as consent to train its AI models.

{ai_training_paragraph}

{points}

{story}

I ask you to support a bill that gives {state_name} residents {asks}.

Please let me know where you stand. Thank you for your service to our district."""

_HAS_LAW_SUBJECT = "Strengthen the {law_short_name}: consent before our data trains AI"
_HAS_LAW_BODY = """\
I live in {sender_city}, and I am writing about the {law_name} and what it still does not do: \
stop companies from training AI on our personal data without our permission.

{law_paragraph}

This is already happening. Meta has confirmed that it trains its AI on the public posts and \
photos adults have shared on Facebook and Instagram since 2007, with no way to opt out in the \
United States. In September 2024, LinkedIn opted its users in automatically to training its \
generative AI before it had even updated its privacy policy. Under X's terms effective \
November 15, 2024, simply continuing to post counts as consent to train its AI models.

{ai_training_paragraph}

{points}

{story}

I ask you to sponsor or support amendments to the {law_short_name} that give us {asks}.

Please let me know where you stand. Thank you for your service to our district."""


def default_templates() -> dict[str, dict]:
    """The shipped letter templates by LetterTemplate kind (seeded by letters.content)."""
    return {
        "no_law": {"subject": _NO_LAW_SUBJECT, "body": _NO_LAW_BODY},
        "has_law": {"subject": _HAS_LAW_SUBJECT, "body": _HAS_LAW_BODY},
    }


class TemplateError(ValueError):
    pass


def _fields(template: str) -> list[str]:
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
            _fields(text or "")
        except TemplateError as exc:
            errors.append(
                f"{label}: {exc}. Known placeholders: "
                + ", ".join(f"{{{n}}}" for n in TEMPLATE_PLACEHOLDERS)
            )
    if not (body or "").strip():
        errors.append("Body: must not be empty.")
    return errors


def _fill(template: str, values: dict[str, str]) -> str:
    _fields(template)
    return _unwrap(template).format_map(values)


def _template_for(kind: str) -> dict[str, str]:
    from letters.models import LetterTemplate

    row = LetterTemplate.objects.filter(kind=kind).first()
    if row is None:
        return default_templates()[kind]
    return {"subject": row.subject, "body": row.body}


# --------------------------------------------------------------------------
# Tailoring from the facts
# --------------------------------------------------------------------------


def _join(items: list[str]) -> str:
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} and {items[1]}"
    return ", ".join(items[:-1]) + f", and {items[-1]}"


def _number(n: int) -> str:
    """Numbers under ten in words, as in running text."""
    words = "zero one two three four five six seven eight nine".split()
    return words[n] if 0 <= n < 10 else str(n)


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


def _law_facts(law, state_name: str, today: datetime.date) -> tuple[str, list[str]]:
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
            f"{opening} was a first step: it {verb} us opt out of {_join(rights)}."
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


def state_phrase(name: str) -> str:
    """The name as it reads in a sentence: "the District of Columbia", "Virginia"."""
    return f"the {name}" if name.startswith("District of") else name


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _ai_training_paragraph(law, state_name: str) -> str:
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


def _neighbours_sentence(abbr: str, state_name: str) -> tuple[str, int]:
    from states.models import State

    with_law = dict(State.objects.with_law().values_list("abbr", "name"))
    count = len(with_law)
    if not count:
        return "", 0
    near = [code for code in neighbours(abbr) if code in with_law]
    if near:
        names = _join([with_law[code] for code in sorted(near, key=with_law.get)])
        if len(near) == 1:
            text = f"Neighboring {names} already has one"
        else:
            text = f"Our neighbors {names} already have one"
        others = count - len(near)
        if others:
            text += (
                f", and so do {_number(others)} other state{'s' if others != 1 else ''}"
            )
        return text + ".", count
    nearby = nearest_with(abbr, set(with_law))
    if nearby:
        names = _join([with_law[code] for code in sorted(nearby, key=with_law.get)])
        return f"{count} states already have one, including nearby {names}.", count
    first = (
        State.objects.with_law()
        .order_by(
            F("privacy_law__signed_date").asc(nulls_last=True),
            F("privacy_law__signed_year").asc(nulls_last=True),
            "name",
        )
        .values_list("name", flat=True)[:3]
    )
    return f"{count} states already have one, including {_join(list(first))}.", count


def _points_text(points, law) -> str:
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


def _story_text(story: str) -> str:
    from core.pdf import text_clean

    text = text_clean(story or "").strip()
    # Keep the reader's paragraphs; collapse runs of blank lines.
    parts = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "\n\n".join(parts)


def letter_compose(
    *,
    state,
    sender: Sender,
    recipient: Recipient,
    story: str = "",
    points=(),
    today: datetime.date | None = None,
    facts: dict | None = None,
) -> Letter:
    """Compose a letter (no database writes) for `state` (a State row, or its USPS code).

    Uses the organizers' LetterTemplate for the state's situation when there is
    one, else the shipped default; a template that cannot be filled is logged
    and the default used instead. Composing several letters at once (one per
    legislator), pass the same empty dict as `facts` to each call: the state's
    law, the neighbours sentence and the templates are then read once.
    """
    from states.models import PrivacyLaw, State

    facts = {} if facts is None else facts

    def once(key, read):
        if key not in facts:
            facts[key] = read()
        return facts[key]

    if isinstance(state, str):
        state = State.objects.get(abbr=state.upper())
    today = today or timezone.localdate()
    law = once(("law", state.pk), PrivacyLaw.objects.filter(state=state).first)
    has_law = bool(law and law.has_comprehensive_law)
    kind = "has_law" if has_law else "no_law"
    chosen = [key for key in POINT_KEYS if key in set(points or ())]

    neighbours_sentence, count = once(
        ("neighbours", state.pk), lambda: _neighbours_sentence(state.abbr, state.name)
    )
    if has_law:
        law_paragraph, gap_asks = _law_facts(law, state.name, today)
        asks = ["consent", *gap_asks]
    else:
        law_paragraph = ""
        asks = ["consent", "minimization", "delete", "private_right"]
    for key in chosen:
        if key not in asks:
            asks.append(key)
    values = {
        "state_name": state_phrase(state.name),
        "title": recipient.title,
        "legislator_name": recipient.name,
        "family_name": recipient.family_name,
        "chamber_name": recipient.chamber_name,
        "district": district_label(recipient.district),
        "sender_name": " ".join(sender.name.split()),
        "sender_city": " ".join(sender.city.split()) or state.name,
        "law_name": law_display_name(law) if has_law else "",
        "law_short_name": law_short_display(law) if has_law else "",
        "law_count": str(count),
        "neighbours_sentence": neighbours_sentence,
        "law_paragraph": law_paragraph,
        "ai_training_paragraph": _ai_training_paragraph(law, state_phrase(state.name)),
        "asks": _join([_ASK_TEXT[key] for key in asks]),
        "points": _points_text(chosen, law if has_law else None),
        "story": _story_text(story),
    }
    template = once(("template", kind), lambda: _template_for(kind))
    try:
        subject = _fill(template["subject"], values)
        body = _fill(template["body"], values)
        if not body.strip():
            raise TemplateError("the body is empty")
    except (TemplateError, KeyError, ValueError, IndexError, AttributeError) as exc:
        logger.warning(
            "Letter template %r cannot be used (%s); using the default", kind, exc
        )
        template = default_templates()[kind]
        subject = _fill(template["subject"], values)
        body = _fill(template["body"], values)
    paragraphs = _paragraphs(body)
    # The reader's own words are never dropped, even by a template that forgot them:
    # they go before the template's last (closing) paragraph.
    used = set(_fields(template["body"]))
    missing = [
        values[key] for key in ("points", "story") if key not in used and values[key]
    ]
    if missing:
        at = max(len(paragraphs) - 1, 0)
        paragraphs[at:at] = _paragraphs("\n\n".join(missing))
    return Letter(
        sender=sender,
        recipient=recipient,
        date=today,
        subject=_capitalized(" ".join(subject.split())),
        salutation=salutation_for(recipient),
        paragraphs=paragraphs,
        closing="Sincerely,",
        signature_name=" ".join(sender.name.split()),
        state_abbr=state.abbr,
        state_name=state.name,
    )


def _unwrap(template: str) -> str:
    """Single line breaks inside a template paragraph are just wrapping: make them spaces."""
    template = template.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"(?<!\n)[ \t]*\n[ \t]*(?!\s*\n)", " ", template)


def _paragraphs(body: str) -> list[str]:
    """Split on blank lines (the reader's own line breaks inside a story are kept)."""
    result = []
    for block in re.split(r"\n[ \t]*\n", body):
        block = block.strip()
        if block:
            # {state_name} may open a paragraph: "the District of Columbia has ..."
            if block.startswith("the District of"):
                block = _capitalized(block)
            result.append(block)
    return result


# --------------------------------------------------------------------------
# Plain text
# --------------------------------------------------------------------------


def sender_lines(sender: Sender) -> list[str]:
    lines = [sender.name, sender.street]
    city = ", ".join(part for part in (sender.city, sender.state_abbr) if part)
    lines.append(f"{city} {sender.zip_code}".strip())
    return [" ".join(line.split()) for line in lines if line and line.strip()]


def recipient_lines(recipient: Recipient) -> list[str]:
    """The address block: "The Honorable Jane O'Brien", "Delegate, District 12", address."""
    lines = []
    label = district_label(recipient.district)
    if recipient.name:
        lines.append(f"The Honorable {recipient.name}")
        lines.append(", ".join(part for part in (recipient.title, label) if part))
    else:
        lines.append(f"{recipient.title}, {label}" if label else recipient.title)
    if recipient.address_lines:
        lines.extend(recipient.address_lines)
    elif recipient.chamber_name:
        lines.append(recipient.chamber_name)
    return [line for line in lines if line]


def letter_text(letter: Letter) -> str:
    """The letter as plain text, for "copy the text" and the mailto body."""
    contact = [part for part in (letter.sender.email, letter.sender.phone) if part]
    out = sender_lines(letter.sender) + contact
    out += ["", date_text(letter.date), ""]
    out += recipient_lines(letter.recipient)
    out += ["", f"Re: {letter.subject}", "", letter.salutation, ""]
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
