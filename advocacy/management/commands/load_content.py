"""Load the site's own content: guides, the seeded petition, state facts.

Safe to run again: each app's loader creates what is missing and leaves what
organizers have edited alone.
"""

from importlib import import_module

from django.core.management.base import BaseCommand

# Each app exposes `content.load(stdout)`; order matters only for readability.
CONTENT_MODULES = ["guides.content", "petitions.content", "letters.content"]


class Command(BaseCommand):
    help = "Load (or top up) the site's seeded content. Safe to run repeatedly."

    def handle(self, *args, **options):
        for dotted in CONTENT_MODULES:
            try:
                module = import_module(dotted)
            except ModuleNotFoundError as exc:
                if exc.name != dotted:
                    raise
                continue
            module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Content loaded."))
