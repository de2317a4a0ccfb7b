"""Reads of the states and their law facts, for the state map and state pages.

The law facts change only when an organizer edits them, so they are cached
under a version (core.versioning) that every save or delete of a State or
PrivacyLaw bumps (see `states/signals.py`). The day is part of every key: a law that takes
effect tonight moves class tomorrow without anyone touching it.
"""

import csv
from dataclasses import dataclass, field
from functools import cache as memoize
from pathlib import Path

from django.core.cache import cache
from django.db.models import Min
from django.urls import reverse
from django.utils.translation import gettext_lazy as _lazy

from core.dates import date_text
from core.i18n import current_language
from core.versioning import CacheVersion

from . import tilemap
from .legislatures import district_sort_key
from .models import LawStanding, PrivacyLaw, RightToSue, State, Tristate, ZipDistrict

VERSION = CacheVersion("states")
VERSION_KEY = VERSION.version_key  # "states:cache-version"
TIMEOUT = 60 * 60 * 24


def states_cache_version():
    return VERSION.get()


def states_cache_key(name, *, today):
    # "states:v<version>:<day>:<language>:<name>": labels and dates are in the page's language.
    return VERSION.key(today.isoformat(), current_language(), name)


def states_cache_bump():
    """Forget every cached map, table and state page (call after bulk edits
    that skip model signals, such as QuerySet.update)."""
    VERSION.bump()


@dataclass
class StateRow:
    """One state's line in the map and the table."""

    abbr: str
    name: str
    url: str
    status: str
    label: str
    law_name: str = ""
    short_name: str = ""
    effective_date: object = None
    grade: str = ""

    @property
    def status_label(self):
        return tilemap.STATUS_LABELS[self.status]

    @property
    def status_rank(self):
        return tilemap.STATUS_ORDER.index(self.status)

    @property
    def grade_sort(self):
        """'03' for B+, '' when ungraded (for the table's JavaScript sort)."""
        rank = tilemap.grade_rank(self.grade)
        return "" if rank == len(tilemap.GRADE_ORDER) else f"{rank:02d}"

    @property
    def effective_display(self):
        return date_text(self.effective_date) if self.effective_date else ""


@dataclass
class Right:
    """A right a law gives or lacks, in words."""

    key: str
    title: str
    value: str  # yes / no / limited / unknown / na
    value_label: str
    explanation: str


@dataclass
class StateFacts:
    row: StateRow
    state_id: int
    has_facts: bool
    has_law: bool
    law_name: str = ""
    short_name: str = ""
    citation: str = ""
    signed_date: object = None
    signed_year: int | None = None
    effective_date: object = None
    rights: list = field(default_factory=list)
    grade: str = ""
    ai_specific_law: str = ""
    training_data_disclosure: str = ""
    notes: str = ""
    uncertain: str = ""
    sources: list = field(default_factory=list)
    as_of: object = None
    legislature_name: str = ""
    legislature_url: str = ""
    find_legislator_url: str = ""
    # On a Spanish page: the research notes are shown in English (no Spanish
    # text, or the English facts moved on since it was translated).
    spanish_missing: bool = False

    @property
    def on_map(self):
        """The 50 states and DC were researched; other places (PR) were not."""
        return self.row.abbr in tilemap.TILE_POSITIONS

    @property
    def narrower_law(self):
        """A named law that is not counted as comprehensive (Florida's FDBR)."""
        return not self.has_law and bool(self.law_name)

    @property
    def signed_display(self):
        if self.signed_date:
            return date_text(self.signed_date)
        return str(self.signed_year) if self.signed_year else ""

    @property
    def rights_lacking(self):
        return [r for r in self.rights if r.value == "no"]


