"""Forget the cached organization when an organizer edits it (connected in CoreConfig.ready)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Organization
from .selectors import organization_cache_bump


@receiver([post_save, post_delete], sender=Organization, dispatch_uid="core-org")
def organization_changed(sender, **kwargs):
    organization_cache_bump()
    # Again on commit: a reader between the save and the commit cached the old row.
    transaction.on_commit(organization_cache_bump)
