"""core.dates: one way to write a date, shared by letters, petition packets and the state map."""

import datetime

import pytest

from core.dates import date_text


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2028, 1, 1), "January 1, 2028"),
        (datetime.date(2026, 12, 1), "December 1, 2026"),
        (datetime.date(2025, 9, 30), "September 30, 2025"),
    ],
)
def test_date_text_has_no_leading_zero(day, expected):
    assert date_text(day) == expected


def test_every_user_writes_dates_the_same_way():
    """The former copies (letters, packets, state map) now use this one function."""
    from letters import compose
    from petitions.delivery import packets
    from states import selectors, tilemap

    # The English letter pins core's date_text to English (a letter written on
    # a Spanish page keeps English dates unless the writer chose Spanish).
    assert compose.date_text.__module__ == "letters.compose.text"
    assert compose.date_text(datetime.date(2028, 1, 1)) == date_text(
        datetime.date(2028, 1, 1), "en"
    )
    assert packets.date_text is date_text
    assert tilemap.date_text is date_text
    assert selectors.date_text is date_text
    assert (
        tilemap.status_phrase(
            status=tilemap.ENACTED, effective_date=datetime.date(2028, 1, 1)
        )
        == "law enacted, takes effect January 1, 2028"
    )
