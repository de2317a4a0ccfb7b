"""Reads for the guide pages, cached until an organizer edits a guide.

Cached values are plain model instances with their steps and sources (and, for
one guide's page, its "What changed" entries) already attached as lists, so a
cache hit costs no queries and a miss costs a fixed few: three for the list,
four for a guide page, however many steps, sources or changes there are.
"""

import copy
import datetime
from dataclasses import dataclass, field, replace

from django.core.cache import cache
from django.db.models import Count, F, Prefetch, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.i18n import current_language

from .cache import TIMEOUT, guides_cache_key
from .models import APP_KINDS, AppliesTo, GuideChange, GuideReport, Platform, Step


@dataclass
class StepItem:
    """One step as one group shows it: its number there and its tag, if any."""

    step: Step
    number: int
    tag: str = ""
    kind: str = ""  # the group's: "app", "web" or ""

    @property
    def done_label(self):
        """The tick box's label: "Mark app step 2 done"."""
        if self.kind == "app":
            return _("Mark app step %(number)s done") % {"number": self.number}
        if self.kind == "web":
            return _("Mark website step %(number)s done") % {"number": self.number}
        return _("Mark step %(number)s done") % {"number": self.number}


@dataclass
class StepGroup:
    """The steps of one path ("app" or "web"), or of the only list ("")."""

    kind: str
    title: str
    items: list

    @property
    def id_prefix(self):
        # Split guides show shared steps twice: ids must differ per group.
        return f"{self.kind}-" if self.kind else ""

    def step_label(self, number):
        """ "App step 2", "Website step 1", "Step 3": how the page names a step."""
        if self.kind == "app":
            return _("App step %(number)s") % {"number": number}
        if self.kind == "web":
            return _("Website step %(number)s") % {"number": number}
        return _("Step %(number)s") % {"number": number}


APP_GROUP_TITLE = _("In the app (iPhone and Android)")
WEB_GROUP_TITLE = _("On the website")
# Tags inside the app group: the group already says "app".
APP_GROUP_TAGS = {
    AppliesTo.IOS: pgettext_lazy("step tag", "iPhone only"),
    AppliesTo.ANDROID: pgettext_lazy("step tag", "Android only"),
}


def step_groups(steps):
    """The steps grouped by where the reader follows them.

    A guide with app steps (app, iPhone, Android) *and* website steps gets two
    groups, the app group first (the phone path; wide screens show the website
    group first with CSS); steps for any device (`all`) appear in both groups,
    in their place in the order, so each group reads as a whole path. Any other
    guide gets one list, each step tagged with where it applies (as before).
    """
    steps = list(steps)
    app = [s for s in steps if s.applies_to in APP_KINDS]
    web = [s for s in steps if s.applies_to == AppliesTo.WEB]
    if not (app and web):
        return [
            StepGroup(
                kind="",
                title="",
                items=[
                    StepItem(
                        step,
                        number,
                        ""
                        if step.applies_to == AppliesTo.ALL
                        else step.get_applies_to_display(),
                    )
                    for number, step in enumerate(steps, start=1)
                ],
            )
        ]
    app_path = (*APP_KINDS, AppliesTo.ALL)
    app_steps = [s for s in steps if s.applies_to in app_path]
    web_steps = [s for s in steps if s.applies_to in (AppliesTo.WEB, AppliesTo.ALL)]
    return [
        StepGroup(
            kind="app",
            title=APP_GROUP_TITLE,
            items=[
                StepItem(step, number, APP_GROUP_TAGS.get(step.applies_to, ""), "app")
                for number, step in enumerate(app_steps, start=1)
            ],
        ),
        StepGroup(
            kind="web",
            title=WEB_GROUP_TITLE,
            items=[
                StepItem(step, number, kind="web")
                for number, step in enumerate(web_steps, start=1)
            ],
        ),
    ]


def step_report_labels(groups):
    """{step pk: "App step 2, website step 1"}: where the report form's choices
    point, in the numbers the page shows (each step once)."""
    places = {}
    for group in groups:
        for item in group.items:
            places.setdefault(item.step.pk, []).append(group.step_label(item.number))
    return {
        pk: ", ".join([where[0], *(place.lower() for place in where[1:])])
        for pk, where in places.items()
    }


@dataclass
class Guide:
    platform: Platform
    steps: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    # "What changed", newest first. Loaded for one guide's page (guide_get);
    # None in guide_list, which does not show them.
    changes: list | None = None
    # On a Spanish page: "" (the Spanish text), "missing" (no Spanish yet) or
    # "outdated" (the English changed since): then the English is shown.
    fallback: str = ""

    @property
    def step_ids(self):
        return [step.pk for step in self.steps]

    @property
    def step_groups(self):
        return step_groups(self.steps)

    @property
    def is_split(self):
        return len(self.step_groups) > 1

    @property
    def search_text(self):
        p = self.platform
        return " ".join([p.name, p.company, p.summary, p.get_status_display()]).lower()


