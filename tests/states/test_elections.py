"""Election days, to tell when a roster predates an election."""

import datetime

import pytest

from states.elections import election_since, general_election_day, has_election

D = datetime.date


@pytest.mark.parametrize(
    ("year", "day"),
    [
        (2024, D(2024, 11, 5)),
        (2025, D(2025, 11, 4)),
        (2026, D(2026, 11, 3)),
        (2027, D(2027, 11, 2)),
        (2028, D(2028, 11, 7)),
        (2022, D(2022, 11, 8)),  # Nov 1 is a Tuesday: not "after the first Monday"
    ],
)
def test_first_tuesday_after_the_first_monday(year, day):
    assert general_election_day(year) == day
    assert day.weekday() == 1


def test_who_elects_when():
    assert all(has_election(a, 2026) for a in ("WA", "DC", "VA", "NE"))
    assert has_election("VA", 2025) and has_election("nj", 2027)
    assert not has_election("WA", 2025)
    assert not has_election("PR", 2026) and has_election("PR", 2028)


def test_the_2026_election_has_passed_since_the_august_roster():
    as_of = D(2026, 8, 5)
    assert election_since("WA", as_of, D(2026, 12, 1)) == D(2026, 11, 3)
    # Not on election day itself, nor before it.
    assert election_since("WA", as_of, D(2026, 11, 3)) is None
    assert election_since("WA", as_of, D(2026, 10, 1)) is None
    assert election_since("PR", as_of, D(2026, 12, 1)) is None


def test_odd_years_count_only_where_they_elect():
    as_of = D(2026, 12, 1)
    assert election_since("VA", as_of, D(2027, 11, 10)) == D(2027, 11, 2)
    assert election_since("WA", as_of, D(2027, 11, 10)) is None
    # The latest one is named when several have passed.
    assert election_since("WA", D(2024, 1, 1), D(2026, 12, 1)) == D(2026, 11, 3)
