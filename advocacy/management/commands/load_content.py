"""Load the site's own content: guides, the seeded petition, state facts.

Safe to run again: each app's loader creates what is missing and leaves what
organizers have edited alone (guides changed in their files are updated
unless an organizer edited them; see guides.content).

`--dry-run` says what would happen and writes nothing: it is passed to the
loaders that accept it (guides); the others are skipped in a dry run.
"""

import contextlib
import inspect
from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app exposes `content.load(stdout)`; order matters only for readability.
CONTENT_MODULES = [
    "core.content",
    "guides.content",
    "campaigns.content",
    "petitions.content",
    "letters.content",
]


def _accepts_dry_run(load):
    return "dry_run" in inspect.signature(load).parameters


class Command(BaseCommand):
    help = "Load (or top up) the site's seeded content. Safe to run repeatedly."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be created, updated or left alone; write nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        # A dry run runs in a transaction that is rolled back, to make sure.
        with transaction.atomic() if dry_run else contextlib.nullcontext():
            for dotted in CONTENT_MODULES:
                try:
                    module = import_module(dotted)
                except ModuleNotFoundError as exc:
                    if exc.name != dotted:
                        raise
                    continue
                if not dry_run:
                    module.load(stdout=self.stdout)
                elif _accepts_dry_run(module.load):
                    module.load(stdout=self.stdout, dry_run=True)
                else:
                    self.stdout.write(f"{dotted}: skipped (no dry run).")
            if dry_run:
                transaction.set_rollback(True)
        if dry_run:
            self.stdout.write(self.style.SUCCESS("Dry run: nothing was written."))
        else:
            self.stdout.write(self.style.SUCCESS("Content loaded."))
