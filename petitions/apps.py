from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "petitions"

    def ready(self):
        from . import cache  # noqa: F401  (drops cached public entries on edits)
