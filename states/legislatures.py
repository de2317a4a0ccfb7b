"""Chambers, member titles and districts of each legislature.

A thin, cached wrapper around the `openstates-metadata` package so that no
list of chambers, titles or districts is typed by hand. Chamber codes follow
Open States' CSVs: "upper", "lower", or "legislature" for unicameral bodies
(Nebraska, the Council of the District of Columbia). The package itself calls
the latter "unicameral"; both spellings are accepted as input.

Public API:

- `chambers(state_abbr) -> list[ChamberInfo]`
- `member_title(state_abbr, chamber, district=None) -> str`
- `chamber_name(state_abbr, chamber) -> str`
- `district_names(state_abbr, chamber) -> list[str]`
- `district_seats(state_abbr, chamber, district) -> int`
- `district_sort_key(name)`: natural order of district names
- `has_chamber(state_abbr, chamber) -> bool`
- `jurisdiction(state_abbr) -> JurisdictionInfo` (name, fips, url, legislature name)
- `STATE_ABBRS`: the 50 states, DC and PR, upper-case, sorted by name
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import openstates_metadata

# The jurisdictions the site writes to: 50 states, DC and Puerto Rico.
_EXCLUDED = {"US", "AS", "GU", "MP", "VI", "ZA"}

CHAMBER_ORDER = {"upper": 0, "lower": 1, "legislature": 2}

CHAMBER_CHOICES = [
    ("upper", "Upper chamber"),
    ("lower", "Lower chamber"),
    ("legislature", "Unicameral legislature"),
]


class UnknownChamber(ValueError):
    """The state has no such chamber."""


@dataclass(frozen=True)
class DistrictInfo:
    name: str
    seats: int
    title_override: str = ""


@dataclass(frozen=True)
class ChamberInfo:
    chamber: str  # "upper" | "lower" | "legislature"
    name: str  # "Senate", "House", "Assembly", "Nebraska Legislature"
    title: str  # "Senator", "Delegate", "Assemblymember", ...
    districts: list[DistrictInfo] = field(default_factory=list)

    @property
    def num_seats(self) -> int:
        return sum(d.seats for d in self.districts)

    @property
    def district_names(self) -> list[str]:
        return [d.name for d in self.districts]


@dataclass(frozen=True)
class JurisdictionInfo:
    abbr: str
    name: str
    fips: str
    url: str
    legislature_name: str
    unicameral: bool


def _normalize_chamber(chamber: str) -> str:
    chamber = (chamber or "").strip().lower()
    if chamber == "unicameral":
        return "legislature"
    return chamber


def _district_sort_key(name: str):
    """Natural order: "2" before "10", "1A" before "1B", names alphabetically."""
    parts = re.split(r"(\d+)", name)
    return [
        (0, int(p), "") if p.isdigit() else (1, 0, p.lower()) for p in parts if p != ""
    ]


def district_sort_key(name: str):
    """Natural order of district names ("2" before "10", "1A" before "1B")."""
    return _district_sort_key(name)


@cache
def _state(abbr: str):
    abbr = (abbr or "").strip().upper()
    if abbr not in openstates_metadata.STATES_BY_ABBR or abbr in _EXCLUDED:
        raise KeyError(f"Unknown state: {abbr!r}")
    return openstates_metadata.lookup(abbr=abbr.lower())


# Where openstates-metadata's title is not the one the legislature itself uses:
# the New York Assembly writes "Assemblymember"; the DC Council's Chairman is
# addressed as Chairman, not Councilmember.
_TITLE_FIXES = {("NY", "lower"): "Assemblymember"}
_DISTRICT_TITLE_FIXES = {("DC", "legislature", "Chairman"): "Chairman"}


@cache
def _chambers(abbr: str) -> tuple[ChamberInfo, ...]:
    state = _state(abbr)
    result = []
    for c in state.chambers:
        code = _normalize_chamber(c.chamber_type)
        districts = sorted(
            (
                DistrictInfo(
                    name=d.name,
                    seats=int(d.num_seats or 1),
                    title_override=_DISTRICT_TITLE_FIXES.get(
                        (abbr.upper(), code, d.name)
                    )
                    or d.title_override
                    or "",
                )
                for d in c.districts
            ),
            key=lambda d: _district_sort_key(d.name),
        )
        result.append(
            ChamberInfo(
                chamber=code,
                name=c.name,
                title=_TITLE_FIXES.get((abbr.upper(), code), c.title),
                districts=districts,
            )
        )
    result.sort(key=lambda c: CHAMBER_ORDER.get(c.chamber, 9))
    return tuple(result)


def chambers(state_abbr: str) -> list[ChamberInfo]:
    """The state's chambers, upper first, with districts in natural order."""
    return list(_chambers((state_abbr or "").upper()))


def chamber_info(state_abbr: str, chamber: str) -> ChamberInfo:
    code = _normalize_chamber(chamber)
    for info in chambers(state_abbr):
        if info.chamber == code:
            return info
    raise UnknownChamber(f"{state_abbr} has no {chamber!r} chamber")


def has_chamber(state_abbr: str, chamber: str) -> bool:
    try:
        chamber_info(state_abbr, chamber)
    except (KeyError, UnknownChamber):
        return False
    return True


def member_title(state_abbr: str, chamber: str, district: str | None = None) -> str:
    """How a member of this chamber is addressed: "Delegate", "Assemblymember", …

    A district's own title override (where the metadata has one) wins.
    """
    info = chamber_info(state_abbr, chamber)
    if district:
        for d in info.districts:
            if d.name == district and d.title_override:
                return d.title_override
    return info.title


def chamber_name(state_abbr: str, chamber: str) -> str:
    """The chamber's own name: "Senate", "House", "Assembly", "Nebraska Legislature"."""
    return chamber_info(state_abbr, chamber).name


def district_names(state_abbr: str, chamber: str) -> list[str]:
    return chamber_info(state_abbr, chamber).district_names


def district_seats(state_abbr: str, chamber: str, district: str) -> int:
    """Seats in one district (0 when the district does not exist)."""
    for d in chamber_info(state_abbr, chamber).districts:
        if d.name == district:
            return d.seats
    return 0


def is_district(state_abbr: str, chamber: str, district: str) -> bool:
    """True for a real seat; False for any chamber or district the state lacks."""
    if not has_chamber(state_abbr, chamber):
        return False
    return district_seats(state_abbr, chamber, district) > 0


@cache
def jurisdiction(state_abbr: str) -> JurisdictionInfo:
    s = _state((state_abbr or "").upper())
    return JurisdictionInfo(
        abbr=s.abbr.upper(),
        name=s.name,
        fips=s.fips or "",
        url=s.url or "",
        legislature_name=s.legislature_name or "",
        unicameral=bool(s.unicameral),
    )


STATE_ABBRS: list[str] = sorted(
    (a for a in openstates_metadata.STATES_BY_ABBR if a not in _EXCLUDED),
    key=lambda a: openstates_metadata.STATES_BY_ABBR[a].name,
)
