"""Reads for the public campaign pages: a campaign with its actions, cached.

A campaign page shows the campaign (campaigns), its petition and count
(petitions) and its letter (letters), so it lives here. A visitor's request
reads two cache entries while warm and makes no query: the campaign with the
slug of its petition and whether it has a letter (under the CAMPAIGNS version,
bumped by every campaign save), and the petition's public entry (its count
and generation, petitions.cache). Together the two versions key the rendered
page (core.pagecache).

The preview picture (`campaign_preview`) is drawn once per campaign edit and
count milestone and kept in the cache; its ETag names what it shows.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache as memoize
from functools import partial
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import yaml
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse

from campaigns.models import Campaign
from campaigns.selectors import CACHE_SECONDS, CAMPAIGNS, SEEDED_SLUG
from core import preview
from core.i18n import current_language, number_text
from core.selectors import organization_get
from letters.models import LetterCampaign
from petitions.cache import PetitionPublic, petition_public
from petitions.models import Petition

PREVIEW_SECONDS = 60 * 60 * 24 * 7  # kept while nothing it shows changes
PREVIEW_WORDS = Path(__file__).resolve().parent / "data" / "share_preview.yaml"


@dataclass(frozen=True)
class CampaignEntry:
    """A campaign as its public page needs it."""

    campaign: Campaign
    petition_slug: str  # "" without a petition
    has_letter: bool


def _entries(campaigns):
    campaigns = list(campaigns)
    ids = [c.pk for c in campaigns]
    petitions = dict(
        Petition.objects.filter(campaign_id__in=ids).values_list("campaign_id", "slug")
    )
    letters = set(
        LetterCampaign.objects.filter(campaign_id__in=ids).values_list(
            "campaign_id", flat=True
        )
    )
    return [
        CampaignEntry(
            campaign=c,
            petition_slug=petitions.get(c.pk, ""),
            # The seeded campaign's letter is the standard one at /letters/.
            has_letter=c.pk in letters or c.slug == SEEDED_SLUG,
        )
        for c in campaigns
    ]


def _entry_compute(slug, staff):
    """The entry, None for a draft the viewer may not see; Campaign.DoesNotExist."""
    campaign = Campaign.objects.get(slug=slug)
    if campaign.is_draft and not staff:
        return None
    return _entries([campaign])[0]


def campaign_entry(*, slug, staff=False):
    """(CampaignEntry or None, version): the campaign the viewer may see (drafts
    for staff only). Anonymous reads come from the cache (a draft's None too,
    so its address costs no query either; an unknown slug is not kept, so
    made-up addresses cannot fill the cache); staff read the database."""
    try:
        if staff:
            return _entry_compute(slug, True), None
        return CAMPAIGNS.cached(
            f"campaigns:entry:{slug}",
            partial(_entry_compute, slug, False),
            timeout=CACHE_SECONDS,
        )
    except Campaign.DoesNotExist:
        return None, None


def campaign_entries_live():
    """([CampaignEntry], version): the live campaigns, featured first, then newest."""

    def compute():
        return _entries(Campaign.objects.live().order_by("-featured", "-created_at"))

    return CAMPAIGNS.cached("campaigns:entries-live", compute, timeout=CACHE_SECONDS)


@receiver([post_save, post_delete], sender=LetterCampaign)
@receiver([post_save, post_delete], sender=Petition)
def campaign_actions_changed(sender, **kwargs):
    """A letter or petition added to (or taken from) a campaign: the cached
    entries say which actions each campaign has, so forget them."""
    CAMPAIGNS.bump()
    transaction.on_commit(CAMPAIGNS.bump)


def campaign_petition(entry) -> PetitionPublic | None:
    """The campaign's petition with its confirmed count and generation (cached)."""
    if not entry.petition_slug:
        return None
    try:
        return petition_public(slug=entry.petition_slug)
    except Petition.DoesNotExist:
        return None


