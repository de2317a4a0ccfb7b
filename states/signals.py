"""Drop the cached state map and state pages when an organizer edits the facts.

Connected in StatesConfig.ready, so admin edits, the shell, content loads
and importers all invalidate (bulk QuerySet.update skips signals: call
`states.selectors.states_cache_bump()` after one).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import PrivacyLaw, State
from .selectors import states_cache_bump


@receiver([post_save, post_delete], sender=State, dispatch_uid="states-cache-state")
@receiver([post_save, post_delete], sender=PrivacyLaw, dispatch_uid="states-cache-law")
def state_facts_changed(sender, **kwargs):
    states_cache_bump()
    # Again once the transaction commits: a page rendered between the save
    # and the commit would otherwise cache the old facts under the new version.
    transaction.on_commit(states_cache_bump)
