"""ZIP code (Census ZCTA) → state legislative districts: import and lookup.

Everything here runs on this server: the lookup reads the `ZipDistrict` table
and the imported legislators, never an outside service, and nothing about a
lookup is stored, cached or logged.

Two input formats, told apart by their header row:

- the Census Bureau's 2020 relationship files, pipe-delimited, UTF-8 with a
  BOM: `tab20_sldu<year>20_zcta520_natl.txt` (upper chamber) and
  `tab20_sldl<year>20_zcta520_natl.txt` (lower chamber). The district GEOID
  column (`GEOID_SLDU2024_20`, …) is found by its prefix, so other vintages
  load too. Census names are mapped to Open States district names following
  ../shared/data/zcta_sld/README.md; each district's share of the ZIP's land
  is worked out from the areas.
- the project's simpler CSV (`zcta,state,chamber,district,land_share`), with
  Open States names already, as in ../shared/data/zcta_sld/.

ZIP codes and ZCTAs are not the same thing (PO-box and single-firm ZIPs have
no ZCTA, and ZIPs change), and a ZIP often overlaps several districts: the
rows are candidates that the reader chooses from, not an answer.
"""

from __future__ import annotations

import csv
import gzip
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.utils.translation import gettext

from states import legislatures, us
from states.legislatures import CHAMBER_ORDER
from states.models import State, ZipDistrict

from .models import Legislator

CENSUS = "census"
SIMPLE_CSV = "csv"
SIMPLE_CSV_HEADER = ["zcta", "state", "chamber", "district", "land_share"]
# Districts elected by the whole state or city rather than by area: every ZIP
# of the state gets them (DC's Chairman and at-large Councilmembers, Puerto
# Rico's at-large Senators and Representatives).
STATEWIDE_DISTRICTS = ("Chairman", "At-Large")
# Jurisdictions with members elected at large that the ZIP table may lack:
# their ZIP codes still get the at-large members (and the legislature's lookup).
AT_LARGE_WITHOUT_TABLE = ("PR",)
# Chambers whose single Census district holds several Open States "districts"
# that each cover all of it: Idaho elects House seats A and B per district.
SEAT_SPLITS = {("ID", "lower"): ("A", "B")}


# Skip reasons that mean a row failed (rather than a row with nothing to import,
# like water or an area outside any ZIP): the command exits non-zero on them.
FAILED_REASONS = ("malformed row", "unknown chamber", "unknown state FIPS")


class ZipImportError(Exception):
    """A file that cannot be read at all (unknown format, missing columns)."""


# --------------------------------------------------------------------------
# Legislature metadata (chambers, titles, district names): states.legislatures


def _fips_to_abbr():
    return {
        legislatures.jurisdiction(abbr).fips: abbr for abbr in legislatures.STATE_ABBRS
    }


def _is_unicameral(abbr):
    try:
        return legislatures.jurisdiction(abbr).unicameral
    except KeyError:
        return False


def known_district_names(abbr, chamber):
    """Every district of a state's chamber, as Open States names them."""
    try:
        return set(legislatures.district_names(abbr, chamber))
    except (KeyError, legislatures.UnknownChamber):
        return set()


def chamber_labels(abbr, chamber):
    """(chamber name, member title), e.g. ("Senate", "Senator")."""
    try:
        info = legislatures.chamber_info(abbr, chamber)
    except (KeyError, legislatures.UnknownChamber):
        return chamber.capitalize(), "Legislator"
    return info.name, info.title


def _member_title(abbr, chamber, district, default):
    if district == "Chairman":  # the DC Council's Chairman is not "Councilmember"
        return "Chairman"
    try:
        return legislatures.member_title(abbr, chamber, district)
    except (KeyError, legislatures.UnknownChamber):
        return default


# --------------------------------------------------------------------------
# Census names → Open States names