def _guides_query(queryset):
    return queryset.prefetch_related(
        Prefetch("steps", queryset=Step.objects.order_by("order", "id")),
        "sources",
    )


def _to_guide(platform, *, with_changes=False):
    return Guide(
        platform=platform,
        steps=list(platform.steps.all()),
        sources=list(platform.sources.all()),
        changes=list(platform.changes.all()) if with_changes else None,
    )


# Platform field -> its Spanish field (guides/content/es/<slug>.yaml).
SPANISH_FIELDS = {
    "summary": "summary_es",
    "opt_out_does": "opt_out_does_es",
    "opt_out_does_not": "opt_out_does_not_es",
    "region_notes": "region_notes_es",
    "unverified_note": "unverified_note_es",
}


def _spanish_copy(row, fields):
    row = copy.copy(row)
    for name, spanish in fields.items():
        setattr(row, name, getattr(row, spanish))
    return row


def guide_in_language(guide, language=None):
    """The guide as a page in `language` (default: the active one) shows it.

    In Spanish: copies of the platform, steps and "What changed" lines with
    the Spanish text in the fields the templates read (the cached guide is
    not touched). A guide whose Spanish is missing or out of date
    (`Platform.spanish_state`) stays English, with `fallback` saying why.
    """
    language = language or current_language()
    if language != "es":
        return guide
    state = guide.platform.spanish_state
    if state != "complete":
        return replace(guide, fallback=state)
    return replace(
        guide,
        platform=_spanish_copy(guide.platform, SPANISH_FIELDS),
        steps=[
            _spanish_copy(step, {"text": "text_es"}) if step.text_es else step
            for step in guide.steps
        ],
        changes=None
        if guide.changes is None
        else [
            _spanish_copy(change, {"text": "text_es"}) if change.text_es else change
            for change in guide.changes
        ],
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
    platform = (
        _guides_query(Platform.objects.filter(slug=slug))
        .prefetch_related(
            Prefetch("changes", queryset=GuideChange.objects.order_by("-date", "-id"))
        )
        .first()
    )
    if platform is None:
        return None
    if platform.is_published:
        guide = _to_guide(platform, with_changes=True)
        cache.set(key, guide, TIMEOUT)
        return guide
    return _to_guide(platform, with_changes=True) if include_unpublished else None


@dataclass(frozen=True)
class LatestChange:
    """One "What changed" entry for the home page, with its guide's name and URL."""

    date: datetime.date
    text: str
    platform_name: str
    url: str
    text_es: str = ""

    @property
    def text_shown(self) -> str:
        """The Spanish line on a Spanish page when there is one."""
        if self.text_es and translation.get_language() == "es":
            return self.text_es
        return self.text


def guide_changes_latest(*, limit=3):
    """The newest "What changed" entries across published guides (cached, one query).

    One entry per guide and day, so a day on which many guides changed shows
    three guides, not three lines of one. Entries of the same day come in the guides'
    own order (the most-used platforms first), each guide's first line of that day.
    """
    key = guides_cache_key(f"changes-latest:{limit}")
    latest = cache.get(key)
    if latest is None:
        rows = (
            GuideChange.objects.filter(platform__is_published=True)
            .select_related("platform")
            .only("date", "text", "text_es", "platform__name", "platform__slug")
            .order_by("-date", "platform__position", "platform__name", "id")[
                : limit * 20
            ]
        )
        latest, seen = [], set()
        for row in rows:
            if (row.platform_id, row.date) in seen:
                continue
            seen.add((row.platform_id, row.date))
            latest.append(
                LatestChange(
                    date=row.date,
                    text=row.text,
                    text_es=row.text_es,
                    platform_name=row.platform.name,
                    url=row.platform.get_absolute_url(),
                )
            )
            if len(latest) == limit:
                break
        cache.set(key, latest, TIMEOUT)
    return latest


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
        .only(
            "pk",
            "name",
            "slug",
            "last_verified",
            "is_published",
            "position",
            # Platform.spanish_state, for the dashboard's Spanish to-do list.
            "summary_es",
            "researched_on",
            "es_translated_from",
        )
        .order_by(F("last_verified").asc(nulls_first=True), "name")
    )


def guides_spanish_to_do(platforms=None):
    """Published guides whose Spanish is missing or out of date
    (`Platform.spanish_state`), in the guides page's order. `platforms`: the
    published guides already read (guides_by_check_age), else one query."""
    if platforms is None:
        platforms = guides_by_check_age()
    return sorted(
        (platform for platform in platforms if platform.spanish_state != "complete"),
        key=lambda platform: (platform.position, platform.name),
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
