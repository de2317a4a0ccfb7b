"""Reads that combine the apps for the state pages.

Legislator counts are live (one grouped COUNT through `letters.selectors`).
Petition signature counts are read through `petitions.selectors` and cached
for 60 seconds.
"""

from django.core.cache import cache

from letters.selectors import state_legislator_counts
from petitions.models import Petition
from petitions.selectors import (
    FEATURED_SLUG,
    petition_get,
    signatures_confirmed_by_state,
)
from states import legislatures
from states.models import State

SIGNATURES_TIMEOUT = 60
PETITION_SLUG = FEATURED_SLUG  # the petition whose counts the state pages show


def state_legislators_known(*, state_id, abbr):
    """Active legislators the site knows for the state, per chamber (live query).

    {"total": 3, "chambers": [{"name": "Senate", "known": 0, "seats": 40}, ...]}.
    Chamber names and seat numbers come from `states.legislatures`; a place it
    does not describe gets the total only.
    """
    counts = state_legislator_counts(State(pk=state_id, abbr=abbr))
    try:
        chambers = legislatures.chambers(abbr)
    except (KeyError, LookupError, ValueError):
        chambers = []
    return {
        "total": sum(counts.values()),
        "chambers": [
            {"name": c.name, "known": counts.get(c.chamber, 0), "seats": c.num_seats}
            for c in chambers
        ],
    }


def state_signature_count(*, abbr):
    """Confirmed signatures from the state on the state-privacy-law petition.

    Read through `petitions.selectors`, cached 60 seconds for all states at once.
    Unconfirmed signatures never count.
    """
    key = f"states:signatures:{PETITION_SLUG}"
    by_state = cache.get(key)
    if by_state is None:
        try:
            petition = petition_get(slug=PETITION_SLUG)
        except Petition.DoesNotExist:
            by_state = {}
        else:
            by_state = signatures_confirmed_by_state(petition=petition)
        cache.set(key, by_state, SIGNATURES_TIMEOUT)
    return by_state.get(abbr.upper(), 0)