def _hyphen_list(name):
    """Turn "Barnstable-Dukes-Nantucket" into "Barnstable, Dukes and Nantucket"."""
    parts = [part.strip() for part in name.split("-") if part.strip()]
    if len(parts) < 2:
        return name
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def census_district_names(abbr, chamber, code, namelsad):
    """Open States (chamber, [district names]) for one Census district.

    `code` is the 3-character district part of the GEOID. Most states use the
    code without leading zeros; Massachusetts, Vermont and New Hampshire are
    named from NAMELSAD (their codes are sequences, not names), DC wards are
    "Ward N", Idaho's House district N becomes seats "NA" and "NB", and the
    unicameral NE and DC are Open States' chamber "legislature".
    """
    namelsad = (namelsad or "").strip()
    plain = code.strip().lstrip("0") or "0"
    if _is_unicameral(abbr):
        chamber = "legislature"
    if abbr == "DC":
        match = re.search(r"Ward\s+0*(\d+)", namelsad)
        name = f"Ward {match.group(1) if match else plain}"
    elif abbr == "MA" and namelsad:
        name = _hyphen_list(re.sub(r"\s+District$", "", namelsad))
    elif abbr == "VT" and chamber == "upper" and namelsad:
        name = re.sub(r"\s+Senatorial District$", "", namelsad)
        name = name.replace("South East", "Southeast")
    elif abbr == "VT" and chamber == "lower" and namelsad:
        name = re.sub(r"\s+State House District$", "", namelsad)
    elif abbr == "NH" and chamber == "lower" and namelsad:
        match = re.match(r"^(?:State House District\s+)?(.+?)\s+0*(\d+)$", namelsad)
        name = f"{match.group(1)} {match.group(2)}" if match else plain
    else:
        name = plain
    seats = SEAT_SPLITS.get((abbr, chamber))
    if seats:
        return chamber, [f"{name}{seat}" for seat in seats]
    return chamber, [name]


# --------------------------------------------------------------------------
# Reading files


@dataclass
class ParsedFile:
    path: str
    kind: str
    rows_read: int = 0
    # (zcta, abbr, chamber, district) -> land share (None when unknown)
    pairs: dict = field(default_factory=dict)
    skipped: Counter = field(default_factory=Counter)


def detect_format(header_line):
    """CENSUS or SIMPLE_CSV from a file's first line, or None."""
    line = header_line.lstrip("\ufeff").strip()
    if "|" in line and "GEOID_ZCTA5_20" in line.split("|"):
        return CENSUS
    columns = [column.strip().lower() for column in line.split(",")]
    if columns[:4] == SIMPLE_CSV_HEADER[:4]:
        return SIMPLE_CSV
    return None


def zip_files(paths):
    """Files named on the command line; folders give their .txt and .csv files."""
    files = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.name.lower().endswith((".txt", ".csv", ".csv.gz"))
                )
            )
        elif path.is_file():
            files.append(path)
        else:
            raise ZipImportError(f"{raw}: no such file or folder")
    return files


def parse_file(path, *, fips_to_abbr=None):
    path = Path(path)
    fips_to_abbr = fips_to_abbr or _fips_to_abbr()
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
        first = handle.readline()
        kind = detect_format(first)
        if kind is None:
            raise ZipImportError(
                f"{path}: unknown format (expected a Census ZCTA relationship file "
                f"or a CSV with the columns {','.join(SIMPLE_CSV_HEADER)})"
            )
        header_line = first.lstrip("\ufeff")
        if kind == CENSUS:
            return _parse_census(path, handle, header_line, fips_to_abbr)
        return _parse_simple_csv(path, handle, header_line)


