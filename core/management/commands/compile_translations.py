from django.core.management.base import BaseCommand

from core.translations import compile_catalogues


class Command(BaseCommand):
    help = (
        "Compile locale/*/LC_MESSAGES/django.po to .mo with Babel "
        "(no GNU gettext needed). Safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--stale",
            action="store_true",
            help="Only catalogues whose .mo is missing or older than the .po.",
        )

    def handle(self, *args, stale=False, **options):
        compiled = compile_catalogues(only_stale=stale)
        for path in compiled:
            self.stdout.write(f"Compiled {path.with_suffix('.mo')}")
        if not compiled:
            self.stdout.write("Translations: nothing to compile.")
