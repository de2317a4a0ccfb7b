"""The tile layout, the classification and the table sort, as pure functions."""

import datetime
from dataclasses import dataclass

import pytest

from states import tilemap

FIFTY_AND_DC = set(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT "
    "NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()
)
TODAY = datetime.date(2026, 11, 29)


def test_every_state_and_dc_has_one_square_and_no_two_overlap():
    assert set(tilemap.TILE_POSITIONS) == FIFTY_AND_DC
    assert len(FIFTY_AND_DC) == 51
    positions = list(tilemap.TILE_POSITIONS.values())
    assert len(set(positions)) == 51
    for col, row in positions:
        assert 0 <= col < tilemap.COLUMNS and 0 <= row < tilemap.ROWS


def test_layout_is_roughly_geographic():
    pos = tilemap.TILE_POSITIONS
    # West is left of east, north above south.
    assert pos["CA"][0] < pos["TX"][0] < pos["FL"][0]
    assert pos["WA"][0] < pos["ME"][0]
    assert pos["MN"][1] < pos["TX"][1]
    assert pos["NY"][1] < pos["VA"][1] < pos["GA"][1]
    # Neighbours touch: Virginia next to Maryland, Oregon under Washington.
    assert abs(pos["VA"][0] - pos["MD"][0]) + abs(pos["VA"][1] - pos["MD"][1]) == 1
    assert pos["OR"] == (pos["WA"][0], pos["WA"][1] + 1)


@pytest.mark.parametrize(
    ("has_law", "effective", "expected"),
    [
        (True, datetime.date(2023, 1, 1), tilemap.IN_EFFECT),
        (True, TODAY, tilemap.IN_EFFECT),  # the day it starts, it applies
        (True, TODAY + datetime.timedelta(days=1), tilemap.ENACTED),
        (True, None, tilemap.ENACTED),  # unknown start: never claim it applies
        (False, None, tilemap.NO_LAW),
        (False, datetime.date(2024, 7, 1), tilemap.NO_LAW),  # e.g. a narrower law
    ],
)
def test_law_status(has_law, effective, expected):
    assert (
        tilemap.law_status(has_law=has_law, effective_date=effective, today=TODAY)
        == expected
    )


def test_tile_labels_say_the_status_in_words():
    assert (
        tilemap.tile_label(
            name="Virginia",
            status=tilemap.IN_EFFECT,
            effective_date=datetime.date(2023, 1, 1),
        )
        == "Virginia: law in effect since 2023"
    )
    assert (
        tilemap.tile_label(
            name="Vermont",
            status=tilemap.ENACTED,
            effective_date=datetime.date(2028, 1, 1),
        )
        == "Vermont: law enacted, takes effect January 1, 2028"
    )
    assert (
        tilemap.tile_label(name="Alaska", status=tilemap.NO_LAW, effective_date=None)
        == "Alaska: no comprehensive privacy law"
    )


@dataclass
class Row:
    abbr: str
    name: str
    status: str = tilemap.NO_LAW
    law_name: str = ""
    effective_date: object = None
    grade: str = ""
    label: str = ""
    url: str = ""


ROWS = [
    Row("VA", "Virginia", tilemap.IN_EFFECT, "VCDPA", datetime.date(2023, 1, 1), "F"),
    Row("CA", "California", tilemap.IN_EFFECT, "CCPA", datetime.date(2020, 1, 1), "B+"),
    Row("VT", "Vermont", tilemap.ENACTED, "VDPOSA", datetime.date(2028, 1, 1)),
    Row("AK", "Alaska"),
    Row("MD", "Maryland", tilemap.IN_EFFECT, "MODPA", datetime.date(2025, 10, 1), "B-"),
    Row("PR", "Puerto Rico"),
]


def names(rows):
    return [r.abbr for r in rows]


def test_sort_by_each_column_keeps_blanks_last():
    def order(field, descending=False):
        return " ".join(
            names(tilemap.sort_rows(ROWS, field=field, descending=descending))
        )

    assert order("state") == "AK CA MD PR VT VA"
    assert order("status") == "CA MD VA VT AK PR"
    assert order("grade") == "CA MD VA AK PR VT"
    assert order("grade", descending=True) == "VA MD CA AK PR VT"
    assert order("effective") == "CA VA MD VT AK PR"
    assert order("effective", descending=True) == "VT MD VA CA AK PR"
    assert order("law") == "CA MD VA VT AK PR"


def test_parse_sort_accepts_known_columns_only():
    assert tilemap.parse_sort("-grade") == ("grade", True)
    assert tilemap.parse_sort("status") == ("status", False)
    assert tilemap.parse_sort("password") == ("state", False)
    assert tilemap.parse_sort(None) == ("state", False)


def test_tiles_skip_places_without_a_square_and_read_row_by_row():
    tiles = tilemap.tiles(ROWS)
    assert "PR" not in names(tiles)
    ys = [t.y for t in tiles]
    assert ys == sorted(ys)
    assert all(0 <= t.x <= tilemap.COLUMNS * tilemap.CELL - tilemap.TILE for t in tiles)
