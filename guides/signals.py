"""Drop cached guide pages whenever an organizer changes a guide.

Connected in GuidesConfig.ready. Catches admin edits (including inline steps
and list_editable), the shell and content loads alike.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.models import Organization

from .cache import guides_cache_bump
from .models import GuideChange, GuideCheck, Platform, Source, Step


@receiver([post_save, post_delete], sender=Platform)
@receiver([post_save, post_delete], sender=Step)
@receiver([post_save, post_delete], sender=Source)
@receiver([post_save, post_delete], sender=GuideChange)  # "What changed", home page too
@receiver([post_save, post_delete], sender=GuideCheck)  # "last checked", stale banner
def guides_changed(sender, **kwargs):
    guides_cache_bump()


@receiver([post_save, post_delete], sender=Organization, dispatch_uid="guides-org")
def organization_changed(sender, **kwargs):
    """Guide pages are kept whole for minutes (core.pagecache), footer and
    all: the organization's name and address in it must not lag an edit."""
    transaction.on_commit(guides_cache_bump)
