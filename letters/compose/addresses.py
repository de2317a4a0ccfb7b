"""Capitol addresses as envelope lines, and district labels."""

from __future__ import annotations

import re

from .text import ZERO_WIDTH

_CITY_LINE = re.compile(r",?\s*([^,]+?),\s*([A-Z]{2})\.?\s+(\d{5}(?:-\d{4})?)\s*$")
_PO_BOX = re.compile(r"\s+(?=P\.?\s?O\.?\s+Box\b)", re.I)
# Before a house number ("Building 300 Capitol Ave."), not after Room/Suite/Box/...
_HOUSE_NUMBER = re.compile(
    r"(?<!\bRoom)(?<!\bSuite)(?<!\bSte\.)(?<!\bBox)(?<!\bFloor)"
    r"(?<!\bStation)(?<!\bNo\.)(?<!\bUnit)(?<!#)\s+(?=\d+[A-Z]?\s+[A-Z])"
)
_DELIVERY = re.compile(r"^(\d|P\.?\s?O\.?\s+Box\b)", re.I)
_UNIT = re.compile(
    r"^(Suite|Ste\.?|Unit|Apt\.?|#|Floor|Fl\.?)(\s|\d|$)|^\w+ Floor$", re.I
)


def address_lines(address: str, *, width: int = 40) -> list[str]:
    """A one-line capitol address split into envelope lines.

    "Room 519, General Assembly Building P.O. Box 396, Richmond, VA 23218" gives
    ["Room 519, General Assembly Building", "P.O. Box 396", "Richmond, VA 23218"].
    Zero-width characters are dropped and runs of spaces collapsed.
    """
    text = ZERO_WIDTH.sub("", address or "").replace("\u00a0", " ")
    pieces = []
    for raw_line in text.splitlines():
        line = " ".join(raw_line.split()).replace(" ,", ",").strip(" ,")
        if line:
            pieces.append(line)
    if not pieces:
        return []
    text = ", ".join(pieces)
    tail = []
    match = _CITY_LINE.search(text)
    if match:
        city, state, zip_code = match.groups()
        tail = [f"{city.strip()}, {state} {zip_code}"]
        text = text[: match.start()]
    segments = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        for piece in _PO_BOX.split(part):
            segments.extend(s.strip() for s in _HOUSE_NUMBER.split(piece) if s.strip())
    # Join descriptive pieces ("Room 519", "General Assembly Building") while short;
    # a delivery line (street number or P.O. Box) stays on its own line.
    lines: list[str] = []
    for segment in segments:
        if lines and _UNIT.match(segment) and _DELIVERY.match(lines[-1]):
            lines[-1] = f"{lines[-1]}, {segment}"
        elif (
            lines
            and not _DELIVERY.match(segment)
            and not _DELIVERY.match(lines[-1])
            and len(lines[-1]) + 2 + len(segment) <= width
        ):
            lines[-1] = f"{lines[-1]}, {segment}"
        else:
            lines.append(segment)
    return lines + tail


_ORDINAL_NAME = re.compile(r"^\d+(st|nd|rd|th)\s+\S", re.I)  # "1st Barnstable"
_COUNTY_NUMBER = re.compile(r"^([A-Za-z]+(?: [A-Za-z]+)*) (\d+)$")  # "Hillsborough 12"


def district_parts(district: str, state_abbr: str = "") -> tuple[str, dict]:
    """What kind of district name this is, for the English and the Spanish
    wording alike: ("", {}) for none; ("label", ...) for one that is already a
    label ("Ward 1", "At-Large", "Chairman" (DC), "5th District"); ("named",
    ...) for Massachusetts' "1st Barnstable"; ("county", county=, district=)
    for New Hampshire's "Hillsborough 12"; ("number", ...) for "12" and short
    codes; ("name", ...) for any other name."""
    district = " ".join(str(district or "").split())
    if not district:
        return "", {}
    lowered = district.lower()
    if any(
        word in lowered
        for word in ("district", "ward", "at-large", "at large", "chair")
    ):
        return "label", {"district": district}
    if _ORDINAL_NAME.match(district):
        return "named", {"district": district}
    if (state_abbr or "").upper() == "NH":
        match = _COUNTY_NUMBER.match(district)
        if match:
            return "county", {"county": match.group(1), "district": match.group(2)}
    if district[0].isdigit() or len(district) <= 3:
        return "number", {"district": district}
    return "name", {"district": district}


ENGLISH_DISTRICT = {
    "label": "{district}",
    "named": "{district} District",
    "county": "{county} County District {district}",
    "number": "District {district}",
    "name": "{district} District",
}


def district_label(district: str, state_abbr: str = "") -> str:
    """A district as a letter names it.

    "12" -> "District 12"; "1st Barnstable" (Massachusetts names its districts)
    -> "1st Barnstable District"; "Hillsborough 12" (New Hampshire House) ->
    "Hillsborough County District 12"; "Ward 1", "At-Large" stay as they are.
    """
    kind, parts = district_parts(district, state_abbr)
    return ENGLISH_DISTRICT[kind].format(**parts) if kind else ""


def seat_line(title: str, district: str, state_abbr: str = "") -> str:
    """The line under the name: "Senator, District 12", "Councilmember, At-Large",
    "Representative for the 1st Barnstable District"; "Chairman" for DC's Chairman."""
    label = district_label(district, state_abbr)
    if not label or label == title or label.lower().startswith("chair"):
        return title
    if label.startswith(("District ", "Ward ")) or label.lower() in (
        "at-large",
        "at large",
    ):
        return f"{title}, {label}"
    article = "" if " County District " in label else "the "
    return f"{title} for {article}{label}"
