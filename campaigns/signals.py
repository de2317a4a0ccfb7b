"""Forget cached campaign reads when a campaign or source code changes."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Campaign, SourceCode
from .selectors import CAMPAIGNS


@receiver([post_save, post_delete], sender=Campaign)
@receiver([post_save, post_delete], sender=SourceCode)
def campaigns_changed(sender, **kwargs):
    CAMPAIGNS.bump()
    transaction.on_commit(CAMPAIGNS.bump)