def campaign_letter_url(entry) -> str:
    """Where the campaign's letter starts: the letter flow for this campaign
    (the seeded campaign's is the standard /letters/)."""
    url = reverse("letters:start")
    if entry.campaign.slug == SEEDED_SLUG:
        return url
    return f"{url}?{urlencode({'campaign': entry.campaign.slug})}"


def campaign_share_url(campaign) -> str:
    """The campaign's address to share: no tracking parameters."""
    return f"{settings.SITE_URL}{campaign.get_absolute_url()}"


# --- preview pictures ----------------------------------------------------------


@memoize
def _preview_file() -> dict:
    return yaml.safe_load(PREVIEW_WORDS.read_text(encoding="utf-8"))


def preview_words(language=None) -> dict[str, str]:
    """The picture's words in `language` (default: the active one); the
    English top level of share_preview.yaml, or its `es:` section."""
    words = dict(_preview_file())
    spanish = words.pop("es", {})
    if (language or current_language()) == "es":
        words.update(spanish)
    return words


@dataclass(frozen=True)
class Preview:
    """A picture to draw (or fetch): what it shows and the key naming it."""

    key: str
    kicker: str
    title: str
    line: str
    footer: str

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.key.encode()).hexdigest()[:32] + '"'


def _count_line(count: int, *, closed: bool) -> tuple[str, str]:
    """(what the milestone part of the key is, the line shown)."""
    words = preview_words()
    milestone = preview.count_milestone(count)
    prefix = "closed_" if closed else "signed_"
    if milestone == 0:
        return "0", words[prefix + "few"]
    shown = number_text(milestone)
    if count > milestone:
        return f"{milestone}+", words[prefix + "more"].format(count=shown)
    return f"{milestone}", words[prefix + "exact"].format(count=shown)


def _kicker_and_footer():
    organization = organization_get()
    kicker = organization.name if organization and organization.name else ""
    return kicker or settings.SITE_NAME, urlsplit(settings.SITE_URL).netloc


def _digest(*parts) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def campaign_preview(entry) -> Preview:
    """The campaign's picture: its organization, title and the count rounded
    down to a milestone, in the active language (the Spanish title and words
    at /es/). The key changes when the campaign is edited (its updated_at),
    its count crosses a milestone, or the organization's name (or the site's
    address) changes; nothing else redraws it. Each language has its own."""
    campaign = entry.campaign
    public = campaign_petition(entry)
    if public is not None:
        mark, line = _count_line(public.count, closed=campaign.is_closed)
    elif entry.has_letter and not campaign.is_closed:
        mark, line = "letter", preview_words()["letter_only"]
    else:
        mark, line = "none", ""
    kicker, footer = _kicker_and_footer()
    key = ":".join(
        [
            "campaigns:preview",
            current_language(),
            campaign.slug,
            f"{campaign.updated_at.timestamp():.6f}",
            campaign.status,
            mark,
            _digest(kicker, footer, campaign.title_shown, line),
        ]
    )
    return Preview(
        key=key,
        kicker=kicker,
        title=campaign.title_shown,
        line=line,
        footer=footer,
    )


def site_preview() -> Preview:
    """The site's own picture (guide pages): its name and what it offers."""
    kicker, footer = _kicker_and_footer()
    line = preview_words()["site_line"]
    title = settings.SITE_NAME
    key = "site:preview:" + _digest(kicker, footer, title, line)
    return Preview(key=key, kicker=kicker, title=title, line=line, footer=footer)


def preview_png(picture: Preview) -> bytes:
    """The PNG of `picture`: from the cache, else drawn now and kept."""
    png = cache.get(picture.key)
    if png is None:
        png = preview.preview_png(
            kicker=picture.kicker if picture.kicker != picture.title else "",
            title=picture.title,
            line=picture.line,
            footer=picture.footer,
        )
        cache.set(picture.key, png, PREVIEW_SECONDS)
    return png
