"""State legislative general election days, to tell when a roster may be out of date.

General elections fall on the first Tuesday after the first Monday in
November. Every jurisdiction elects legislators in even years, except that
Puerto Rico elects every four years (2024, 2028, …); Virginia, New Jersey,
Louisiana and Mississippi elect theirs in odd years too. Special elections
are not counted.
"""

from __future__ import annotations

import datetime

ODD_YEAR_STATES = frozenset({"VA", "NJ", "LA", "MS"})
EVERY_FOUR_YEARS = frozenset({"PR"})


def general_election_day(year: int) -> datetime.date:
    """The first Tuesday after the first Monday in November of `year`."""
    first = datetime.date(year, 11, 1)
    monday = first + datetime.timedelta(days=(0 - first.weekday()) % 7)
    return monday + datetime.timedelta(days=1)


def has_election(abbr: str, year: int) -> bool:
    """Whether the jurisdiction holds a legislative general election in `year`."""
    abbr = abbr.upper()
    if abbr in EVERY_FOUR_YEARS:
        return year % 4 == 0
    return year % 2 == 0 or abbr in ODD_YEAR_STATES


def election_since(abbr: str, since: datetime.date, today: datetime.date):
    """The latest election day after `since` that is over by `today`, else None.

    An election day counts once it has passed (from the day after).
    """
    for year in range(today.year, since.year - 1, -1):
        day = general_election_day(year)
        if since < day < today and has_election(abbr, year):
            return day
    return None
