"""A petition's public face, cached by slug: the petition, its confirmed count and a version.

`count.json`, the petition page and signing all start from `petition_public()`:
one cache read instead of a database lookup by slug (plus a COUNT). The entry
holds the Petition instance, the exact confirmed count and a random version
token, by which each web process keeps its rendered copy of the page
(advocacy.pagecache).

The entry is dropped the moment a signature is confirmed or withdrawn
(selectors.petition_counts_forget) and whenever the petition is saved or
deleted (signals below), so counts and edits show at once. Otherwise it lives
PUBLIC_SECONDS at most: that bounds what no code path announces (signatures
deleted in the admin, a petition passing its end date) and the rare race of a
reader refilling the entry with the count from just before a confirmation.
"""

import json
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from advocacy.pagecache import version_token

from .models import Petition
from .selectors import COUNT_CACHE_SECONDS, petition_confirmed_count

PUBLIC_SECONDS = COUNT_CACHE_SECONDS


@dataclass(frozen=True)
class PetitionPublic:
    petition: Petition
    count: int  # confirmed signatures
    version: str  # changes whenever the public page may change


def _public_key(slug):
    return f"petitions:public:{slug}"


def _count_json_key(slug):
    return f"petitions:count-json:{slug}"


def petition_public(*, slug):
    """The petition with this slug and its confirmed count, or Petition.DoesNotExist."""
    key = _public_key(slug)
    public = cache.get(key)
    if public is None:
        petition = Petition.objects.get(slug=slug)
        public = PetitionPublic(
            petition=petition,
            count=petition_confirmed_count(petition=petition),
            version=version_token(),
        )
        cache.set(key, public, PUBLIC_SECONDS)
    return public


def petition_count_json(*, slug):
    """The body of count.json, `{"signatures": <confirmed>, "goal": <goal>}`, as bytes.

    Kept beside the public entry with the same lifetime, so a warm request is
    one cache read of a few bytes (no model to unpickle, no JSON to encode).
    Raises Petition.DoesNotExist.
    """
    key = _count_json_key(slug)
    body = cache.get(key)
    if body is None:
        public = petition_public(slug=slug)
        data = {"signatures": public.count, "goal": public.petition.goal}
        body = json.dumps(data).encode()
        cache.set(key, body, PUBLIC_SECONDS)
    return body


def petition_public_forget(*, petition_id=None, slug=None):
    """Drop the cached public entry (by slug, or looked up from the id)."""
    if slug is None:
        slug = (
            Petition.objects.filter(pk=petition_id)
            .values_list("slug", flat=True)
            .first()
        )
    if slug:
        cache.delete_many([_public_key(slug), _count_json_key(slug)])


@receiver([post_save, post_delete], sender=Petition)
def petition_changed(sender, instance, **kwargs):
    petition_public_forget(slug=instance.slug)
