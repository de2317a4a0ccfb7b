"""Opt-out guides: one platform, its ordered steps, its sources, and reader reports.

Organizers edit everything here in the Django admin. Readers' progress never
reaches the server (it lives in their browser's localStorage); a GuideReport
holds only what the reader typed, never who they are.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

# A guide older than this gets a "may be out of date" note on its page.
STALE_AFTER = datetime.timedelta(days=180)


class OptOutStatus(models.TextChoices):
    SETTING = "setting", "Setting available"
    REQUEST = "request", "Form or email request"
    PRIVATE = "private", "Only by going private"
    NONE = "none", "No opt-out"
    UNKNOWN = "unknown", "Unknown"


# How each status looks: a CSS tone from site.css and a glyph shown beside the
# word (the word always carries the meaning; colour and glyph only help).
STATUS_TONES = {
    OptOutStatus.SETTING: ("ok", "✓"),
    OptOutStatus.REQUEST: ("warn", "✉"),
    OptOutStatus.PRIVATE: ("warn", "◐"),
    OptOutStatus.NONE: ("bad", "✕"),
    OptOutStatus.UNKNOWN: ("unknown", "?"),
}


class Difficulty(models.TextChoices):
    EASY = "easy", "Easy"
    MEDIUM = "medium", "Medium"
    HARD = "hard", "Hard"
    LIMITED = "limited", "Limited"
    IMPOSSIBLE = "impossible", "Impossible"


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
    last_verified = models.DateField(null=True, blank=True)
    email_to = models.EmailField("email template: to", blank=True)
    email_subject = models.CharField(
        "email template: subject", max_length=200, blank=True
    )
    email_body = models.TextField("email template: body", blank=True)
    position = models.PositiveSmallIntegerField(
        default=100, help_text="Lower numbers come first on the guides page."
    )
    is_published = models.BooleanField("published", default=True)
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
        if self.last_verified is None:
            return True
        return timezone.localdate() - self.last_verified > STALE_AFTER

    @property
    def has_email_template(self):
        return bool(self.email_to and self.email_body)

    @staticmethod
    def _lines(text):
        return [line.strip() for line in text.splitlines() if line.strip()]

    def does_lines(self):
        return self._lines(self.opt_out_does)

    def does_not_lines(self):
        return self._lines(self.opt_out_does_not)

    def region_lines(self):
        return self._lines(self.region_notes)


class AppliesTo(models.TextChoices):
    ALL = "all", "All"
    WEB = "web", "Web"
    IOS = "ios", "iPhone app"
    ANDROID = "android", "Android app"


class Step(models.Model):
    platform = models.ForeignKey(
        Platform, on_delete=models.CASCADE, related_name="steps"
    )
    order = models.PositiveSmallIntegerField(default=0, db_index=True)
    text = models.TextField()
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
