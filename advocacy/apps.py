from django.apps import AppConfig


class AdvocacyConfig(AppConfig):
    name = "advocacy"
    verbose_name = "Advocacy site"

    def ready(self):
        from . import signals  # noqa: F401
