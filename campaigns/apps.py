from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "Campaigns"

    def ready(self):
        from . import signals  # noqa: F401  (forgets cached campaigns and sources)
