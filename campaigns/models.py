"""Campaigns: what an organization asks people to do, and where they came from.

A campaign has a status (draft, live, closed), an optional "featured" flag
(the home page and /act/ follow it) and a target: state legislators (both
chambers or one), or another office the organizer names, with a postal
address (a governor, a company's privacy office).

Its actions live in their own apps and point here: a petition
(`petitions.Petition.campaign`) and/or a letter (`letters.LetterCampaign`).
This app knows neither of them.

Source codes (`?source=newsletter-may`) are registered by organizers; links
carrying an unknown or malformed code count as having no source.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse

from core.i18n import current_language
from core.validators import PlainTextValidator

SOURCE_CODE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


class CampaignQuerySet(models.QuerySet):
    def live(self):
        return self.filter(status=Campaign.Status.LIVE)

    def public(self):
        """Live and closed campaigns: what the public may see."""
        return self.exclude(status=Campaign.Status.DRAFT)


class Campaign(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (only staff can see it)"
        LIVE = "live", "Live"
        CLOSED = "closed", "Closed (read-only, with its final count)"

    class Target(models.TextChoices):
        LEGISLATURE = "legislature", "State legislators, both chambers"
        UPPER = "upper", "State senators only"
        LOWER = "lower", "State representatives only (House, Assembly or Delegates)"
        CUSTOM = "custom", "Another office (named below)"

    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="Its address: /campaigns/<slug>/. Do not change it once shared.",
    )
    title = models.CharField(
        max_length=200, validators=[PlainTextValidator("the title")]
    )
    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One or two sentences: shown in lists and in link previews.",
    )
    # Spanish (/es/campaigns/...): empty shows the English with a note.
    title_es = models.CharField(
        "title (Spanish)",
        max_length=200,
        blank=True,
        validators=[PlainTextValidator("the Spanish title")],
        help_text="Shown at /es/campaigns/. Empty: the Spanish page shows the "
        "English title with a note.",
    )
    summary_es = models.CharField(
        "summary (Spanish)",
        max_length=300,
        blank=True,
        help_text="Empty: the Spanish page shows the English summary.",
    )
    status = models.CharField(
        max_length=10, choices=Status, default=Status.DRAFT, db_index=True
    )
    featured = models.BooleanField(
        default=False,
        help_text="The home page and the take-action journey send people to "
        "the featured campaign. Only one campaign is featured at a time.",
    )
    target = models.CharField(max_length=12, choices=Target, default=Target.LEGISLATURE)
    target_name = models.CharField(
        "office name",
        max_length=200,
        blank=True,
        help_text="For another office: who it is, e.g. “Office of the Governor of "
        "Virginia” or “Privacy Office, Example Corp.”.",
    )
    target_salutation = models.CharField(
        max_length=200,
        blank=True,
        help_text="For another office: how letters open, e.g. “Dear Governor "
        "Spanberger”. Empty: “Dear Sir or Madam”.",
    )
    target_address = models.TextField(
        "office postal address",
        blank=True,
        help_text="For another office: as it goes on an envelope, one line per line.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-featured", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["featured"],
                condition=Q(featured=True),
                name="campaigns_one_featured",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.featured:
                # Featuring one campaign un-features the others.
                Campaign.objects.filter(featured=True).exclude(pk=self.pk).update(
                    featured=False
                )
            super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("campaigns:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.target == self.Target.CUSTOM:
            errors = {}
            if not self.target_name.strip():
                errors["target_name"] = "Name the office this campaign is addressed to."
            if len(self.target_address_lines) < 2:
                errors["target_address"] = (
                    "Give the office's full postal address (at least two lines)."
                )
            if errors:
                raise ValidationError(errors)
        if self.featured and self.status != self.Status.LIVE:
            raise ValidationError({"featured": "Only a live campaign can be featured."})

    @property
    def spanish_missing(self) -> list[str]:
        """The texts with no Spanish yet ("title", "summary")."""
        missing = []
        if not self.title_es.strip():
            missing.append("title")
        if self.summary.strip() and not self.summary_es.strip():
            missing.append("summary")
        return missing

    def _in_language(self, name):
        if current_language() == "es":
            return getattr(self, f"{name}_es").strip() or getattr(self, name)
        return getattr(self, name)

    @property
    def title_shown(self) -> str:
        """The title in the active language (the English when no Spanish)."""
        return self._in_language("title")

    @property
    def summary_shown(self) -> str:
        """The summary in the active language (the English when no Spanish)."""
        return self._in_language("summary")

    @property
    def shows_english(self) -> bool:
        """A Spanish page showing some of this campaign's texts in English."""
        return current_language() == "es" and bool(self.spanish_missing)

    @property
    def is_live(self):
        return self.status == self.Status.LIVE

    @property
    def is_closed(self):
        return self.status == self.Status.CLOSED

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def targets_legislators(self):
        return self.target != self.Target.CUSTOM

    @property
    def target_chambers(self) -> tuple[str, ...]:
        """The Open States chambers a legislator target covers ("upper",
        "lower"; unicameral "legislature" is always included); () for a
        custom target."""
        if self.target == self.Target.CUSTOM:
            return ()
        if self.target == self.Target.UPPER:
            return ("upper", "legislature")
        if self.target == self.Target.LOWER:
            return ("lower", "legislature")
        return ("upper", "lower", "legislature")

    @property
    def target_address_lines(self) -> list[str]:
        return [
            line.strip() for line in self.target_address.splitlines() if line.strip()
        ]


class SourceCode(models.Model):
    """Where people came from: `?source=<code>` on any campaign link.

    Only registered codes are kept with a signature or letter count, so a
    typo or an invented code cannot fill the reports (or carry anything
    personal in a link)."""

    code = models.CharField(
        max_length=40,
        unique=True,
        help_text="Lower-case letters, digits, - and _; e.g. “newsletter-dec” or "
        "“partner-privacy-now”. Links use ?source=<code>.",
    )
    name = models.CharField(
        max_length=200, help_text="Who or what it is, for the dashboard."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} ({self.name})"

    def clean(self):
        self.code = (self.code or "").strip().lower()
        if not SOURCE_CODE_RE.match(self.code):
            raise ValidationError(
                {
                    "code": "Use 1–40 lower-case letters, digits, - or _, "
                    "starting with a letter or digit."
                }
            )