def _parse_census(path, handle, header_line, fips_to_abbr):
    parsed = ParsedFile(str(path), CENSUS)
    header = [name.strip() for name in header_line.rstrip("\r\n").split("|")]
    geoid_columns = [
        name for name in header if name.startswith(("GEOID_SLDU", "GEOID_SLDL"))
    ]
    if len(geoid_columns) != 1:
        raise ZipImportError(
            f"{path}: expected one GEOID_SLDU…/GEOID_SLDL… column, found {geoid_columns or 'none'}"
        )
    geoid_column = geoid_columns[0]
    chamber = "upper" if geoid_column.startswith("GEOID_SLDU") else "lower"
    name_hint = path.name.lower()
    if ("sldu" in name_hint and chamber != "upper") or (
        "sldl" in name_hint and chamber != "lower"
    ):
        raise ZipImportError(
            f"{path}: the file name and its {geoid_column} column disagree"
        )
    name_column = "NAMELSAD_" + geoid_column[len("GEOID_") :]
    required = [
        "GEOID_ZCTA5_20",
        "AREALAND_ZCTA5_20",
        "AREAWATER_ZCTA5_20",
        geoid_column,
        "AREALAND_PART",
        "AREAWATER_PART",
    ]
    missing = [name for name in required if name not in header]
    if missing:
        raise ZipImportError(f"{path}: missing columns {', '.join(missing)}")
    index = {name: i for i, name in enumerate(header)}
    i_zcta, i_geoid = index["GEOID_ZCTA5_20"], index[geoid_column]
    i_name = index.get(name_column)
    i_zland, i_zwater = index["AREALAND_ZCTA5_20"], index["AREAWATER_ZCTA5_20"]
    i_land, i_water = index["AREALAND_PART"], index["AREAWATER_PART"]
    width = len(header)

    # (zcta, abbr, chamber, district) -> [land, water] in square metres
    areas = defaultdict(lambda: [0, 0])
    zcta_area = {}
    names_cache = {}
    for row in csv.reader(handle, delimiter="|"):
        if not row or row == [""]:
            continue
        parsed.rows_read += 1
        if len(row) < width:
            parsed.skipped["malformed row"] += 1
            continue
        zcta, geoid = row[i_zcta].strip(), row[i_geoid].strip()
        if not zcta:
            parsed.skipped["no ZCTA (district area outside any ZIP)"] += 1
            continue
        if not geoid:
            parsed.skipped["no district"] += 1
            continue
        if geoid.endswith("ZZZ"):
            parsed.skipped["ZZZ (no district, water)"] += 1
            continue
        abbr = fips_to_abbr.get(geoid[:2])
        if abbr is None:
            parsed.skipped[f"unknown state FIPS {geoid[:2]}"] += 1
            continue
        key = (geoid, chamber)
        if key not in names_cache:
            names_cache[key] = census_district_names(
                abbr, chamber, geoid[2:], row[i_name] if i_name is not None else ""
            )
        district_chamber, districts = names_cache[key]
        try:
            land, water = int(row[i_land] or 0), int(row[i_water] or 0)
            zcta_area[zcta] = (int(row[i_zland] or 0), int(row[i_zwater] or 0))
        except ValueError:
            parsed.skipped["malformed row"] += 1
            continue
        for district in districts:
            area = areas[(zcta, abbr, district_chamber, district)]
            area[0] += land
            area[1] += water

    shares = {}
    for key, (land, water) in areas.items():
        zland, zwater = zcta_area[key[0]]
        if zland > 0:
            shares[key] = min(land / zland, 1.0)
        elif zwater > 0:  # an all-water ZCTA: share of its water instead
            shares[key] = min(water / zwater, 1.0)
        else:
            shares[key] = None
    # A district that touches a ZIP only over water has nobody living in it:
    # drop it when the ZIP has a district with land in that chamber.
    has_land = {(k[0], k[2]) for k, share in shares.items() if share}
    for key, share in shares.items():
        if share == 0 and (key[0], key[2]) in has_land:
            parsed.skipped["water-only overlap"] += 1
            continue
        parsed.pairs[key] = None if share is None else round(share, 4)
    return parsed


def _parse_simple_csv(path, handle, header_line):
    parsed = ParsedFile(str(path), SIMPLE_CSV)
    header = [name.strip().lower() for name in next(csv.reader([header_line]))]
    index = {name: i for i, name in enumerate(header)}
    i_share = index.get("land_share")
    unicameral = {}
    for row in csv.reader(handle):
        if not row or row == [""]:
            continue
        parsed.rows_read += 1
        try:
            zcta = row[index["zcta"]].strip()
            abbr = row[index["state"]].strip().upper()
            chamber = row[index["chamber"]].strip().lower()
            district = row[index["district"]].strip()
            raw_share = (
                row[i_share].strip()
                if i_share is not None and i_share < len(row)
                else ""
            )
            share = float(raw_share) if raw_share else None
        except (IndexError, ValueError):
            parsed.skipped["malformed row"] += 1
            continue
        if not (len(zcta) == 5 and zcta.isdigit() and abbr and district):
            parsed.skipped["malformed row"] += 1
            continue
        if chamber not in CHAMBER_ORDER:
            parsed.skipped["unknown chamber"] += 1
            continue
        if abbr not in unicameral:
            unicameral[abbr] = _is_unicameral(abbr)
        if unicameral[abbr]:  # NE and DC are filed as "upper" like the Census
            chamber = "legislature"
        parsed.pairs[(zcta, abbr, chamber, district)] = share
    return parsed