RIGHTS = [
    (
        "opt_out_of_sale",
        _lazy("Stop the sale of your personal data"),
        _lazy("You can tell a company not to sell your personal data."),
        _lazy("The law gives you no right to stop the sale of your personal data."),
    ),
    (
        "opt_out_of_targeted_ads",
        _lazy("Opt out of targeted advertising"),
        _lazy("You can tell a company not to use your data to target ads at you."),
        _lazy("The law gives you no right to opt out of targeted advertising."),
    ),
    (
        "opt_out_of_profiling",
        _lazy("Opt out of profiling for important decisions"),
        _lazy(
            "You can refuse automated profiling used for decisions with legal or similarly significant effects (housing, jobs, loans, insurance)."
        ),
        _lazy(
            "The law gives you no right to opt out of profiling for important decisions."
        ),
    ),
    (
        "sensitive_data_opt_in",
        _lazy("Consent before sensitive data is used"),
        _lazy(
            "Companies need your consent before using sensitive data such as health, precise location or biometric data."
        ),
        _lazy(
            "Companies may use sensitive data unless you object: the law does not require your consent first."
        ),
    ),
]

NOT_VERIFIED = _lazy("We could not verify this right, or our sources disagree.")
NOT_APPLICABLE = _lazy("There is no law to give this right.")


def _right(key, title, yes_text, no_text, value):
    labels = dict(Tristate.choices)
    explanation = {
        Tristate.YES: yes_text,
        Tristate.NO: no_text,
        Tristate.NOT_APPLICABLE: NOT_APPLICABLE,
    }.get(value, NOT_VERIFIED)
    if value not in labels:
        value = Tristate.UNKNOWN
    return Right(key, str(title), str(value), str(labels[value]), str(explanation))


def _right_to_sue(value):
    labels = dict(RightToSue.choices)
    explanation = {
        RightToSue.YES: _lazy(
            "You can take a company to court yourself if it breaks the law."
        ),
        RightToSue.LIMITED: _lazy(
            "You can sue only over data breaches; everything else is up "
            "to the attorney general."
        ),
        RightToSue.NO: _lazy(
            "Only the attorney general can enforce the law; you cannot sue a "
            "company that breaks it."
        ),
        RightToSue.NOT_APPLICABLE: NOT_APPLICABLE,
    }.get(value, NOT_VERIFIED)
    if value not in labels:
        value = RightToSue.UNKNOWN
    display = {"limited": _lazy("Limited"), "no": _lazy("No")}.get(value, labels[value])
    return Right("private_right_of_action", str(_lazy("Sue a company that breaks the law")),
                 str(value), str(display), str(explanation))  # fmt: skip


def _row(state, law, *, today):
    has_law = bool(law and law.has_comprehensive_law)
    effective = law.effective_date if law else None
    status = tilemap.law_status(has_law=has_law, effective_date=effective, today=today)
    return StateRow(
        abbr=state.abbr,
        name=state.name,
        url=reverse("states:detail", kwargs={"abbr": state.abbr.lower()}),
        status=status,
        label=tilemap.tile_label(
            name=state.name, status=status, effective_date=effective
        ),
        law_name=law.law_name if has_law else "",
        short_name=law.short_name if has_law else "",
        effective_date=effective if has_law else None,
        grade=(law.epic_pirg_grade if law else "").strip(),
    )


def _law_of(state):
    try:
        return state.privacy_law
    except State.privacy_law.RelatedObjectDoesNotExist:
        return None


def state_rows(*, today):
    """Every state, DC (and any other jurisdiction stored), by name (cached)."""
    key = states_cache_key("rows", today=today)
    rows = cache.get(key)
    if rows is None:
        states = State.objects.select_related("privacy_law").order_by("name")
        rows = [_row(state, _law_of(state), today=today) for state in states]
        cache.set(key, rows, TIMEOUT)
    return rows


def states_as_of():
    """The oldest "facts current to" date among the states (cached), or None."""
    key = VERSION.key("as-of")
    value = cache.get(key, "missing")
    if value == "missing":
        value = PrivacyLaw.objects.aggregate(oldest=Min("as_of"))["oldest"]
        cache.set(key, value, TIMEOUT)
    return value


def state_status_counts(rows):
    """{status: number of tiles} for the legend and the summary line."""
    counts = dict.fromkeys(tilemap.STATUS_ORDER, 0)
    for row in rows:
        if row.abbr in tilemap.TILE_POSITIONS:
            counts[row.status] += 1
    return counts


LAW_TEXT_FIELDS = ("ai_specific_law", "training_data_disclosure", "notes", "uncertain")


