"""Reads for campaigns: the public ones, the featured one, registered sources.

Campaign rows are few and read on every campaign page, so the public lookups
are cached under one version (CAMPAIGNS) that every save or delete bumps
(campaigns.signals).
"""

from core.versioning import CacheVersion

from .models import SOURCE_CODE_RE, Campaign, SourceCode

CAMPAIGNS = CacheVersion("campaigns")
CACHE_SECONDS = 300

# The campaign seeded by `load_content` (campaigns/content.py): the site's
# first campaign. Its petition keeps the address /petitions/state-privacy-law/
# and its letter is the standard one at /letters/ (letters.LetterTemplate).
SEEDED_SLUG = "state-privacy-law"


def campaign_get(*, slug, staff=False):
    """The campaign with this slug that the viewer may see (drafts only for
    staff), or None."""
    campaign = Campaign.objects.filter(slug=slug).first()
    if campaign is None or (campaign.is_draft and not staff):
        return None
    return campaign


def campaigns_live():
    """Live campaigns, the featured one first, then the newest."""
    return list(Campaign.objects.live().order_by("-featured", "-created_at"))


def campaign_featured():
    """The featured live campaign, else the seeded one while live, else the
    newest live one, else None."""
    live = Campaign.objects.live()
    return (
        live.filter(featured=True).first()
        or live.filter(slug=SEEDED_SLUG).first()
        or live.order_by("-created_at").first()
    )


def campaign_seeded():
    """The seeded campaign (whatever its status), or None before load_content."""
    return Campaign.objects.filter(slug=SEEDED_SLUG).first()


def source_codes_known() -> frozenset[str]:
    """Every registered source code (cached; a save or delete forgets it)."""
    key = CAMPAIGNS.key("source-codes")
    from django.core.cache import cache

    codes = cache.get(key)
    if codes is None:
        codes = frozenset(SourceCode.objects.values_list("code", flat=True))
        cache.set(key, codes, CACHE_SECONDS)
    return codes


def source_clean(raw) -> str:
    """`raw` (from ?source= or a hidden field) if it is a registered source
    code, else "": unknown and malformed codes are dropped, never stored."""
    code = (raw or "").strip().lower()[:41]
    if not code or not SOURCE_CODE_RE.match(code):
        return ""
    return code if code in source_codes_known() else ""


def source_names() -> dict[str, str]:
    """{code: name} of every registered source code (one query), for reports."""
    return dict(SourceCode.objects.values_list("code", "name"))
