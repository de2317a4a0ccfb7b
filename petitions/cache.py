"""A petition's public face, cached by slug: the petition, its confirmed count and a version.

`count.json`, the petition page and signing all start from `petition_public()`:
one cache round trip instead of a database lookup by slug (plus a COUNT). It
gives the Petition instance, the exact confirmed count and the petition's
current generation (selectors.petition_cached), by which each web process
keeps its rendered copy of the page (core.pagecache).

A confirmation or withdrawal (selectors.petition_counts_forget) and any save
or delete of the petition (signals below) start a new generation, so counts
and edits show on the next request, on every process. Entries also live
PUBLIC_SECONDS at most: that bounds what no code path announces (signatures
deleted in the admin, a petition passing its end date).
"""

import json
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from campaigns.models import Campaign

from .models import Petition
from .selectors import (
    COUNT_CACHE_SECONDS,
    petition_cached,
    petition_cached_counting,
    petition_confirmed_count,
    petition_generation_new,
)

PUBLIC_SECONDS = COUNT_CACHE_SECONDS


@dataclass(frozen=True)
class PetitionPublic:
    petition: Petition
    count: int  # confirmed signatures
    version: int  # the petition's generation: changes whenever the page may


def _public_key(slug):
    return f"petitions:public:{slug}"


def _count_json_key(slug):
    return f"petitions:count-json:{slug}"


def _public_compute(slug):
    """What a public entry holds: (petition, confirmed count). Petition.DoesNotExist."""
    petition = Petition.objects.select_related("campaign").get(slug=slug)
    return petition, petition_confirmed_count(petition=petition)


def petition_public(*, slug):
    """The petition with this slug and its confirmed count, or Petition.DoesNotExist."""
    (petition, count), generation = petition_cached(
        slug=slug, key=_public_key(slug), compute=partial(_public_compute, slug)
    )
    return PetitionPublic(petition=petition, count=count, version=generation)


def petition_public_counting(*, slug, counter, window):
    """petition_public(), also counting one more under the rate-limit key
    `counter` in the same cache round trip: (PetitionPublic, total in window).
    Signing uses it: the entry and the attempt count are one Redis round trip."""

    (petition, count), generation, total = petition_cached_counting(
        slug=slug,
        key=_public_key(slug),
        compute=partial(_public_compute, slug),
        counter=counter,
        window=window,
    )
    return PetitionPublic(petition=petition, count=count, version=generation), total


def petition_count_json_body(public):
    data = {"signatures": public.count, "goal": public.petition.goal}
    return json.dumps(data).encode()


def petition_count_json(*, slug):
    """The body of count.json, `{"signatures": <confirmed>, "goal": <goal>}`, as bytes,
    or None for the petition of a draft campaign (not public).

    Kept beside the public entry, checked against the same generation, so a
    warm request is one cache round trip of a few bytes (no model to unpickle,
    no JSON to encode). Raises Petition.DoesNotExist.
    """

    def compute():
        public = petition_public(slug=slug)
        if public.petition.is_draft:
            return None
        return petition_count_json_body(public)

    body, _ = petition_cached(slug=slug, key=_count_json_key(slug), compute=compute)
    return body


@receiver([post_save, post_delete], sender=Petition)
def petition_changed(sender, instance, **kwargs):
    petition_generation_new(slug=instance.slug)


# pre_delete: once deleted, the petition no longer points at it (SET_NULL).
@receiver([post_save, pre_delete], sender=Campaign)
def campaign_changed(sender, instance, **kwargs):
    """A campaign published, closed or edited: its petition's pages, count and
    entries change with it (who may see them, whether they take signatures)."""
    slugs = list(
        Petition.objects.filter(campaign_id=instance.pk).values_list("slug", flat=True)
    )
    for slug in slugs:
        petition_generation_new(slug=slug)
        # Again once it commits: a reader in between saw the old campaign.
        transaction.on_commit(partial(petition_generation_new, slug=slug))