def law_texts_in_language(law, language):
    """A law's page texts ({field: text}) in `language`, or None when the
    Spanish is missing: a text the English has and the Spanish lacks, or a
    translation of older facts (`es_translated_from` is not `as_of`)."""
    english = {field: getattr(law, field) for field in LAW_TEXT_FIELDS}
    if language != "es" or not any(english.values()):
        return english
    spanish = {field: getattr(law, f"{field}_es") for field in LAW_TEXT_FIELDS}
    current = law.es_translated_from is not None and law.es_translated_from == law.as_of
    if not current or any(english[f] and not spanish[f] for f in LAW_TEXT_FIELDS):
        return None
    return spanish


def states_spanish_to_do():
    """Researched laws whose Spanish page shows the English research notes:
    [(law, "missing" or "outdated")], by state name."""
    to_do = []
    laws = PrivacyLaw.objects.select_related("state").order_by("state__name")
    for law in laws:
        if law_texts_in_language(law, "es") is not None:
            continue
        outdated = law.es_translated_from not in (None, law.as_of)
        to_do.append((law, "outdated" if outdated else "missing"))
    return to_do


def state_facts(*, abbr, today):
    """Everything the state page says about the law, or None (cached)."""
    abbr = abbr.upper()
    key = states_cache_key(f"facts:{abbr}", today=today)
    facts = cache.get(key)
    if facts is not None:
        return facts
    state = State.objects.select_related("privacy_law").filter(abbr=abbr).first()
    if state is None:
        return None
    law = _law_of(state)
    row = _row(state, law, today=today)
    facts = StateFacts(
        row=row,
        state_id=state.pk,
        has_facts=law is not None,
        has_law=bool(law and law.has_comprehensive_law),
        legislature_name=state.legislature_name,
        legislature_url=state.legislature_url,
        find_legislator_url=state.find_legislator_url,
    )
    if law is not None:
        facts.law_name = law.law_name
        facts.short_name = law.short_name
        facts.citation = law.citation
        facts.signed_date = law.signed_date
        facts.signed_year = law.signed_year
        facts.effective_date = law.effective_date
        facts.grade = law.epic_pirg_grade.strip()
        texts = law_texts_in_language(law, current_language())
        facts.spanish_missing = texts is None
        texts = texts or law_texts_in_language(law, "en")
        facts.ai_specific_law = texts["ai_specific_law"]
        facts.training_data_disclosure = texts["training_data_disclosure"]
        facts.notes = texts["notes"]
        facts.uncertain = texts["uncertain"]
        facts.sources = law.source_list
        facts.as_of = law.as_of
        if facts.has_law or facts.narrower_law:
            facts.rights = [
                _right(key_, title, yes, no, getattr(law, key_))
                for key_, title, yes, no in RIGHTS
            ] + [_right_to_sue(law.private_right_of_action)]
    cache.set(key, facts, TIMEOUT)
    return facts


# --------------------------------------------------------------------------
# Chambers' official mailing addresses (states/data/chambers.csv)
# --------------------------------------------------------------------------

CHAMBERS_FILE = Path(__file__).resolve().parent / "data" / "chambers.csv"


@dataclass(frozen=True)
class ChamberAddress:
    """A chamber's official mailing address, for a member with no address of
    their own: `lines` are the envelope lines after the member's name and title,
    the chamber's name first ("Wisconsin State Senate", "State Capitol",
    "P.O. Box 7882", "Madison, WI 53707-7882")."""

    abbr: str
    chamber: str
    chamber_name: str
    lines: tuple[str, ...]
    confidence: str


@memoize
def _chamber_addresses() -> dict[tuple[str, str], ChamberAddress]:
    result = {}
    with CHAMBERS_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            abbr = row["abbr"].strip().upper()
            street = [
                " ".join(row[key].split())
                for key in ("address_line1", "address_line2")
                if row[key].strip()
            ]
            city = f"{row['city'].strip()}, {abbr} {row['zip'].strip()}"
            name = " ".join(row["chamber_name"].split())
            result[(abbr, row["chamber"].strip())] = ChamberAddress(
                abbr=abbr,
                chamber=row["chamber"].strip(),
                chamber_name=name,
                lines=(name, *street, city),
                confidence=row["confidence"].strip(),
            )
    return result


