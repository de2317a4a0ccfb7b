"""Reads for the guide pages, cached until an organizer edits a guide.

Cached values are plain model instances with their steps and sources already
attached as lists, so a cache hit costs no queries and a miss costs three.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, F, Prefetch, Q

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


def guides_by_check_age():
    """Every published guide, the longest unchecked first (never-checked first,
    then by name), each with `open_report_count`: its unresolved reader reports.

    `last_verified` is the date of the guide's latest check. One query however
    many guides there are.
    """
    return list(
        Platform.objects.published()
        .annotate(
            open_report_count=Count("reports", filter=Q(reports__is_resolved=False))
        )
        .only("pk", "name", "slug", "last_verified", "is_published")
        .order_by(F("last_verified").asc(nulls_first=True), "name")
    )