# --------------------------------------------------------------------------
# Import


@dataclass
class ZipImportReport:
    files: list = field(default_factory=list)
    rows_read: int = 0
    rows_imported: int = 0
    rows_deleted: int = 0
    zctas: int = 0
    states: list = field(default_factory=list)
    scopes: list = field(default_factory=list)  # [(abbr, chamber)]
    skipped: Counter = field(default_factory=Counter)
    missing_states: Counter = field(default_factory=Counter)  # abbr -> rows
    # (abbr, chamber) -> Counter(district -> rows) / sorted district names
    unknown_districts: dict = field(default_factory=dict)
    unreached_districts: dict = field(default_factory=dict)
    without_legislator: dict = field(default_factory=dict)
    dry_run: bool = False
    seconds: float = 0.0

    @property
    def failed_rows(self):
        """Rows that could not go in: unreadable, or for a state not in the database."""
        bad = sum(
            count
            for reason, count in self.skipped.items()
            if reason.startswith(FAILED_REASONS)
        )
        return bad + sum(self.missing_states.values())

    def lines(self):
        """The report as short lines for a terminal: grouped, never per row."""
        out = []
        kinds = Counter(kind for _, kind in self.files)
        out.append(
            f"Read {self.rows_read:,} rows from {len(self.files)} file(s) "
            f"({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))})."
        )
        verb = "Would import" if self.dry_run else "Imported"
        out.append(
            f"{verb} {self.rows_imported:,} ZIP–district rows for {self.zctas:,} ZIP codes "
            f"in {len(self.states)} states: {' '.join(self.states) or 'none'}."
        )
        if not self.dry_run:
            out.append(
                f"Replaced {self.rows_deleted:,} earlier rows of those states and chambers "
                f"in {self.seconds:.1f} s."
            )
        for reason, count in sorted(self.skipped.items()):
            out.append(f"Skipped {count:,} rows: {reason}.")
        for abbr, count in sorted(self.missing_states.items()):
            out.append(
                f"Skipped {count:,} rows for {abbr}: no such state in the database "
                "(run `manage.py load_content` first)."
            )
        total_unknown = sum(len(c) for c in self.unknown_districts.values())
        if total_unknown:
            out.append(f"Districts that match no known district: {total_unknown}.")
            for (abbr, chamber), counter in sorted(self.unknown_districts.items()):
                names = ", ".join(_natural_sorted(counter))
                out.append(
                    f"  {abbr} {chamber}: {len(counter)} ({names}) in {sum(counter.values()):,} rows"
                )
        else:
            out.append("Districts that match no known district: none.")
        total_unreached = sum(len(v) for v in self.unreached_districts.values())
        if total_unreached:
            out.append(f"Known districts that no ZIP reaches: {total_unreached}.")
            for (abbr, chamber), names in sorted(self.unreached_districts.items()):
                out.append(f"  {abbr} {chamber}: {len(names)} ({', '.join(names)})")
        total_empty = sum(len(v) for v in self.without_legislator.values())
        if total_empty:
            out.append(
                f"Districts with no active legislator imported (vacant seats or "
                f"an older legislator file): {total_empty}."
            )
            for (abbr, chamber), names in sorted(self.without_legislator.items()):
                out.append(f"  {abbr} {chamber}: {', '.join(names)}")
        return out


def _natural_key(value):
    return [
        (0, int(part), "") if part.isdigit() else (1, 0, part.lower())
        for part in re.split(r"(\d+)", value)
        if part
    ]


def _natural_sorted(values):
    return sorted(values, key=_natural_key)