def chamber_mailing_address(abbr: str, chamber: str) -> ChamberAddress | None:
    """The official mailing address of one chamber ("WI", "upper"), or None.

    Read once per process from states/data/chambers.csv (its README section
    names the source and date); no database access.
    """
    return _chamber_addresses().get(((abbr or "").upper(), chamber or ""))


# --------------------------------------------------------------------------
# ZIP code -> the likeliest district (delivery packets group signers by it)

# Seats elected by the whole jurisdiction, not by area (DC's Chairman and
# at-large Councilmembers, Puerto Rico's at-large members): every ZIP has them,
# so they say nothing about where a signer lives.
STATEWIDE_DISTRICT_PREFIXES = ("chairman", "at-large", "at large")
# Chambers whose seats share one area: Idaho's House seats 1A and 1B both cover
# legislative district 1, so a ZIP there is in district "1", not in two.
SEAT_SPLITS = {("ID", "lower"): ("A", "B")}


@dataclass(frozen=True)
class DistrictGuess:
    """The likeliest district of a ZIP in one chamber, and how many it overlaps."""

    district: str
    spans: int = 1  # 1: the whole ZIP is in `district`

    @property
    def certain(self) -> bool:
        return self.spans == 1


def _area_district(abbr, chamber, district):
    if district.strip().lower().startswith(STATEWIDE_DISTRICT_PREFIXES):
        return None
    seats = SEAT_SPLITS.get((abbr, chamber))
    if seats and district[-1:] in seats and district[:-1].isdigit():
        return district[:-1]
    return district


def zip_districts_likeliest(*, state) -> dict[str, dict[str, DistrictGuess]]:
    """{ZIP: {chamber: DistrictGuess}} for every ZIP of `state` in the ZIP table.

    One query for the whole state (callers look signers up in the dict, never
    one query per signer). The likeliest district is the one with the largest
    share of the ZIP's land; without shares (or on a tie) the first in natural
    order. Statewide seats are left out; an empty dict when the table has no
    rows for the state.
    """
    return zip_districts_likeliest_states(states=[state]).get(state.upper(), {})


def zip_districts_likeliest_states(
    *, states
) -> dict[str, dict[str, dict[str, DistrictGuess]]]:
    """{USPS code: {ZIP: {chamber: DistrictGuess}}} for several states in one
    query (zip_districts_likeliest's rule for each); states without rows are
    absent."""
    abbrs = sorted({abbr.upper() for abbr in states})
    if not abbrs:
        return {}
    rows = ZipDistrict.objects.filter(state__abbr__in=abbrs).values_list(
        "state__abbr", "zcta", "chamber", "district", "land_share"
    )
    candidates: dict[tuple[str, str, str], dict[str, float]] = {}
    for abbr, zcta, chamber, district, share in rows:  # a few thousand a state
        area = _area_district(abbr, chamber, district)
        if area is None:
            continue
        shares = candidates.setdefault((abbr, zcta, chamber), {})
        shares[area] = max(shares.get(area, -1.0), -1.0 if share is None else share)
    result: dict[str, dict[str, dict[str, DistrictGuess]]] = {}
    for (abbr, zcta, chamber), shares in candidates.items():
        best = min(shares, key=lambda d: (-shares[d], district_sort_key(d)))
        result.setdefault(abbr, {}).setdefault(zcta, {})[chamber] = DistrictGuess(
            best, len(shares)
        )
    return result


def law_standings(*, abbrs) -> dict[str, tuple[str, str]]:
    """{USPS code: (LawStanding value, the law's name or "")} in one query.

    A jurisdiction without stored facts counts as unresearched, so nothing is
    claimed about it; the name is given only for a comprehensive law.
    """
    wanted = {abbr.upper() for abbr in abbrs}
    result = dict.fromkeys(wanted, (str(LawStanding.UNRESEARCHED), ""))
    for law in PrivacyLaw.objects.filter(state__abbr__in=wanted).select_related(
        "state"
    ):
        standing = str(law.standing)
        name = law.law_name.strip() if law.has_comprehensive_law else ""
        result[law.state.abbr] = (standing, name)
    return result
