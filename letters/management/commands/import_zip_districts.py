"""Load the ZIP (Census ZCTA) → state legislative district table.

Exits with status 1 (after the report) when any row could not be imported.
"""

from django.core.management.base import BaseCommand, CommandError

from letters.zipdistricts import ZipImportError, zip_districts_import


class Command(BaseCommand):
    help = (
        "Load ZIP code → state legislative district candidates from the Census 2020 "
        "relationship files (tab20_sldu…_zcta520_natl.txt, tab20_sldl…_zcta520_natl.txt) "
        "or the project's CSV (zcta,state,chamber,district,land_share). Replaces the "
        "rows of every state and chamber found in the files; safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="PATH",
            help="Files, or folders whose .txt, .csv and .csv.gz files are read. "
            "The format is detected from each file's header row.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read and check the files and print the report, but write nothing.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=5000,
            help="Rows per INSERT statement (default 5000).",
        )

    def handle(self, *args, paths, dry_run, batch_size, **options):
        try:
            report = zip_districts_import(
                paths=paths, dry_run=dry_run, batch_size=batch_size
            )
        except ZipImportError as exc:
            raise CommandError(str(exc)) from exc
        for line in report.lines():
            self.stdout.write(line)
        if report.failed_rows:
            raise CommandError(
                f"{report.failed_rows:,} row(s) could not be imported (see above)."
            )
        if report.rows_imported and not dry_run:
            self.stdout.write(self.style.SUCCESS("Done."))
        elif dry_run:
            self.stdout.write("Dry run: nothing written.")
