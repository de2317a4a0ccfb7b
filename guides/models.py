"""Opt-out guides: one platform, its ordered steps, its sources, and reader reports.

Organizers edit everything here in the Django admin. Readers' progress never
reaches the server (it lives in their browser's localStorage); a GuideReport
holds only what the reader typed, never who they are.
"""

import datetime

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OptOutStatus(models.TextChoices):
    SETTING = "setting", _("Setting available")
    REQUEST = "request", _("Form or email request")
    PRIVATE = "private", _("Only by going private")
    NONE = "none", _("No opt-out")
    # Nothing to switch off: the platform's terms say it does not train AI on
    # what users put there (Zoom, Bluesky). It is their word, so the guide says so.
    NOT_USED = "not_used", _("Says it does not train on it")
    UNKNOWN = "unknown", pgettext_lazy("opt-out status", "Unknown")


# How each status looks: a CSS tone from site.css and a glyph shown beside the
# word (the word always carries the meaning; colour and glyph only help).
STATUS_TONES = {
    OptOutStatus.SETTING: ("ok", "✓"),
    OptOutStatus.REQUEST: ("warn", "✉"),
    OptOutStatus.PRIVATE: ("warn", "◐"),
    OptOutStatus.NONE: ("bad", "✕"),
    OptOutStatus.NOT_USED: ("ok", "✓"),
    OptOutStatus.UNKNOWN: ("unknown", "?"),
}


class Difficulty(models.TextChoices):
    EASY = "easy", pgettext_lazy("difficulty", "Easy")
    MEDIUM = "medium", pgettext_lazy("difficulty", "Medium")
    HARD = "hard", pgettext_lazy("difficulty", "Hard")
    LIMITED = "limited", pgettext_lazy("difficulty", "Limited")
    IMPOSSIBLE = "impossible", pgettext_lazy("difficulty", "Impossible")


class PlatformQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Platform(models.Model):
    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True)
    company = models.CharField(max_length=80, blank=True)
    status = models.CharField(
        "opt-out status",
        max_length=16,
        choices=OptOutStatus,
        default=OptOutStatus.UNKNOWN,
    )
    difficulty = models.CharField(max_length=16, choices=Difficulty, blank=True)
    summary = models.TextField(
        help_text="Two or three plain sentences for the card and the top of the guide."
    )
    opt_out_does = models.TextField(
        "what the opt-out does", blank=True, help_text="One point per line."
    )
    opt_out_does_not = models.TextField(
        "what it does not do", blank=True, help_text="One point per line."
    )
    region_notes = models.TextField(
        blank=True,
        help_text="Differences for the EU, UK, US states… One point per line.",
    )
    unverified_note = models.TextField(
        blank=True,
        help_text="Facts we could not confirm. Shown as a clear 'unverified' warning.",
    )
    last_verified = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="The date of the latest check (GuideCheck); set when a check is recorded.",
    )
    # Spanish (guides/content/es/<slug>.yaml, then the admin): the fields
    # people read. Name, status, steps' links, sources and the email itself are
    # shared by both languages. Empty: the Spanish page shows the English.
    summary_es = models.TextField("summary (Spanish)", blank=True)
    opt_out_does_es = models.TextField(
        "what the opt-out does (Spanish)", blank=True, help_text="One point per line."
    )
    opt_out_does_not_es = models.TextField(
        "what it does not do (Spanish)", blank=True, help_text="One point per line."
    )
    region_notes_es = models.TextField(
        "region notes (Spanish)", blank=True, help_text="One point per line."
    )
    unverified_note_es = models.TextField("unverified note (Spanish)", blank=True)
    email_note_es = models.TextField(
        "email note (Spanish)",
        blank=True,
        help_text="Says that the email itself stays in English (the company reads English).",
    )
    researched_on = models.DateField(
        "English researched on",
        null=True,
        blank=True,
        editable=False,
        help_text="The `researched:` date of guides/content/<slug>.yaml last loaded.",
    )
    es_translated_from = models.DateField(
        "Spanish follows the English of",
        null=True,
        blank=True,
        help_text="The English research date the Spanish text was translated from. "
        "Older than the English research date: the Spanish page shows the English "
        "with a note until the Spanish is updated and this date moved on.",
    )
    content_es_file_digest = models.CharField(max_length=64, blank=True, editable=False)
    content_es_db_digest = models.CharField(max_length=64, blank=True, editable=False)
    email_to = models.EmailField("email template: to", blank=True)
    email_subject = models.CharField(
        "email template: subject", max_length=200, blank=True
    )
    email_body = models.TextField("email template: body", blank=True)
    position = models.PositiveSmallIntegerField(
        default=100, help_text="Lower numbers come first on the guides page."
    )
    is_published = models.BooleanField("published", default=True)
    # What `load_content` last wrote from guides/content/<slug>.yaml: the file's
    # digest, and the digest of the guide as it stood in the database right
    # after (fields, steps, sources). A guide whose current digest differs from
    # `content_db_digest` was edited by an organizer since.
    content_file_digest = models.CharField(max_length=64, blank=True, editable=False)
    content_db_digest = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlatformQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("guides:detail", kwargs={"slug": self.slug})

    @property
    def status_tone(self):
        return STATUS_TONES.get(self.status, ("unknown", "?"))[0]

    @property
    def status_glyph(self):
        return STATUS_TONES.get(self.status, ("unknown", "?"))[1]

    @property
    def is_stale(self):
        """The latest check is older than settings.GUIDES_STALE_DAYS (or there is none)."""
        if self.last_verified is None:
            return True
        age = timezone.localdate() - self.last_verified
        return age > datetime.timedelta(days=settings.GUIDES_STALE_DAYS)

    @property
    def has_email_template(self):
        return bool(self.email_to and self.email_body)

    @staticmethod
    def _lines(text):
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def spanish_state(self):
        """ "complete", "missing" (no Spanish text) or "outdated" (translated
        from an older English research than the English now has)."""
        if not self.summary_es.strip() or self.es_translated_from is None:
            return "missing"
        if self.researched_on and self.es_translated_from < self.researched_on:
            return "outdated"
        return "complete"

    def does_lines(self):
        return self._lines(self.opt_out_does)

    def does_not_lines(self):
        return self._lines(self.opt_out_does_not)

    def region_lines(self):
        return self._lines(self.region_notes)


class AppliesTo(models.TextChoices):
    ALL = "all", pgettext_lazy("applies to", "All")
    WEB = "web", pgettext_lazy("applies to", "Website")
    APP = "app", _("iPhone and Android app")
    IOS = "ios", _("iPhone app")
    ANDROID = "android", _("Android app")


# Steps of these kinds are the phone path; the page shows them as one group.
APP_KINDS = (AppliesTo.APP, AppliesTo.IOS, AppliesTo.ANDROID)


class Step(models.Model):
    platform = models.ForeignKey(
        Platform, on_delete=models.CASCADE, related_name="steps"
    )
    order = models.PositiveSmallIntegerField(default=0, db_index=True)
    text = models.TextField()
    text_es = models.TextField("text (Spanish)", blank=True)
    deep_link = models.URLField(
        blank=True, help_text="Optional: a link that opens this setting directly."
    )
    applies_to = models.CharField(
        max_length=16, choices=AppliesTo, default=AppliesTo.ALL
    )
    is_unverified = models.BooleanField(
        "unverified",
        default=False,
        help_text="Tick when this step could not be confirmed; readers see a warning.",
    )

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.platform}: step {self.order}"


