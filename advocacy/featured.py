"""What the home page and /act/ send people to: the featured campaign's petition.

`campaigns.selectors.campaign_featured()` names the campaign (the featured
live one, else the seeded one, else the newest live one). Its petition is the
one to sign when it takes signatures. A featured campaign without a petition
has nothing to sign: /act/'s sign step says so and offers the next step. Only
when no campaign has a petition at all (or no campaign is live) does the
choice fall back to petitions.selectors.petition_featured(), as before
campaigns. Its letter, likewise: the standard letter at /letters/ for the
seeded campaign (and any campaign without a letter of its own),
/letters/campaign/<slug>/ for a campaign with its own letter.
"""

from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

from campaigns.models import Campaign
from campaigns.selectors import (
    CAMPAIGNS,
    SEEDED_SLUG,
    campaign_featured,
    campaigns_live,
)
from letters.models import LetterCampaign
from petitions.models import Petition
from petitions.selectors import petition_featured, petition_in_language


@dataclass(frozen=True)
class Featured:
    campaign: Campaign | None
    petition: Petition | None  # takes signatures now
    campaign_url: str  # the campaign's own page, "" until it exists

    @cached_property
    def letter_campaign(self) -> str:
        """The slug a letter is written for: the featured campaign's when it
        has a letter of its own, else "" (the standard letter at /letters/, as
        for the seeded campaign; the campaign page follows the same rule)."""
        if self.campaign is None or self.campaign.slug == SEEDED_SLUG:
            return ""
        if not LetterCampaign.objects.filter(campaign=self.campaign).exists():
            return ""
        return self.campaign.slug

    @property
    def letter_url(self) -> str:
        """Where "Write your legislator" goes: the featured campaign's letter
        (/letters/campaign/<slug>/, part B's), else /letters/."""
        slug = self.letter_campaign
        if not slug:
            return reverse("letters:start")
        try:
            return reverse("letters:campaign-start", kwargs={"slug": slug})
        except NoReverseMatch:
            return reverse("letters:start") + "?" + urlencode({"campaign": slug})

    @property
    def petition_shown(self):
        """The petition as the page's language shows it (petitions'
        petition_in_language: a display copy with its Spanish on /es/)."""
        return petition_in_language(self.petition)

    @cached_property
    def no_petition(self) -> bool:
        """The featured campaign has no petition at all (not merely a closed one)."""
        return (
            self.campaign is not None
            and self.petition is None
            and not (Petition.objects.filter(campaign=self.campaign).exists())
        )


def campaign_url(campaign) -> str:
    """/campaigns/<slug>/, or "" while that page is not built (part C)."""
    try:
        return campaign.get_absolute_url()
    except NoReverseMatch:
        return ""


# The home page asks on every view; campaign and petition edits bump the
# CAMPAIGNS version (campaigns.signals, advocacy.campaign_selectors), and a
# petition's end date passing shows within this many seconds.
FEATURED_SECONDS = 60


def featured_action() -> Featured:
    """The featured campaign and its petition open for signatures, with what
    the pages ask of it (whether it has a letter, a petition) worked out
    once: cached under the CAMPAIGNS version, so a warm home page costs one
    cache read and no query."""
    value, _version = CAMPAIGNS.cached(
        "campaigns:featured-action", _featured_compute, timeout=FEATURED_SECONDS
    )
    return value


def _featured_compute() -> Featured:
    featured = _featured_find()
    # The lazy answers, now, so the cached copy carries them.
    featured.letter_campaign  # noqa: B018
    featured.no_petition  # noqa: B018
    return featured


def _featured_find() -> Featured:
    campaign = campaign_featured()
    if campaign is None:
        return Featured(None, petition_featured(), "")
    petition = (
        Petition.objects.open()
        .filter(campaign=campaign)
        .select_related("campaign")
        .first()
    )
    if (
        petition is None
        and not Petition.objects.filter(campaign__isnull=False).exists()
    ):
        petition = petition_featured()  # no campaign has a petition: as before
    return Featured(campaign, petition, campaign_url(campaign))


@dataclass(frozen=True)
class CampaignLink:
    campaign: Campaign
    url: str  # the campaign's page, else its petition's, else ""
    petition_url: str


def campaign_links() -> list[CampaignLink]:
    """The live campaigns with where to send people for each (for /about/)."""
    campaigns = campaigns_live()
    petitions = {
        p.campaign_id: p
        for p in Petition.objects.public().filter(campaign__in=campaigns)
    }
    links = []
    for campaign in campaigns:
        petition = petitions.get(campaign.pk)
        petition_url = petition.get_absolute_url() if petition else ""
        links.append(
            CampaignLink(
                campaign=campaign,
                url=campaign_url(campaign) or petition_url,
                petition_url=petition_url,
            )
        )
    return links
