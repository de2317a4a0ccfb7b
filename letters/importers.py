"""Import state legislators from Open States' bulk CSV files.

One file per state, named after the state (`va.csv`), with the columns of
Open States' per-state legislator export. `legislators_import()` upserts by
Open States id with bulk queries (one transaction per file), marks the
state's legislators missing from the file inactive, and reports bad rows by
file and line without stopping, then records a RosterImport (source, the
data's as-of date, states, rows). `legislators_download()` fetches the latest
files from settings.OPENSTATES_DOWNLOAD_URL. `import_state_text()` is the work
of one file, which the snapshot loader (letters/snapshot.py) reuses.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from core.files import private_dir, private_open
from states import legislatures
from states.models import State

from .models import Legislator, RosterImport

OPENSTATES = "Open States"

REQUIRED_COLUMNS = ("id", "name", "current_district", "current_chamber")
# Model field <- CSV column. Capitol columns may be empty (Open States' own
# published files leave them empty); the district office fills in then.
COLUMN_MAP = {
    "name": "name",
    "given_name": "given_name",
    "family_name": "family_name",
    "party": "current_party",
    "email": "email",
    "capitol_address": "capitol_address",
    "capitol_voice": "capitol_voice",
    "district_address": "district_address",
    "district_voice": "district_voice",
    "image": "image",
}
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_FILE_NAME = re.compile(r"^([a-z]{2})$")
BATCH_SIZE = 500
# A file with fewer valid rows than this share of the known roster retires nobody.
MIN_ROSTER_SHARE = 0.5


class ImportFileError(Exception):
    """A whole file cannot be imported (unknown state, missing columns)."""


@dataclass
class StateReport:
    abbr: str
    file: str
    rows: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    retired: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    dry_run: bool = False
    states: list[StateReport] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    as_of: datetime.date | None = None

    def total(self, name: str) -> int:
        return sum(getattr(s, name) for s in self.states)

    @property
    def errors(self) -> list[str]:
        return self.file_errors + [e for s in self.states for e in s.errors]

    def lines(self) -> list[str]:
        out = []
        for s in self.states:
            out.append(
                f"{s.abbr.upper()} ({s.file}): {s.rows} rows, {s.added} added, "
                f"{s.changed} changed, {s.retired} retired, {s.unchanged} unchanged"
                + (f", {len(s.errors)} bad rows" if s.errors else "")
            )
        out.append(
            f"Total: {len(self.states)} files, {self.total('rows')} rows, "
            f"{self.total('added')} added, {self.total('changed')} changed, "
            f"{self.total('retired')} retired, {self.total('unchanged')} unchanged, "
            f"{len(self.errors)} errors"
            + (" (dry run: nothing written)" if self.dry_run else "")
        )
        return out


def clean_value(value: str) -> str:
    """Drop zero-width characters and BOMs, collapse runs of whitespace."""
    return " ".join(_INVISIBLE.sub("", value or "").split())


def csv_files(paths) -> list[Path]:
    """The CSV files named, folders expanded to their *.csv files (sorted)."""
    files = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
            )
        else:
            files.append(path)
    return files


def state_abbr_for(path: Path) -> str:
    """`va.csv` -> "VA"; ImportFileError when the name is not a known state."""
    match = _FILE_NAME.match(path.stem.lower())
    abbr = match.group(1).upper() if match else ""
    if abbr not in legislatures.STATE_ABBRS:
        raise ImportFileError(
            f"{path.name}: cannot tell the state from the file name "
            "(expected e.g. va.csv for Virginia)"
        )
    return abbr


def _state_for(abbr: str, *, create: bool) -> State | None:
    state = State.objects.filter(abbr=abbr).first()
    if state is None and create:
        info = legislatures.jurisdiction(abbr)
        state = State.objects.create(
            abbr=abbr,
            name=info.name,
            fips=info.fips,
            legislature_name=info.legislature_name,
            legislature_url=info.url,
            find_legislator_url=info.url,
            unicameral=info.unicameral,
        )
    return state


def _max_len(field_name: str) -> int:
    return Legislator._meta.get_field(field_name).max_length


def _parse_row(
    abbr: str, values: dict[str, str], where: str, warnings: list[str]
) -> dict:
    """Legislator field values from one CSV row; ValueError with a reason if bad."""
    os_id = values.get("id", "")
    if not os_id:
        raise ValueError("missing id")
    if len(os_id) > _max_len("openstates_id"):
        raise ValueError("id too long")
    chamber = values.get("current_chamber", "").lower()
    if chamber == "unicameral":
        chamber = "legislature"
    if not legislatures.has_chamber(abbr, chamber):
        raise ValueError(f"unknown chamber {chamber!r} for {abbr}")
    district = values.get("current_district", "")
    if not district:
        raise ValueError("missing district")
    if not values.get("name"):
        raise ValueError("missing name")
    row = {"openstates_id": os_id, "chamber": chamber, "district": district}
    for model_field, column in COLUMN_MAP.items():
        value = values.get(column, "")
        limit = _max_len(model_field)
        if value and len(value) > limit:
            if model_field in ("name", "given_name", "family_name"):
                raise ValueError(f"{column} longer than {limit} characters")
            warnings.append(f"{where}: {column} too long, dropped")
            value = ""
        row[model_field] = value
    if row["email"]:
        try:
            validate_email(row["email"])
        except ValidationError:
            warnings.append(f"{where}: invalid email {row['email']!r} dropped")
            row["email"] = ""
    if row["image"]:
        # Kept for organizers only (pages never load other origins' images).
        image = row["image"].replace(" ", "%20")
        row["image"] = image if image.startswith(("http://", "https://")) else ""
    if not row["capitol_address"] and row["district_address"]:
        # e.g. DC's Wilson Building office is filed as a district office.
        row["capitol_address"] = row["district_address"]
        row["capitol_voice"] = row["capitol_voice"] or row["district_voice"]
    return row


def read_rows(text: str, name: str, report: StateReport, abbr: str) -> dict[str, dict]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = [clean_value(h).lower() for h in next(reader)]
    except StopIteration:
        raise ImportFileError(f"{name}: empty file") from None
    except csv.Error as exc:
        raise ImportFileError(f"{name}: unreadable header ({exc})") from None
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise ImportFileError(f"{name}: missing column(s) {', '.join(missing)}")
    rows: dict[str, dict] = {}
    while True:
        try:
            raw = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            report.errors.append(
                f"{name} line {reader.line_num}: unreadable row ({exc})"
            )
            continue
        line = reader.line_num
        where = f"{name} line {line}"
        if not raw or all(not v.strip() for v in raw):
            continue
        report.rows += 1
        if len(raw) != len(header):
            report.errors.append(
                f"{where}: expected {len(header)} columns, found {len(raw)}"
            )
            continue
        values = {h: clean_value(v) for h, v in zip(header, raw, strict=True)}
        try:
            row = _parse_row(abbr, values, where, report.warnings)
        except ValueError as exc:
            report.errors.append(f"{where}: {exc}")
            continue
        if row["openstates_id"] in rows:
            report.errors.append(f"{where}: duplicate id {row['openstates_id']}")
            continue
        rows[row["openstates_id"]] = row
    return rows


def _import_file(path: Path, *, dry_run: bool) -> StateReport:
    abbr = state_abbr_for(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFileError(f"{path.name}: cannot read ({exc})") from None
    return import_state_text(abbr=abbr, name=path.name, text=text, dry_run=dry_run)


def import_state_text(*, abbr: str, name: str, text: str, dry_run: bool) -> StateReport:
    """Upsert one state's legislators from the text of an Open States CSV.

    The work of one file (`name` is used in messages), shared by
    `legislators_import` and the snapshot loader. One transaction; raises
    ImportFileError for a file that cannot be read at all.
    """
    report = StateReport(abbr=abbr, file=name)
    rows = read_rows(text, name, report, abbr)

    with transaction.atomic():
        state = _state_for(abbr, create=not dry_run)
        existing: dict[str, Legislator] = {}
        if state is not None or rows:
            query = Legislator.objects.filter(openstates_id__in=list(rows))
            if state is not None:
                query = query | Legislator.objects.filter(state=state)
            existing = {obj.openstates_id: obj for obj in query}
        now = timezone.now()
        to_create = []
        # Updates grouped by the set of fields that changed: bulk_update writes
        # a CASE per field, so sending only changed fields keeps it fast.
        to_update: dict[frozenset, list[Legislator]] = {}
        for os_id, row in rows.items():
            obj = existing.get(os_id)
            if obj is None:
                to_create.append(Legislator(state=state, active=True, **row))
                continue
            changed = set()
            if not obj.active:
                obj.active = True
                changed.add("active")
            if state is not None and obj.state_id != state.pk:
                obj.state = state
                changed.add("state")
            for name, value in row.items():
                if getattr(obj, name) != value:
                    setattr(obj, name, value)
                    changed.add(name)
            if changed:
                obj.updated_at = now
                changed.add("updated_at")
                to_update.setdefault(frozenset(changed), []).append(obj)
            else:
                report.unchanged += 1
        # Retire only when the file gave us a roster to compare against, and
        # not on the word of a file that lost most of its rows (a truncated
        # download must not retire half a legislature).
        to_retire = []
        if rows and state is not None:
            missing = [
                obj
                for obj in existing.values()
                if obj.state_id == state.pk
                and obj.active
                and obj.openstates_id not in rows
            ]
            known = sum(
                1
                for obj in existing.values()
                if obj.state_id == state.pk and obj.active
            )
            if missing and len(rows) < known * MIN_ROSTER_SHARE:
                report.warnings.append(
                    f"{name}: only {len(rows)} valid rows for {known} active "
                    f"legislators; nobody retired (is the file complete?)"
                )
            else:
                for obj in missing:
                    obj.active = False
                    obj.updated_at = now
                    to_retire.append(obj)
        report.added, report.changed, report.retired = (
            len(to_create),
            sum(len(objs) for objs in to_update.values()),
            len(to_retire),
        )
        if not dry_run:
            Legislator.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
            for fields, objs in to_update.items():
                Legislator.objects.bulk_update(
                    objs, sorted(fields), batch_size=BATCH_SIZE
                )
            Legislator.objects.bulk_update(
                to_retire, ["active", "updated_at"], batch_size=BATCH_SIZE
            )
    return report


def legislators_import(
    *,
    paths,
    dry_run: bool = False,
    as_of: datetime.date | None = None,
    kind: str = RosterImport.Kind.FILES,
    source: str = OPENSTATES,
) -> ImportReport:
    """Upsert legislators from Open States CSV files or folders of them.

    Writes Legislator rows (and a State row if one is missing), one transaction
    per file, then a RosterImport saying where and when (`as_of`, by default
    the newest file's modification date) they came from; with dry_run nothing
    is written but the report is the same.
    """
    report = ImportReport(dry_run=dry_run)
    files = csv_files(paths)
    for path in files:
        if not path.exists():
            report.file_errors.append(f"{path}: no such file or folder")
            continue
        try:
            report.states.append(_import_file(path, dry_run=dry_run))
        except ImportFileError as exc:
            report.file_errors.append(str(exc))
    if not files:
        report.file_errors.append("no CSV files found")
    if as_of is None:
        as_of = files_date([p for p in files if p.exists()])
    report.as_of = as_of
    if not dry_run:
        roster_import_record(report=report, as_of=as_of, kind=kind, source=source)
    return report


def files_date(files) -> datetime.date:
    """The newest modification date of the files (today when there are none)."""
    stamps = [path.stat().st_mtime for path in files]
    if not stamps:
        return timezone.localdate()
    newest = datetime.datetime.fromtimestamp(max(stamps), tz=datetime.UTC)
    return timezone.localdate(newest)


def roster_import_record(*, report: ImportReport, as_of, kind, source=OPENSTATES):
    """Record a RosterImport for the states that went in (None when none did)."""
    imported = sorted({s.abbr for s in report.states if s.rows})
    if not imported:
        return None
    return RosterImport.objects.create(
        source=source,
        kind=kind,
        as_of=as_of,
        states="," + ",".join(imported) + ",",
        legislators=report.total("added")
        + report.total("changed")
        + report.total("unchanged"),
    )


def legislators_download(
    *, states, dest_dir, base_url=None, timeout=None
) -> tuple[list, list]:
    """Fetch `<abbr>.csv` for each state into dest_dir.

    Returns (downloaded paths, error messages). Only contacts
    settings.OPENSTATES_DOWNLOAD_URL (or base_url).
    """
    base_url = base_url or settings.OPENSTATES_DOWNLOAD_URL
    if not base_url.endswith("/"):
        base_url += "/"
    timeout = timeout or settings.OPENSTATES_DOWNLOAD_TIMEOUT
    # Owner-only, like everything the app writes (core/files.py): a kept
    # folder usually sits under var/.
    dest = private_dir(dest_dir)
    paths, errors = [], []
    for abbr in states:
        abbr = abbr.strip().lower()
        url = f"{base_url}{abbr}.csv"
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
                data = response.read()
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            errors.append(f"{url}: download failed ({exc})")
            continue
        path = dest / f"{abbr}.csv"
        with private_open(path, "wb") as handle:
            handle.write(data)
        paths.append(path)
    return paths, errors
