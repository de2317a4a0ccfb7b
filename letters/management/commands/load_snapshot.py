"""`manage.py load_snapshot`: the shipped legislators and ZIP table, where none are loaded.

Run by `make run` after `load_content`. Safe to re-run: it never replaces a
fresher import (see letters.snapshot.snapshot_load). Exits 1 on a damaged file.
"""

from django.core.management.base import BaseCommand, CommandError

from letters.snapshot import SNAPSHOT_DIR, SnapshotError, snapshot_load


class Command(BaseCommand):
    help = (
        "Load the data snapshot shipped in the repository (legislators, ZIP table) "
        "into empty tables; states imported from data as fresh or fresher, and a "
        "ZIP table already imported, are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            default=str(SNAPSHOT_DIR),
            help=f"Snapshot folder (default {SNAPSHOT_DIR}).",
        )

    def handle(self, *args, dir, **options):  # noqa: A002 (the option's name)
        try:
            report = snapshot_load(snapshot_dir=dir)
        except SnapshotError as exc:
            raise CommandError(str(exc)) from exc
        for line in report.lines():
            self.stdout.write(line)
