"""The US tile map: where each state's square goes, and how a law is classed.

Pure functions and plain data, no database and no request: the selectors feed
them model rows, the tests feed them dates.

The layout is the usual newsroom tile grid (one equal square per state, roughly
where the state is): 11 columns by 8 rows, Alaska and Hawaii in the corners.
"""

from dataclasses import dataclass

from core.dates import date_text

# (column, row) of each tile, 0-based, written out row by row.
TILE_POSITIONS = {
    "AK": (0, 0), "ME": (10, 0),
    "WI": (5, 1), "VT": (9, 1), "NH": (10, 1),
    "WA": (0, 2), "ID": (1, 2), "MT": (2, 2), "ND": (3, 2), "MN": (4, 2),
    "IL": (5, 2), "MI": (6, 2), "NY": (8, 2), "MA": (9, 2),
    "OR": (0, 3), "NV": (1, 3), "WY": (2, 3), "SD": (3, 3), "IA": (4, 3),
    "IN": (5, 3), "OH": (6, 3), "PA": (7, 3), "NJ": (8, 3), "CT": (9, 3), "RI": (10, 3),
    "CA": (0, 4), "UT": (1, 4), "CO": (2, 4), "NE": (3, 4), "MO": (4, 4),
    "KY": (5, 4), "WV": (6, 4), "VA": (7, 4), "MD": (8, 4), "DE": (9, 4),
    "AZ": (1, 5), "NM": (2, 5), "KS": (3, 5), "AR": (4, 5), "TN": (5, 5),
    "NC": (6, 5), "SC": (7, 5), "DC": (8, 5),
    "OK": (3, 6), "LA": (4, 6), "MS": (5, 6), "AL": (6, 6), "GA": (7, 6),
    "HI": (0, 7), "TX": (3, 7), "FL": (8, 7),
}  # fmt: skip

COLUMNS = 11
ROWS = 8
# SVG user units: one grid cell is CELL wide, the square inside it TILE wide.
CELL = 100
TILE = 92

IN_EFFECT = "in-effect"
ENACTED = "enacted"
NO_LAW = "none"

# Order used by the legend and by sorting the table on status.
STATUS_ORDER = (IN_EFFECT, ENACTED, NO_LAW)
STATUS_LABELS = {
    IN_EFFECT: "Law in effect",
    ENACTED: "Enacted, not yet in effect",
    NO_LAW: "No comprehensive law",
}
STATUS_DESCRIPTIONS = {
    IN_EFFECT: "A comprehensive consumer privacy law is in force.",
    ENACTED: "A comprehensive law has been signed but does not apply yet.",
    NO_LAW: "No broad consumer privacy law (narrower laws may exist).",
}


def law_status(*, has_law, effective_date, today):
    """Class a state's law on `today`: in effect, enacted-not-yet, or none.

    A law with no known start date counts as enacted, not in effect: the map
    must never claim protection it cannot show.
    """
    if not has_law:
        return NO_LAW
    if effective_date is not None and effective_date <= today:
        return IN_EFFECT
    return ENACTED


def status_phrase(*, status, effective_date):
    """The status in a few words, with its date: 'law in effect since 2023'."""
    if status == IN_EFFECT:
        return f"law in effect since {effective_date.year}"
    if status == ENACTED:
        if effective_date is None:
            return "law enacted, start date not verified"
        return f"law enacted, takes effect {date_text(effective_date)}"
    return "no comprehensive privacy law"


def tile_label(*, name, status, effective_date):
    """The tile's accessible name: 'Virginia: law in effect since 2023'."""
    return f"{name}: {status_phrase(status=status, effective_date=effective_date)}"


@dataclass(frozen=True)
class Tile:
    abbr: str
    name: str
    status: str
    label: str
    href: str
    x: int
    y: int

    @property
    def cx(self):
        return self.x + TILE // 2


def tiles(rows):
    """Tiles for the rows that have a grid position, in reading order.

    `rows` are objects with abbr, name, status, label and url attributes.
    """
    out = []
    for row in rows:
        position = TILE_POSITIONS.get(row.abbr)
        if position is None:  # Puerto Rico and the like: table only
            continue
        col, line = position
        out.append(
            Tile(
                abbr=row.abbr,
                name=row.name,
                status=row.status,
                label=row.label,
                href=row.url,
                x=col * CELL + (CELL - TILE) // 2,
                y=line * CELL + (CELL - TILE) // 2,
            )
        )
    out.sort(key=lambda t: (t.y, t.x))
    return out


GRADE_ORDER = ["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "F"]


def grade_rank(grade):
    """Sort key for a letter grade: best first, ungraded last."""
    grade = (grade or "").strip().upper()
    return GRADE_ORDER.index(grade) if grade in GRADE_ORDER else len(GRADE_ORDER)


# Primary sort value of each table column; None means blank (always last).
SORT_KEYS = {
    "state": lambda r: r.name.lower(),
    "status": lambda r: STATUS_ORDER.index(r.status),
    "law": lambda r: r.law_name.lower() or None,
    "effective": lambda r: r.effective_date,
    "grade": lambda r: (
        grade_rank(r.grade) if grade_rank(r.grade) < len(GRADE_ORDER) else None
    ),
}
DEFAULT_SORT = "state"


def parse_sort(value):
    """'-grade' -> ('grade', True). Unknown values fall back to the state name."""
    value = (value or "").strip()
    descending = value.startswith("-")
    field = value.lstrip("-")
    if field not in SORT_KEYS:
        return DEFAULT_SORT, False
    return field, descending


def sort_rows(rows, *, field, descending=False):
    """Rows sorted on one column, ties by state name (A-Z); blanks stay last."""
    key = SORT_KEYS[field]
    by_name = sorted(rows, key=lambda r: r.name.lower())
    filled = [r for r in by_name if key(r) is not None]
    blank = [r for r in by_name if key(r) is None]
    return sorted(filled, key=key, reverse=descending) + blank
