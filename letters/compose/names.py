"""Legislators' names: the family name for the salutation, the addressee of a seat."""

from __future__ import annotations

import re

from states import legislatures
from states.selectors import chamber_mailing_address

from .addresses import address_lines
from .base import CUSTOM_CHAMBER, Recipient
from .text import ZERO_WIDTH

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


def _mailing(abbr: str, chamber: str, own_address: str) -> tuple[list[str], str]:
    """(address lines, source): the member's own capitol address, else the
    chamber's official address (its name first), else nothing."""
    lines = address_lines(own_address)
    if lines:
        return lines, "legislator"
    fallback = chamber_mailing_address(abbr, chamber)
    if fallback is not None:
        return list(fallback.lines), "chamber"
    return [], ""


def recipient_for(
    *, state, chamber, district, legislator=None, typed_name=""
) -> Recipient:
    """The addressee for a seat: the imported legislator, or the name the reader typed.

    `state` is a State row (its `abbr` and `name` are used); nothing is read
    from the database here: pass the `legislator` row when there is one.
    The title always follows the chamber (member_title), whatever was typed.
    A member without an address of their own (or a typed name) is written to
    at the chamber's official mailing address (states/data/chambers.csv).
    """
    abbr, state_name = state.abbr, state.name
    title = legislatures.member_title(abbr, chamber, district)
    chamber_name = legislatures.chamber_name(abbr, chamber)
    if chamber_name and not chamber_name.startswith(state_name):
        chamber_name = f"{state_name} {chamber_name}"
    if legislator is not None:
        name = " ".join(legislator.name.split())
        family = " ".join((legislator.family_name or "").split()) or family_name_guess(
            name
        )
        lines, source = _mailing(abbr, chamber, legislator.capitol_address)
        return Recipient(
            name=name,
            title=title,
            family_name=family,
            chamber=chamber,
            district=str(district),
            address_lines=lines,
            email=(legislator.email or "").strip(),
            chamber_name=chamber_name,
            address_source=source,
            state_abbr=abbr,
            phone=(getattr(legislator, "capitol_voice", "") or "").strip(),
        )
    name = " ".join(ZERO_WIDTH.sub("", typed_name or "").split())
    lines, source = _mailing(abbr, chamber, "")
    return Recipient(
        name=name,
        title=title,
        family_name=family_name_guess(name),
        chamber=chamber,
        district=str(district),
        address_lines=lines,
        email="",
        chamber_name=chamber_name,
        address_source=source,
        state_abbr=abbr,
    )


def custom_recipient_for(
    *, name: str, address_lines, salutation: str = "", state_abbr: str = ""
) -> Recipient:
    """The addressee of a campaign with its own target (a governor, a company's
    privacy office): its name and postal address as the organizer typed them,
    and their salutation ("Dear Sir or Madam:" when none is given)."""
    salutation = " ".join(ZERO_WIDTH.sub("", salutation or "").split())
    salutation = salutation.rstrip(",;:") or "Dear Sir or Madam"
    return Recipient(
        name=" ".join(ZERO_WIDTH.sub("", name or "").split()),
        title="",
        family_name="",
        chamber=CUSTOM_CHAMBER,
        district="",
        address_lines=[
            " ".join(line.split()) for line in address_lines if line.strip()
        ],
        address_source=CUSTOM_CHAMBER,
        state_abbr=state_abbr,
        salutation=f"{salutation}:",
    )


def salutation_for(recipient: Recipient, language: str = "en") -> str:
    """ "Dear Delegate O'Brien:"; without a name, "Dear Senator:"; a campaign's
    own office: its own salutation. Spanish: "Honorable Delegado(a) O'Brien:"."""
    if recipient.salutation:
        return recipient.salutation
    if language == "es":
        from . import spanish

        return spanish.salutation(recipient)
    title = recipient.title or "Legislator"
    if recipient.family_name:
        return f"Dear {title} {recipient.family_name}:"
    return f"Dear {title}:"
