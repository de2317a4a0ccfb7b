"""`manage.py import_legislators PATH... [--dry-run] [--as-of DATE] [--download [--states va,md]]`.

Exits with status 1 (the summary printed first) when any file or row failed;
0 only when everything went in.
"""

import datetime
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from letters.importers import legislators_download, legislators_import
from letters.models import RosterImport
from states import legislatures


class Command(BaseCommand):
    help = (
        "Import state legislators from Open States bulk CSV files (one per state, "
        "named like va.csv) or folders of them. Safe to re-run: upserts by Open States "
        "id and marks legislators missing from a state's file inactive."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="*",
            help="CSV files or folders of CSV files (va.csv, md.csv, ...).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be added, changed and retired without writing.",
        )
        parser.add_argument(
            "--download",
            action="store_true",
            help="Fetch the latest files from OPENSTATES_DOWNLOAD_URL "
            f"(now {settings.OPENSTATES_DOWNLOAD_URL}) and import them.",
        )
        parser.add_argument(
            "--states",
            default="",
            help="With --download: comma-separated state codes (default: all 50, DC and PR).",
        )
        parser.add_argument(
            "--keep",
            default="",
            help="With --download: folder to keep the downloaded files in "
            "(default: a temporary folder, deleted afterwards).",
        )
        parser.add_argument(
            "--as-of",
            default="",
            help="The date of the data, YYYY-MM-DD, shown on the pages as "
            '"Legislators as of …" (default: today with --download, else the '
            "newest file's modification date).",
        )

    def handle(self, *args, paths, dry_run, download, states, keep, as_of, **options):
        if as_of:
            try:
                as_of = datetime.date.fromisoformat(as_of)
            except ValueError as exc:
                raise CommandError(f"--as-of must be YYYY-MM-DD: {exc}") from exc
        elif download:
            as_of = timezone.localdate()
        else:
            as_of = None
        if not paths and not download:
            raise CommandError("Give one or more CSV files or folders, or --download.")
        if states and not download:
            raise CommandError("--states only applies with --download.")
        all_paths = list(paths)
        download_errors = []
        with tempfile.TemporaryDirectory(prefix="openstates-") as tmp:
            if download:
                wanted = [
                    s.strip().upper() for s in states.split(",") if s.strip()
                ] or list(legislatures.STATE_ABBRS)
                unknown = [s for s in wanted if s not in legislatures.STATE_ABBRS]
                if unknown:
                    raise CommandError(f"Unknown state code(s): {', '.join(unknown)}")
                dest = Path(keep) if keep else Path(tmp)
                fetched, download_errors = legislators_download(
                    states=wanted, dest_dir=dest
                )
                for error in download_errors:
                    self.stderr.write(error)
                self.stdout.write(f"Downloaded {len(fetched)} of {len(wanted)} files.")
                all_paths += [str(p) for p in fetched]
                if not all_paths:
                    raise CommandError("Nothing downloaded.")
            report = legislators_import(
                paths=all_paths,
                dry_run=dry_run,
                as_of=as_of,
                kind=RosterImport.Kind.DOWNLOAD
                if download
                else RosterImport.Kind.FILES,
            )
        for s in report.states:
            for warning in s.warnings:
                self.stdout.write(self.style.WARNING(f"warning: {warning}"))
        for error in report.errors:
            self.stderr.write(
                f"bad row: {error}" if " line " in error else f"error: {error}"
            )
        for line in report.lines():
            self.stdout.write(line)
        if report.as_of and report.states:
            guessed = (
                "" if as_of else " (the files' date: give --as-of if the data is older)"
            )
            self.stdout.write(f"Legislators as of {report.as_of.isoformat()}{guessed}.")
        if not report.states:
            raise CommandError("No file could be imported.")
        failed = len(report.errors) + len(download_errors)
        if failed:
            raise CommandError(
                f"{failed} error(s): some files or rows were not imported "
                "(listed above)."
            )
        self.stdout.write(self.style.SUCCESS("Import finished."))
