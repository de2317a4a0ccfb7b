"""The data snapshot shipped in the repository: legislators and the ZIP table.

A fresh install has no legislators and no ZIP-to-district table, and the
public sources (Open States' CSV files, the Census relationship files) are
not in the repository. `snapshot_make()` builds a compact copy of what the
letter journey needs from those sources (only the columns the site uses,
gzip, sorted rows: the same input gives the same bytes), and
`snapshot_load()` loads it into empty tables in a few seconds (`make run`
calls `manage.py load_snapshot`).

Both reuse the importers: the snapshot's legislators file is Open States'
own CSV format (a subset of its columns, plus the state), read and written by
`importers.import_state_text`; the ZIP file is the project's simple CSV, read
and written by `zipdistricts.parse_file` and `zip_districts_import`.

`import_legislators` and `import_zip_districts` stay the way to refresh.
"""

from __future__ import annotations

import csv
import datetime
import gzip
import hashlib
import io
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from states.legislatures import CHAMBER_ORDER
from states.models import State, ZipDistrict

from . import importers, zipdistricts
from .models import Legislator, RosterImport

SNAPSHOT_DIR = Path(__file__).resolve().parent / "data" / "snapshot"
MANIFEST = "snapshot.json"
LEGISLATORS_FILE = "legislators.csv.gz"
ZIP_FILE = "zip_districts.csv.gz"
# Open States column names, in this order: what the site keeps of a legislator
# (importers.COLUMN_MAP) and nothing else: no biography, links or social media,
# and no photo address (pages never load other sites' images).
LEGISLATOR_COLUMNS = [
    "id",
    "name",
    "current_party",
    "current_district",
    "current_chamber",
    "given_name",
    "family_name",
    "email",
    "capitol_address",
    "capitol_voice",
    "district_address",
    "district_voice",
]
_FIELD_FOR_COLUMN = {
    "id": "openstates_id",
    "current_district": "district",
    "current_chamber": "chamber",
    **{column: name for name, column in importers.COLUMN_MAP.items()},
}


class SnapshotError(Exception):
    """The sources or the snapshot cannot be read (missing, bad rows, changed)."""


# --------------------------------------------------------------------------
# Making the snapshot


