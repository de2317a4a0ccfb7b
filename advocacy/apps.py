from django.apps import AppConfig
from django.db.backends.signals import connection_created


class AdvocacyConfig(AppConfig):
    name = "advocacy"
    verbose_name = "Advocacy site"

    def ready(self):
        from core.files import sqlite_file_private

        from . import campaign_selectors  # noqa: F401  (forgets campaign entries)

        # The embedded database holds signers' names and addresses: 0600.
        connection_created.connect(sqlite_file_private, dispatch_uid="sqlite-0600")
