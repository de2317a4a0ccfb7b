"""`manage.py make_snapshot --people DIR --zips PATH --as-of DATE --zip-source TEXT`.

Rebuilds the snapshot in letters/data/snapshot/ from the public sources; see
letters/data/snapshot/README.md for the exact command.
"""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from letters.snapshot import SNAPSHOT_DIR, SnapshotError, snapshot_make


class Command(BaseCommand):
    help = (
        "Build the data snapshot shipped in the repository (legislators and the "
        "ZIP-to-district table, gzip, sorted: the same sources give the same bytes) "
        "from Open States CSV files and a ZIP table. Reads no database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--people",
            required=True,
            help="Folder of Open States per-state legislator CSV files (va.csv, …).",
        )
        parser.add_argument(
            "--zips",
            required=True,
            nargs="+",
            help="ZIP table files: the project's CSV (zcta,state,chamber,district,"
            "land_share) or the Census relationship files.",
        )
        parser.add_argument(
            "--as-of",
            required=True,
            help="The date of the Open States data, YYYY-MM-DD.",
        )
        parser.add_argument(
            "--zip-source",
            required=True,
            help="One line naming the ZIP table's source and vintage.",
        )
        parser.add_argument(
            "--out",
            default=str(SNAPSHOT_DIR),
            help=f"Folder to write to (default {SNAPSHOT_DIR}).",
        )

    def handle(self, *args, people, zips, as_of, zip_source, out, **options):
        try:
            day = datetime.date.fromisoformat(as_of)
        except ValueError as exc:
            raise CommandError(f"--as-of must be YYYY-MM-DD: {exc}") from exc
        try:
            manifest = snapshot_make(
                people_dir=people,
                zip_paths=zips,
                out_dir=out,
                as_of=day,
                zip_source=zip_source,
            )
        except (SnapshotError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        for part in manifest.values():
            size = (Path(out) / part["file"]).stat().st_size
            self.stdout.write(
                f"{part['file']}: {part['rows']:,} rows, {size / 1024:,.0f} KiB, "
                f"sha256 {part['sha256'][:12]}…"
            )
        self.stdout.write(self.style.SUCCESS(f"Snapshot written to {out}."))
