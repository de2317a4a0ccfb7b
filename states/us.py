"""US states (USPS codes) and a best-effort "is this ZIP code in that state?" check.

Plain data, no database: forms in any app can use it (petitions and letters).
The check works on the first three digits of the ZIP code, which the USPS assigns
to sectional centers that lie inside one state. A handful of ZIP codes cross a
state line or belong to a neighbouring state's prefix; they are listed in
`ZIP_EXCEPTIONS` so real people are never turned away.
"""

import re

from . import legislatures

# The 50 states, the District of Columbia and Puerto Rico, by USPS code, with the
# names openstates-metadata gives them (the same package names their chambers).
STATES = {
    abbr: legislatures.jurisdiction(abbr).name for abbr in legislatures.STATE_ABBRS
}

# Choices for a <select>, ordered by name as people look for them.
STATE_CHOICES = sorted(STATES.items(), key=lambda item: item[1])

# Inclusive ranges of 3-digit ZIP prefixes per state.
ZIP_PREFIXES = {
    "AL": [(350, 369)],
    "AK": [(995, 999)],
    "AZ": [(850, 865)],
    "AR": [(716, 729)],
    "CA": [(900, 961)],
    "CO": [(800, 816)],
    "CT": [(60, 69)],
    "DE": [(197, 199)],
    "DC": [(200, 200), (202, 205), (569, 569)],
    "FL": [(320, 349)],
    "GA": [(300, 319), (398, 399)],
    "HI": [(967, 968)],
    "ID": [(832, 838)],
    "IL": [(600, 629)],
    "IN": [(460, 479)],
    "IA": [(500, 528)],
    "KS": [(660, 679)],
    "KY": [(400, 427)],
    "LA": [(700, 715)],
    "ME": [(39, 49)],
    "MD": [(206, 219)],
    "MA": [(10, 27), (55, 55)],
    "MI": [(480, 499)],
    "MN": [(550, 567)],
    "MS": [(386, 397)],
    "MO": [(630, 658)],
    "MT": [(590, 599)],
    "NE": [(680, 693)],
    "NV": [(889, 898)],
    "NH": [(30, 38)],
    "NJ": [(70, 89)],
    "NM": [(870, 884)],
    "NY": [(5, 5), (100, 149)],
    "NC": [(270, 289)],
    "ND": [(580, 588)],
    "OH": [(430, 459)],
    "OK": [(730, 732), (734, 749)],
    "OR": [(970, 979)],
    "PA": [(150, 196)],
    "PR": [(6, 7), (9, 9)],
    "RI": [(28, 29)],
    "SC": [(290, 299)],
    "SD": [(570, 577)],
    "TN": [(370, 385)],
    "TX": [(733, 733), (750, 799), (885, 885)],
    "UT": [(840, 847)],
    "VT": [(50, 54), (56, 59)],
    "VA": [(201, 201), (220, 246)],
    "WA": [(980, 994)],
    "WV": [(247, 268)],
    "WI": [(530, 549)],
    "WY": [(820, 831)],
}

# Whole ZIP codes whose prefix belongs to another state (or that cross a line).
ZIP_EXCEPTIONS = {
    "06390": {"NY"},  # Fishers Island, NY, served from Connecticut
    "97635": {"OR", "CA"},  # New Pine Creek
    "73949": {"OK", "TX"},  # Texhoma
    "63673": {"MO", "IL"},  # Saint Mary
    "59221": {"MT", "ND"},  # Fairview
    "57724": {"SD", "MT"},  # Camp Crook
    "42223": {"KY", "TN"},  # Fort Campbell
    "38326": {"TN", "MS"},  # Counce
    "20588": {"MD", "DC"},
    "83414": {"WY", "ID"},  # Alta
    "89439": {"NV", "CA"},  # Verdi
    "86515": {"AZ", "NM"},  # Window Rock
    "84536": {"UT", "AZ"},  # Monument Valley
    "52601": {"IA", "IL"},
    "51557": {"IA", "NE"},
    "71749": {"AR", "LA"},  # Junction City
    "72395": {"AR", "MO"},
    "03579": {"NH", "ME"},  # Wentworth's Location
}

# ZIP codes are ASCII digits only: `\d` would also take Arabic-Indic
# ("٩٨٥٠١") or fullwidth ("９８５０１") digits. ZIP_RE is the canonical form;
# what people type may also have spaces anywhere and no dash ("98501 1234").
ZIP_RE = re.compile(r"([0-9]{5})(?:-([0-9]{4}))?")
_TYPED_ZIP_RE = re.compile(r"([0-9]{5})(?:-?([0-9]{4}))?")


def _zip_parts(value):
    """(zip5, plus4 or None) of a ZIP code as typed, else None."""
    match = _TYPED_ZIP_RE.fullmatch("".join((value or "").split()))
    return match.groups() if match else None


def zip_normalize(value):
    """'12345 6789', '123456789', ' 12345-6789 ' -> '12345-6789'; '12345' stays.

    Anything else comes back stripped but otherwise as typed, for the form to
    refuse with `zip_is_valid` (non-ASCII digits included).
    """
    parts = _zip_parts(value)
    if parts is None:
        return (value or "").strip()
    zip5, plus4 = parts
    return f"{zip5}-{plus4}" if plus4 else zip5


def zip5(value):
    """The 5-digit ZIP of a ZIP code as typed ('98501 1234' -> '98501'), else None."""
    parts = _zip_parts(value)
    return parts[0] if parts else None


def zip_is_valid(value):
    """True for a 5-digit ZIP code or ZIP+4 ('12345' or '12345-6789'), ASCII digits."""
    return bool(ZIP_RE.fullmatch(value or ""))


def zip_states(value):
    """The USPS codes of the states a ZIP code may belong to (empty if unknown)."""
    match = ZIP_RE.fullmatch(value or "")
    if not match:
        return set()
    zip5 = match.group(1)
    if zip5 in ZIP_EXCEPTIONS:
        return set(ZIP_EXCEPTIONS[zip5])
    prefix = int(zip5[:3])
    return {
        state
        for state, ranges in ZIP_PREFIXES.items()
        if any(low <= prefix <= high for low, high in ranges)
    }


def zip_in_state(zip_code, state):
    """True when the ZIP code's prefix is one the USPS assigns to `state`."""
    return state in zip_states(zip_code)


def state_name(code):
    return STATES.get((code or "").upper(), "")