class Source(models.Model):
    platform = models.ForeignKey(
        Platform, on_delete=models.CASCADE, related_name="sources"
    )
    title = models.CharField(max_length=200)
    url = models.URLField()
    published_on = models.DateField(
        null=True, blank=True, help_text="The date printed on the source, if any."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.title


class GuideReport(models.Model):
    """A reader's note that a step no longer matches. No name, email or IP."""

    platform = models.ForeignKey(
        Platform, on_delete=models.CASCADE, related_name="reports"
    )
    step = models.ForeignKey(
        Step, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    description = models.TextField(max_length=1000)
    is_resolved = models.BooleanField("resolved", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Report on {self.platform} ({self.created_at:%Y-%m-%d})"

    def clean(self):
        if (
            self.step_id
            and self.platform_id
            and self.step.platform_id != self.platform_id
        ):
            raise ValidationError({"step": "That step belongs to another guide."})


class GuideChange(models.Model):
    """One dated line of a guide's "What changed", e.g. LinkedIn's EU default."""

    platform = models.ForeignKey(
        Platform, on_delete=models.CASCADE, related_name="changes"
    )
    date = models.DateField()
    text = models.CharField(max_length=300)
    text_es = models.CharField("text (Spanish)", max_length=300, blank=True)

    class Meta:
        ordering = ["-date", "id"]  # same day: in the file's order
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "date", "text"], name="guide_change_unique"
            )
        ]

    def __str__(self):
        return f"{self.platform} {self.date}: {self.text}"


CHECK_NOTE_REQUIRED = (
    "Write a note: what you checked, on which device or account, and what you found."
)
CHECK_NOTHING_TICKED = "Tick what you checked: the steps, the status or the sources."
CHECK_IN_THE_FUTURE = "The date of a check cannot be in the future."


class GuideCheck(models.Model):
    """A record that someone checked a guide against the platform.

    The content file's research date counts as the first check (`checked_by`
    empty, `kind` "research"); after that, staff record checks one guide at a
    time from its admin page, with a note. The guide's `last_verified` is the
    latest check's date.
    """

    class Kind(models.TextChoices):
        RESEARCH = "research", "Research for the content file"
        STAFF = "staff", "Checked by staff"

    platform = models.ForeignKey(
        Platform, on_delete=models.CASCADE, related_name="checks"
    )
    checked_on = models.DateField()
    kind = models.CharField(max_length=16, choices=Kind, default=Kind.STAFF)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    steps_checked = models.BooleanField("steps", default=False)
    status_checked = models.BooleanField("status", default=False)
    sources_checked = models.BooleanField("sources", default=False)
    note = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-checked_on", "-created_at"]
        get_latest_by = ["checked_on", "created_at"]

    def __str__(self):
        return f"{self.platform} checked {self.checked_on}"

    @property
    def what_checked(self):
        """The ticked boxes as words, e.g. "steps, sources"."""
        parts = [
            label
            for label, ticked in (
                ("steps", self.steps_checked),
                ("status", self.status_checked),
                ("sources", self.sources_checked),
            )
            if ticked
        ]
        return ", ".join(parts) or "nothing ticked"

    def clean(self):
        errors = {}
        if not (self.steps_checked or self.status_checked or self.sources_checked):
            errors[NON_FIELD_ERRORS] = CHECK_NOTHING_TICKED
        if self.checked_on and self.checked_on > timezone.localdate():
            errors["checked_on"] = CHECK_IN_THE_FUTURE
        if errors:
            raise ValidationError(errors)


class LinkCheckRun(models.Model):
    """One run of `manage.py check_guide_links` (weekly from beat)."""

    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    links = models.PositiveIntegerField(default=0)
    dead = models.PositiveIntegerField(default=0)
    moved = models.PositiveIntegerField(default=0)
    slow = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"

    def __str__(self):
        return f"Link check {self.started_at:%Y-%m-%d %H:%M}"


class LinkCheckResult(models.Model):
    """What one link of one guide answered in a run (only problems are kept)."""

    class Outcome(models.TextChoices):
        DEAD = "dead", "Dead"
        MOVED = "moved", "Moved"
        SLOW = "slow", "Slow"

    run = models.ForeignKey(
        LinkCheckRun, on_delete=models.CASCADE, related_name="results"
    )
    platform = models.ForeignKey(
        Platform, on_delete=models.CASCADE, related_name="link_results"
    )
    url = models.URLField(max_length=500)
    outcome = models.CharField(max_length=8, choices=Outcome)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.URLField(max_length=500, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["platform__name", "url"]

    def __str__(self):
        return f"{self.url}: {self.outcome}"