def zip_districts_import(*, paths, dry_run=False, batch_size=5000):
    """Load ZIP → district rows from files, replacing those states' chambers.

    Side effects: for every (state, chamber) found in the files, deletes its
    earlier ZipDistrict rows and inserts the new ones, in one transaction
    (so a re-import gives the same table). Nothing is written on `dry_run`.
    Raises ZipImportError for a file it cannot read.
    """
    started = time.perf_counter()
    report = ZipImportReport(dry_run=dry_run)
    fips_to_abbr = _fips_to_abbr()
    pairs = {}
    for path in zip_files(paths):
        parsed = parse_file(path, fips_to_abbr=fips_to_abbr)
        report.files.append((parsed.path, parsed.kind))
        report.rows_read += parsed.rows_read
        report.skipped.update(parsed.skipped)
        pairs.update(parsed.pairs)

    states = State.objects.in_bulk(field_name="abbr")
    rows = []
    by_scope = defaultdict(set)  # (abbr, chamber) -> districts seen
    rows_per_district = Counter()
    for (zcta, abbr, chamber, district), share in pairs.items():
        state = states.get(abbr)
        if state is None:
            report.missing_states[abbr] += 1
            continue
        by_scope[(abbr, chamber)].add(district)
        rows_per_district[(abbr, chamber, district)] += 1
        rows.append(
            ZipDistrict(
                zcta=zcta,
                state=state,
                chamber=chamber,
                district=district,
                land_share=share,
            )
        )

    report.scopes = sorted(by_scope, key=lambda s: (s[0], CHAMBER_ORDER.get(s[1], 9)))
    report.states = sorted({abbr for abbr, _ in by_scope})
    report.rows_imported = len(rows)
    report.zctas = len({row.zcta for row in rows})
    _check_districts(report, by_scope, rows_per_district, states)

    if not dry_run and rows:
        rows.sort(
            key=lambda r: (
                r.zcta,
                r.state.abbr,
                CHAMBER_ORDER.get(r.chamber, 9),
                r.district,
            )
        )
        with transaction.atomic():
            for abbr in report.states:
                chambers = [chamber for a, chamber in report.scopes if a == abbr]
                deleted, _ = ZipDistrict.objects.filter(
                    state=states[abbr], chamber__in=chambers
                ).delete()
                report.rows_deleted += deleted
            ZipDistrict.objects.bulk_create(rows, batch_size=batch_size)
        if connection.vendor == "postgresql":
            # Fresh statistics, or lookups may scan the whole table until
            # autovacuum gets round to it.
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {ZipDistrict._meta.db_table}")
    report.seconds = time.perf_counter() - started
    return report


def _check_districts(report, by_scope, rows_per_district, states):
    """Fill the report's lists of unknown, unreached and unheld districts."""
    held = defaultdict(set)
    states_with_legislators = set()
    for abbr, chamber, district in Legislator.objects.active().values_list(
        "state__abbr", "chamber", "district"
    ):
        held[(abbr, chamber)].add(district)
        states_with_legislators.add(abbr)
    for (abbr, chamber), districts in by_scope.items():
        known = known_district_names(abbr, chamber)
        if not known:  # no metadata: fall back on the imported legislators
            known = held.get((abbr, chamber), set())
        unknown = Counter(
            {
                d: rows_per_district[(abbr, chamber, d)]
                for d in districts
                if d not in known
            }
        )
        if unknown:
            report.unknown_districts[(abbr, chamber)] = unknown
        unreached = [d for d in known - districts if d not in STATEWIDE_DISTRICTS]
        if unreached:
            report.unreached_districts[(abbr, chamber)] = _natural_sorted(unreached)
        if abbr in states_with_legislators:
            empty = [
                d for d in districts & known if d not in held.get((abbr, chamber), ())
            ]
            if empty:
                report.without_legislator[(abbr, chamber)] = _natural_sorted(empty)


# --------------------------------------------------------------------------
# Lookup


def _state_ref(state):
    return {"abbr": state.abbr, "name": state.name} if state else None


def _legislator_dict(legislator, title):
    return {
        "id": legislator.pk,
        "name": legislator.name,
        "title": title,
        "party": legislator.party,
        "district": legislator.district,
        "chamber": legislator.chamber,
    }