def _gzip(data: bytes) -> bytes:
    """Deterministic gzip: no file name, mtime 0, so equal input, equal bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(
        filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9
    ) as handle:
        handle.write(data)
    return buffer.getvalue()


def _csv_text(header, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def legislators_snapshot_rows(people_dir) -> list[list[str]]:
    """[state, id, name, …] rows from a folder of Open States `<abbr>.csv` files.

    Each file is read by the importer's own parser (cleaned, checked), so the
    snapshot holds what an import of those files would store. Raises
    SnapshotError listing the bad files and rows.
    """
    files = importers.csv_files([people_dir])
    if not files:
        raise SnapshotError(f"{people_dir}: no Open States CSV files found")
    rows, errors = [], []
    for path in files:
        try:
            abbr = importers.state_abbr_for(path)
            text = path.read_bytes().decode("utf-8-sig")
        except (importers.ImportFileError, OSError, UnicodeDecodeError) as exc:
            errors.append(str(exc))
            continue
        report = importers.StateReport(abbr=abbr, file=path.name)
        try:
            parsed = importers.read_rows(text, path.name, report, abbr)
        except importers.ImportFileError as exc:
            errors.append(str(exc))
            continue
        errors += report.errors
        for row in parsed.values():
            rows.append(
                [abbr] + [row[_FIELD_FOR_COLUMN[c]] for c in LEGISLATOR_COLUMNS]
            )
    if errors:
        raise SnapshotError("; ".join(errors))
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows


def zip_snapshot_rows(paths) -> list[list[str]]:
    """[zcta, state, chamber, district, land_share] rows from ZIP table files.

    Census relationship files or the project's CSV, read by the importer's
    parser (Open States district names, NE and DC as "legislature").
    """
    fips_to_abbr = zipdistricts._fips_to_abbr()
    pairs, bad = {}, 0
    for path in zipdistricts.zip_files(paths):
        parsed = zipdistricts.parse_file(path, fips_to_abbr=fips_to_abbr)
        bad += sum(
            n
            for reason, n in parsed.skipped.items()
            if reason.startswith(zipdistricts.FAILED_REASONS)
        )
        pairs.update(parsed.pairs)
    if bad:
        raise SnapshotError(f"{bad} ZIP table row(s) could not be read")
    if not pairs:
        raise SnapshotError("no ZIP table rows found")
    rows = [
        [zcta, abbr, chamber, district, "" if share is None else f"{share:g}"]
        for (zcta, abbr, chamber, district), share in pairs.items()
    ]
    rows.sort(key=lambda r: (r[0], r[1], CHAMBER_ORDER.get(r[2], 9), r[3]))
    return rows


def snapshot_make(
    *,
    people_dir,
    zip_paths,
    out_dir=SNAPSHOT_DIR,
    as_of: datetime.date,
    zip_source: str,
) -> dict:
    """Write legislators.csv.gz, zip_districts.csv.gz and snapshot.json to out_dir.

    Side effects: writes (replaces) those three files; reads no database.
    Returns the manifest. Raises SnapshotError when a source has bad rows.
    """
    out = Path(out_dir)
    legislators = legislators_snapshot_rows(people_dir)
    zips = zip_snapshot_rows(zip_paths)
    legislators_gz = _gzip(
        _csv_text(["state", *LEGISLATOR_COLUMNS], legislators).encode()
    )
    zips_gz = _gzip(_csv_text(zipdistricts.SIMPLE_CSV_HEADER, zips).encode())
    manifest = {
        "legislators": {
            "file": LEGISLATORS_FILE,
            "source": importers.OPENSTATES,
            "as_of": as_of.isoformat(),
            "rows": len(legislators),
            "states": len({r[0] for r in legislators}),
            "sha256": _sha256(legislators_gz),
        },
        "zip_districts": {
            "file": ZIP_FILE,
            "source": zip_source,
            "rows": len(zips),
            "zip_codes": len({r[0] for r in zips}),
            "states": len({r[1] for r in zips}),
            "sha256": _sha256(zips_gz),
        },
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / LEGISLATORS_FILE).write_bytes(legislators_gz)
    (out / ZIP_FILE).write_bytes(zips_gz)
    (out / MANIFEST).write_text(
        json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return manifest


# --------------------------------------------------------------------------
# Loading it


@dataclass
class SnapshotReport:
    as_of: datetime.date | None = None
    loaded_states: list[str] = field(default_factory=list)
    kept_states: list[str] = field(default_factory=list)  # fresher data already in
    legislators: importers.ImportReport | None = None
    zip_rows: int = 0
    zip_kept: bool = False
    seconds: float = 0.0

    @property
    def errors(self) -> list[str]:
        return self.legislators.errors if self.legislators else []

    def lines(self) -> list[str]:
        out = []
        if self.loaded_states:
            total = self.legislators.total("rows") if self.legislators else 0
            out.append(
                f"Legislators: {total:,} loaded for {len(self.loaded_states)} states "
                f"({importers.OPENSTATES} as of {self.as_of.isoformat()})."
            )
        if self.kept_states:
            out.append(
                f"Legislators: kept as they are in {len(self.kept_states)} states "
                "(imported already, from data as fresh or fresher): "
                + " ".join(self.kept_states)
                + "."
            )
        if self.zip_kept:
            out.append("ZIP table: kept as it is (already imported).")
        else:
            out.append(f"ZIP table: {self.zip_rows:,} rows loaded.")
        out.extend(f"error: {e}" for e in self.errors)
        out.append(f"Snapshot loaded in {self.seconds:.1f} s.")
        return out


def snapshot_manifest(snapshot_dir=SNAPSHOT_DIR) -> dict:
    path = Path(snapshot_dir) / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SnapshotError(f"{path}: cannot read the snapshot ({exc})") from None


def _read_checked(snapshot_dir, part) -> bytes:
    path = Path(snapshot_dir) / part["file"]
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SnapshotError(f"{path}: cannot read ({exc})") from None
    if _sha256(data) != part["sha256"]:
        raise SnapshotError(
            f"{path}: does not match snapshot.json (rebuild it with make_snapshot)"
        )
    return data


def _state_texts(data: bytes) -> dict[str, str]:
    """The legislators file split into one Open States CSV text per state."""
    reader = csv.reader(io.StringIO(gzip.decompress(data).decode("utf-8")))
    header = next(reader)
    per_state = defaultdict(list)
    for row in reader:
        per_state[row[0]].append(row[1:])
    return {abbr: _csv_text(header[1:], rows) for abbr, rows in per_state.items()}


def _states_to_keep(abbrs, as_of) -> set[str]:
    """States whose legislators must not be replaced by the snapshot's.

    Kept: a state whose latest recorded import is as fresh or fresher, and a
    state that has legislators but no record (imported before records were
    kept: we cannot tell their date, so we do not guess).
    """
    latest = {}
    for roster in RosterImport.objects.order_by("loaded_at", "pk"):
        for abbr in roster.state_codes:
            latest[abbr] = roster.as_of
    with_people = set(
        Legislator.objects.values_list("state__abbr", flat=True).distinct()
    )
    return {
        abbr
        for abbr in abbrs
        if (abbr in latest and latest[abbr] >= as_of)
        or (abbr not in latest and abbr in with_people)
    }


def snapshot_load(*, snapshot_dir=SNAPSHOT_DIR) -> SnapshotReport:
    """Load the snapshot's legislators and ZIP table where the site has none.

    Side effects, in one transaction: upserts the legislators of each state
    that has none, or whose recorded import is older than the snapshot
    (importers.import_state_text), with a RosterImport row for them; fills the
    ZIP table when it is empty (zip_districts_import, in batches). Never
    replaces fresher data, so running it again changes nothing. Raises
    SnapshotError when the states are not loaded yet or a file is damaged.
    """
    started = time.perf_counter()
    manifest = snapshot_manifest(snapshot_dir)
    if not State.objects.exists():
        raise SnapshotError("no states yet: run `manage.py load_content` first")
    people = manifest["legislators"]
    as_of = datetime.date.fromisoformat(people["as_of"])
    report = SnapshotReport(as_of=as_of)
    texts = _state_texts(_read_checked(snapshot_dir, people))
    keep = _states_to_keep(texts, as_of)
    report.kept_states = sorted(keep)
    zip_part = manifest["zip_districts"]
    zip_path = Path(snapshot_dir) / zip_part["file"]
    report.zip_kept = ZipDistrict.objects.exists()
    if not report.zip_kept:
        _read_checked(snapshot_dir, zip_part)
    with transaction.atomic():
        imported = importers.ImportReport()
        for abbr in sorted(set(texts) - keep):
            imported.states.append(
                importers.import_state_text(
                    abbr=abbr,
                    name=f"{people['file']} ({abbr})",
                    text=texts[abbr],
                    dry_run=False,
                )
            )
        report.legislators = imported
        report.loaded_states = [s.abbr for s in imported.states]
        if imported.errors:
            raise SnapshotError("; ".join(imported.errors))
        importers.roster_import_record(
            report=imported,
            as_of=as_of,
            kind=RosterImport.Kind.SNAPSHOT,
            source=people["source"],
        )
        if not report.zip_kept:
            zip_report = zipdistricts.zip_districts_import(paths=[zip_path])
            if zip_report.failed_rows:
                raise SnapshotError(
                    f"{zip_report.failed_rows} ZIP table row(s) could not be loaded"
                )
            report.zip_rows = zip_report.rows_imported
    report.seconds = time.perf_counter() - started
    return report
