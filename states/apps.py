from django.apps import AppConfig


class StatesConfig(AppConfig):
    name = "states"
    verbose_name = "States and their privacy laws"

    def ready(self):
        from . import signals  # noqa: F401