def _district_label(abbr, chamber, district):
    if district in STATEWIDE_DISTRICTS:
        return "Chairman" if district == "Chairman" else "At-large"
    if re.fullmatch(r"[0-9]+[A-Z]?|[A-Z]{1,2}", district):
        return f"District {district}"
    return district


def zip_candidates(zip_code, state_abbr=None):
    """The districts a ZIP overlaps in each chamber, with their active legislators.

    Accepts 5 digits or ZIP+4 (the first five are used). When `state_abbr` is
    given, answers for that state if the ZIP lies in it; if not, answers for
    the ZIP's own state and names it in `other_state`. Districts come largest
    land share first when shares are known. Reads the database only: no
    outside request, nothing stored or cached.

    Returns a dict (the JSON view returns it as is):
    `zip`, `valid`, `found`, `state`, `state_name`, `other_state`
    ({abbr, name} of the ZIP's state when it is not the chosen one),
    `chosen_state`, `also_in` (other states the ZIP crosses into), `multiple`
    (some chamber has several candidate districts), `shares_known` (and they
    are ordered by land share), `find_legislator_url`,
    `notes` (plain sentences about known gaps) and `chambers`: a list of
    {chamber, chamber_name, title, multiple, areas (how many different
    districts: Idaho's seats A and B count once), shares_known, districts:
    [{district, label, land_share, legislators: [{id, name, title, party,
    district, chamber}]}], at_large: [same, for members elected by the whole
    jurisdiction]}.
    """
    zip5 = us.zip5(zip_code)
    chosen = (state_abbr or "").strip().upper() or None
    result = {
        "zip": zip5 or (zip_code or "").strip()[:10],
        "valid": zip5 is not None,
        "found": False,
        "state": None,
        "state_name": "",
        "chosen_state": chosen,
        "other_state": None,
        "also_in": [],
        "multiple": False,
        "shares_known": False,
        "find_legislator_url": "",
        "notes": [],
        "chambers": [],
        "districts_unknown": False,
    }
    if zip5 is None:
        return result
    rows = list(ZipDistrict.objects.filter(zcta=zip5).select_related("state"))
    if not rows:
        state = _without_zip_table(zip5, chosen)
        if state is None:
            if chosen:
                result["find_legislator_url"] = (
                    State.objects.filter(abbr=chosen)
                    .values_list("find_legislator_url", flat=True)
                    .first()
                    or ""
                )
            return result
        # A jurisdiction the table leaves out (Puerto Rico): no districts, but
        # the members elected at large represent every ZIP code of it.
        abbr, state_rows = state.abbr, []
        chambers = [info.chamber for info in legislatures.chambers(abbr)]
        result.update(
            found=True,
            districts_unknown=True,
            state=abbr,
            state_name=state.name,
            find_legislator_url=state.find_legislator_url or state.legislature_url,
        )
        if chosen and chosen != abbr:
            result["other_state"] = _state_ref(state)
    else:
        abbr, state, state_rows = _zip_state(rows, chosen, result)
        chambers = sorted(
            {r.chamber for r in state_rows}, key=lambda c: CHAMBER_ORDER.get(c, 9)
        )
    meta_titles = {c: chamber_labels(abbr, c) for c in chambers}
    statewide = {
        c: [d for d in STATEWIDE_DISTRICTS if d in known_district_names(abbr, c)]
        for c in chambers
    }
    wanted = defaultdict(set)
    for row in state_rows:
        wanted[row.chamber].add(row.district)
    for chamber, districts in statewide.items():
        wanted[chamber].update(districts)
    legislators = defaultdict(list)
    query = Legislator.objects.active().filter(state=state, chamber__in=list(wanted))
    for legislator in query.order_by("family_name", "name"):
        if legislator.district in wanted[legislator.chamber]:
            legislators[(legislator.chamber, legislator.district)].append(legislator)

    for chamber in chambers:
        chamber_name, title = meta_titles[chamber]
        chamber_rows = sorted(
            (r for r in state_rows if r.chamber == chamber),
            key=lambda r: (
                -(r.land_share if r.land_share is not None else -1),
                _natural_key(r.district),
            ),
        )

        def entry(district, share, chamber=chamber, title=title):
            seat_title = _member_title(abbr, chamber, district, title)
            return {
                "district": district,
                "label": _district_label(abbr, chamber, district),
                "land_share": share,
                "legislators": [
                    _legislator_dict(leg, seat_title)
                    for leg in legislators[(chamber, district)]
                ],
            }

        districts = [entry(r.district, r.land_share) for r in chamber_rows]
        areas = {_seat_area(abbr, chamber, r.district) for r in chamber_rows}
        multiple = len(areas) > 1
        result["chambers"].append(
            {
                "chamber": chamber,
                "chamber_name": chamber_name,
                "title": title,
                "multiple": multiple,
                "areas": len(areas),
                "shares_known": any(r.land_share is not None for r in chamber_rows),
                "districts": districts,
                "at_large": [entry(d, None) for d in statewide[chamber]],
            }
        )
        result["multiple"] = result["multiple"] or multiple
        if multiple and result["chambers"][-1]["shares_known"]:
            result["shares_known"] = True
    result["notes"] = _notes(abbr, result)
    return result


