"""Neighbouring U.S. states: shared land borders, plus DC; Four Corners counted.

Facts about the jurisdictions only (USPS codes); nothing here reads the database.
"""

from __future__ import annotations

from collections import deque

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
