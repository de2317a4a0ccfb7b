"""The US tile map: where each state's square goes, and how a law is classed.

Pure functions and plain data, no database and no request: the selectors feed
them model rows, the tests feed them dates.

The layout is the usual newsroom tile grid (one equal square per state, roughly
where the state is): 11 columns by 8 rows, Alaska and Hawaii in the corners.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

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
    IN_EFFECT: _lazy("Law in effect"),
    ENACTED: _lazy("Enacted, not yet in effect"),
    NO_LAW: _lazy("No comprehensive law"),
}
STATUS_DESCRIPTIONS = {
    IN_EFFECT: _lazy("A comprehensive consumer privacy law is in force."),
    ENACTED: _lazy("A comprehensive law has been signed but does not apply yet."),
    NO_LAW: _lazy("No broad consumer privacy law (narrower laws may exist)."),
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
        return _("law in effect since %(year)s") % {"year": effective_date.year}
    if status == ENACTED:
        if effective_date is None:
            return _("law enacted, start date not verified")
        return _("law enacted, takes effect %(day)s") % {
            "day": date_text(effective_date)
        }
    return _("no comprehensive privacy law")


def tile_label(*, name, status, effective_date):
    """The tile's accessible name: 'Virginia: law in effect since 2023'."""
    phrase = status_phrase(status=status, effective_date=effective_date)
    return _("%(name)s: %(phrase)s") % {"name": name, "phrase": phrase}


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


# --------------------------------------------------------------------------
# "Where people have signed": a campaign's signers per state, never an exact
# small number (someone alone in a sparse state must not be picked out).

# Below this many signers a state shows "fewer than 10", never its count.
FEW_BELOW = 10
# Shading bands of the signers map: (lowest count, band), highest first.
SIGNER_BANDS = ((1000, "1000"), (100, "100"), (FEW_BELOW, "10"), (1, "few"))
SIGNER_BAND_LABELS = {
    "none": "No signers yet",
    "few": f"Fewer than {FEW_BELOW}",
    "10": f"{FEW_BELOW} to 99",
    "100": "100 to 999",
    "1000": "1,000 or more",
}
SIGNER_BAND_ORDER = ("none", "few", "10", "100", "1000")


def signers_public(count: int) -> str:
    """A state's signers as the public sees them: "none", "fewer than 10",
    or the count ("12", "1,234") from 10 up."""
    if count <= 0:
        return "none"
    if count < FEW_BELOW:
        return f"fewer than {FEW_BELOW}"
    return f"{count:,}"


def signers_short(count: int) -> str:
    """The text on a tile: "" (none), "<10", "12", "1.2k", "12k"."""
    if count <= 0:
        return ""
    if count < FEW_BELOW:
        return f"<{FEW_BELOW}"
    if count < 1000:
        return str(count)
    if count < 10_000:
        return f"{count / 1000:.1f}k".replace(".0k", "k")
    return f"{count // 1000:,}k"


def signers_band(count: int) -> str:
    for lowest, band in SIGNER_BANDS:
        if count >= lowest:
            return band
    return "none"


@dataclass(frozen=True)
class SignerTile:
    abbr: str
    name: str
    band: str
    short: str  # on the tile
    label: str  # "Ohio: fewer than 10 signers"
    x: int
    y: int

    @property
    def cx(self):
        return self.x + TILE // 2


def signers_map(*, counts, names):
    """The data of templates/includes/campaign_map.html from {USPS code:
    confirmed signers} and {USPS code: name}: a tile per state on the grid
    (every state, those without signers too), a row per state with signers
    for the table (by name), and the legend. Counts from 1 to 9 only ever
    appear as "fewer than 10" (text, labels, table), and the band says no more.
    Returns None when no one has signed yet."""
    counts = {abbr: n for abbr, n in counts.items() if n > 0}
    if not counts:
        return None
    tiles_out = []
    for abbr, (col, line) in TILE_POSITIONS.items():
        n = counts.get(abbr, 0)
        name = names.get(abbr, abbr)
        public = signers_public(n)
        noun = "signer" if public == "1" else "signers"
        label = f"{name}: no signers yet" if n <= 0 else f"{name}: {public} {noun}"
        tiles_out.append(
            SignerTile(
                abbr=abbr,
                name=name,
                band=signers_band(n),
                short=signers_short(n),
                label=label,
                x=col * CELL + (CELL - TILE) // 2,
                y=line * CELL + (CELL - TILE) // 2,
            )
        )
    tiles_out.sort(key=lambda t: (t.y, t.x))
    rows = sorted(
        (
            {"abbr": abbr, "name": names.get(abbr, abbr), "text": signers_public(n)}
            for abbr, n in counts.items()
        ),
        key=lambda row: row["name"],
    )
    used = {tile.band for tile in tiles_out}
    legend = [
        {"band": band, "label": SIGNER_BAND_LABELS[band]}
        for band in SIGNER_BAND_ORDER
        if band in used
    ]
    return {
        "tiles": tiles_out,
        "rows": rows,
        "legend": legend,
        "states": len(counts),
        "few_below": FEW_BELOW,
        "width": COLUMNS * CELL,
        "height": ROWS * CELL,
        "tile": TILE,
    }
