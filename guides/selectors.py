"""Reads for the guide pages, cached until an organizer edits a guide.

Cached values are plain model instances with their steps and sources already
attached as lists, so a cache hit costs no queries and a miss costs three.
"""

import datetime
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import F, Prefetch, Q

from .cache import TIMEOUT, guides_cache_key
from .models import GuideReport, Platform, Step


@dataclass
class Guide:
    platform: Platform
    steps: list = field(default_factory=list)
    sources: list = field(default_factory=list)

    @property
    def step_ids(self):
        return [step.pk for step in self.steps]

    @property
    def search_text(self):
        p = self.platform
        return " ".join([p.name, p.company, p.summary, p.get_status_display()]).lower()


def _guides_query(queryset):
    return queryset.prefetch_related(
        Prefetch("steps", queryset=Step.objects.order_by("order", "id")),
        "sources",
    )


def _to_guide(platform):
    return Guide(
        platform=platform,
        steps=list(platform.steps.all()),
        sources=list(platform.sources.all()),
    )


def guide_list():
    """Every published guide, in organizer order (cached)."""
    key = guides_cache_key("list")
    guides = cache.get(key)
    if guides is None:
        guides = [_to_guide(p) for p in _guides_query(Platform.objects.published())]
        cache.set(key, guides, TIMEOUT)
    return guides


def guide_list_filter(*, guides, query="", status=""):
    """The guides matching a search text and a status, for the no-JS form."""
    words = query.lower().split()
    return [
        guide
        for guide in guides
        if (not status or guide.platform.status == status)
        and all(word in guide.search_text for word in words)
    ]


def guide_get(*, slug, include_unpublished=False):
    """One guide by slug, or None. Published guides are cached; previews are not."""
    key = guides_cache_key(f"detail:{slug}")
    guide = cache.get(key)
    if guide is not None:
        return guide
    platform = _guides_query(Platform.objects.filter(slug=slug)).first()
    if platform is None:
        return None
    if platform.is_published:
        guide = _to_guide(platform)
        cache.set(key, guide, TIMEOUT)
        return guide
    return _to_guide(platform) if include_unpublished else None


def guide_reports_waiting_count():
    """How many reader reports are not resolved yet (all guides)."""
    return GuideReport.objects.filter(is_resolved=False).count()


def guides_needing_verification(*, today, days=90):
    """Guides (published or not) not verified in the last `days` days, or never:
    never-verified first, then the oldest check first. A guide verified exactly
    `days` days ago is still current."""
    cutoff = today - datetime.timedelta(days=days)
    return list(
        Platform.objects.filter(
            Q(last_verified__isnull=True) | Q(last_verified__lt=cutoff)
        )
        .only("pk", "name", "slug", "last_verified", "is_published")
        .order_by(F("last_verified").asc(nulls_first=True), "name")
    )


# --- link checks (manage.py check_guide_links) --------------------------------


def link_check_latest():
    """The latest finished link-check run with its dead links (guide attached)
    as `run.dead_results`, or None when no run has finished. Two queries."""
    from .models import LinkCheckResult, LinkCheckRun

    run = LinkCheckRun.objects.exclude(finished_at=None).order_by("-started_at").first()
    if run is None:
        return None
    run.dead_results = list(
        run.results.filter(outcome=LinkCheckResult.Outcome.DEAD)
        .select_related("platform")
        .order_by("platform__name", "url")
    )
    return run