def _zip_state(rows, chosen, result):
    """(abbr, State, rows of that state) for a ZIP the table knows; fills `result`."""
    by_state = defaultdict(list)
    for row in rows:
        by_state[row.state.abbr].append(row)
    if chosen in by_state:
        abbr = chosen
    else:
        # The state holding most of the ZIP's land (or most rows, without shares).
        abbr = max(
            by_state,
            key=lambda a: (
                sum(r.land_share or 0 for r in by_state[a]),
                len(by_state[a]),
                a,
            ),
        )
    state = by_state[abbr][0].state
    result.update(
        found=True,
        state=abbr,
        state_name=state.name,
        find_legislator_url=state.find_legislator_url,
        also_in=[
            _state_ref(by_state[a][0].state) for a in sorted(by_state) if a != abbr
        ],
    )
    if chosen and chosen != abbr:
        result["other_state"] = _state_ref(state)
    return abbr, state, by_state[abbr]


def _without_zip_table(zip5, chosen):
    """The State of a ZIP in a jurisdiction the ZIP table has no rows for at all.

    Puerto Rico: the Census ZIP table we ship has no rows there. Only for
    jurisdictions with members elected at large (whom every ZIP code gets);
    None for any other ZIP the table does not know.
    """
    candidates = [
        abbr for abbr in sorted(us.zip_states(zip5)) if abbr in AT_LARGE_WITHOUT_TABLE
    ]
    if not candidates:
        return None
    abbr = chosen if chosen in candidates else candidates[0]
    if ZipDistrict.objects.filter(state__abbr=abbr).exists():
        return None  # the table covers it: this ZIP is simply not in it
    return State.objects.filter(abbr=abbr).first()


def _seat_area(abbr, chamber, district):
    """Idaho's "12A" and "12B" are two seats for one area, not two candidates."""
    seats = SEAT_SPLITS.get((abbr, chamber))
    if seats and district[-1:] in seats:
        return district[:-1]
    return district


def _notes(abbr, result):
    notes = []
    if abbr == "NH":
        notes.append(
            gettext(
                "New Hampshire also has “floterial” House districts, which each "
                "cover several towns on top of their own district. This lookup "
                "cannot show them, so you may have one more State Representative "
                "than listed here: check the legislature’s own lookup page."
            )
        )
    if abbr == "ID" and any(c["chamber"] == "lower" for c in result["chambers"]):
        notes.append(
            gettext(
                "Idaho elects two State Representatives in each legislative "
                "district (seats A and B): both represent you."
            )
        )
    if any(c["at_large"] for c in result["chambers"]):
        name = result["state_name"]
        if name.startswith("District of"):
            note = gettext(
                "Members elected at large represent everyone in the {name}, "
                "whatever the ZIP code."
            )
        else:
            note = gettext(
                "Members elected at large represent everyone in {name}, whatever "
                "the ZIP code."
            )
        notes.append(note.format(name=name))
    if result["also_in"]:
        others = gettext(" and ").join(s["name"] for s in result["also_in"])
        notes.append(
            gettext("Part of ZIP code {zip} lies in {others}.").format(
                zip=result["zip"], others=others
            )
        )
    return notes
