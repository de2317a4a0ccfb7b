"""Petitions and their signatures.

A signature holds only what a petition delivery needs (name, ZIP, state, an
optional comment) plus the email used to confirm it. No IP address is stored,
not even hashed: rate limits live in the cache and expire.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from core.validators import PlainTextValidator
from states.us import STATE_CHOICES


class PetitionQuerySet(models.QuerySet):
    def open(self):
        """Petitions accepting signatures now (open and not past their end date)."""
        now = timezone.now()
        return (
            self.filter(is_open=True)
            .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
            .filter(Q(campaign__isnull=True) | Q(campaign__status="live"))
        )

    def public(self):
        """Petitions the public may see: not part of a draft campaign."""
        return self.exclude(campaign__status="draft")


class Petition(models.Model):
    # The campaign this petition is the action of (campaigns.Campaign): its
    # status (draft, live, closed) decides who sees the petition. A petition
    # without one behaves as before campaigns existed.
    campaign = models.OneToOneField(
        "campaigns.Campaign",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="petition",
    )
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One or two sentences shown under the title and in share links.",
    )
    text = models.TextField(
        help_text="The ask, in plain text. Leave a blank line between paragraphs."
    )
    target = models.CharField(
        "addressed to",
        max_length=200,
        help_text="Who the petition is addressed to, e.g. “State legislators”.",
    )
    # The Spanish (/es/) text of the petition; empty: the Spanish page shows
    # the English with a note (petition_in_language). Goal, dates and flags
    # are shared by both languages.
    title_es = models.CharField("title (Spanish)", max_length=200, blank=True)
    summary_es = models.CharField("summary (Spanish)", max_length=300, blank=True)
    text_es = models.TextField("text (Spanish)", blank=True)
    target_es = models.CharField("addressed to (Spanish)", max_length=200, blank=True)
    goal = models.PositiveIntegerField(default=1000)
    is_open = models.BooleanField("open for signatures", default=True)
    ends_at = models.DateTimeField(
        "end date",
        null=True,
        blank=True,
        help_text="Optional: closes automatically then.",
    )
    requires_confirmation = models.BooleanField(
        default=True,
        help_text="Signatures count only after the signer clicks the button in the "
        "confirmation email (recommended).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PetitionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("petitions:detail", kwargs={"slug": self.slug})

    @property
    def accepts_signatures(self):
        """Open, the end date (if any) has not passed, and its campaign (if
        any) is live: a closed campaign's petition is read-only."""
        return (
            self.is_open
            and (self.ends_at is None or self.ends_at > timezone.now())
            and (self.campaign_id is None or self.campaign.status == "live")
        )

    @property
    def is_draft(self):
        """Part of a draft campaign: only staff may see it."""
        return self.campaign_id is not None and self.campaign.status == "draft"

    def paragraphs(self):
        return [
            p.strip()
            for p in self.text.replace("\r\n", "\n").split("\n\n")
            if p.strip()
        ]

    @property
    def has_spanish(self):
        """The Spanish page can show this petition's own Spanish text."""
        return bool(self.title_es.strip() and self.text_es.strip())


def signature_public_id():
    """A random id for a signature's links (22 URL-safe characters).

    Confirm and withdraw links carry this instead of the sequential primary
    key, so a link tells nothing about how many people signed. Never all
    digits: links emailed before this id existed carry the primary key, and
    petitions.tokens tells the two apart by that.
    """
    while True:
        value = secrets.token_urlsafe(16)
        if not value.isdigit():
            return value


class SignatureQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self):
        return self.filter(confirmed_at__isnull=True)


class Signature(models.Model):
    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="signatures"
    )
    # The id in confirm and withdraw links (never the sequential primary key).
    public_id = models.CharField(
        max_length=32, unique=True, default=signature_public_id, editable=False
    )
    first_name = models.CharField(
        max_length=100, validators=[PlainTextValidator("your first name")]
    )
    last_name = models.CharField(
        max_length=100, validators=[PlainTextValidator("your last name")]
    )
    # Stored lower-cased; the unique constraint below also compares lower().
    email = models.EmailField(max_length=254)
    zip_code = models.CharField("ZIP code", max_length=10)
    # Printed in the delivery packets with the name, ZIP and comment.
    city = models.CharField(
        max_length=100, blank=True, validators=[PlainTextValidator("your city")]
    )
    state = models.CharField(max_length=2, choices=STATE_CHOICES)
    comment = models.TextField(max_length=1000, blank=True)
    list_publicly = models.BooleanField("list name publicly", default=False)
    may_contact = models.BooleanField("organizers may email", default=False)
    # Where the signer came from: a registered campaigns.SourceCode, or "".
    source = models.CharField(max_length=40, blank=True, default="")
    # The language the person signed in ("en" or "es"): their emails and the
    # pages their links open are in it.
    language = models.CharField(max_length=8, default="en")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # First and latest confirmation email actually handed to the mail server.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    last_confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "petition",
                Lower("email"),
                name="petitions_signature_unique_email",
            ),
        ]
        indexes = [
            models.Index(
                fields=["petition", "confirmed_at"], name="petitions_sig_confirmed"
            ),
        ]
        permissions = [("export_signatures", "Can see and export signer data")]

    def __str__(self):
        return f"{self.first_name} {self.last_name[:1]}. ({self.state})"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @property
    def public_name(self):
        """First name and last initial: all the public page ever shows."""
        initial = self.last_name.strip()[:1].upper()
        return (
            f"{self.first_name.strip()} {initial}."
            if initial
            else self.first_name.strip()
        )


class DeliveryBuild(models.Model):
    """One run of "Build delivery packets" for a petition: its state, progress
    and, once done, the name of the ZIP file in private storage
    (settings.DELIVERY_ROOT). At most one build per petition may be pending or
    running at a time; the database enforces it."""

    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    STATUS_CHOICES = [
        (PENDING, "Waiting for the worker"),
        (RUNNING, "Building"),
        (DONE, "Ready"),
        (FAILED, "Failed"),
    ]
    ACTIVE = (PENDING, RUNNING)

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="delivery_builds"
    )
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=PENDING)
    # Signers written so far, of progress_total (counted when the build starts).
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    states_done = models.PositiveSmallIntegerField(default=0)
    states_total = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    # Touched with every progress report: a build not heard from in a while is stale.
    updated_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["petition"],
                condition=Q(status__in=["pending", "running"]),
                name="petitions_delivery_one_active_build",
            ),
        ]

    def __str__(self):
        return f"Delivery packets for {self.petition} ({self.status})"

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    @property
    def percent(self):
        if self.status == self.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)


class CampaignUpdate(models.Model):
    """An email organizers write on a campaign for its signers who agreed to
    hear more (petitions.updates). Sent once: draft, then sending, then sent
    (or failed). The recipients are frozen into UpdateRecipient rows when the
    sending starts; each row is mailed at most once."""

    DRAFT = "draft"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    STATUS_CHOICES = [
        (DRAFT, "Draft"),
        (SENDING, "Sending"),
        (SENT, "Sent"),
        (FAILED, "Failed"),
    ]

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="updates"
    )
    subject = models.CharField(
        max_length=150, validators=[PlainTextValidator("the subject")]
    )
    body = models.TextField(
        help_text="Plain text. Leave a blank line between paragraphs. Links are "
        "written out in full (https://…)."
    )
    # Optional Spanish version: signers who signed in Spanish get it; empty,
    # they get the English.
    subject_es = models.CharField(
        "subject (Spanish)",
        max_length=150,
        blank=True,
        validators=[PlainTextValidator("the subject")],
    )
    body_es = models.TextField(
        "body (Spanish)",
        blank=True,
        help_text="Optional. Signers who signed in Spanish get this text; when it "
        "is empty they get the English.",
    )
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Touched by every batch: a sending update not heard from in
    # UPDATES_STALE_SECONDS is resumed by beat (a killed worker).
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # Recipient rows written (the first task run writes them, in chunks).
    recipients_ready = models.BooleanField(default=False)
    # Only tasks carrying the current generation send: resuming bumps it, so a
    # redelivered message of an earlier chain stops instead of doubling the rate.
    generation = models.PositiveIntegerField(default=0)
    failures = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(blank=True)
    eligible = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "campaign update"
        permissions = [("send_updates", "Can send campaign updates to signers")]

    def __str__(self):
        return self.subject

    @property
    def is_draft(self):
        return self.status == self.DRAFT

    @property
    def is_active(self):
        return self.status == self.SENDING

    def in_spanish(self, language):
        """Whether a signer who signed in `language` gets the Spanish text."""
        return language == "es" and bool(
            self.subject_es.strip() and self.body_es.strip()
        )

    def subject_for(self, language="en"):
        return self.subject_es if self.in_spanish(language) else self.subject

    def paragraphs(self, language="en"):
        body = self.body_es if self.in_spanish(language) else self.body
        return [
            p.strip() for p in body.replace("\r\n", "\n").split("\n\n") if p.strip()
        ]


class UpdateRecipient(models.Model):
    """One address an update goes to: queued, then sending (claimed by a
    worker), then sent, or skipped (unsubscribed or no longer may_contact at
    send time, or refused by the mail server). A row left "sending" by a
    killed worker may have been mailed and is never sent again."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    SKIPPED = "skipped"
    STATUS_CHOICES = [
        (QUEUED, "Queued"),
        (SENDING, "Sending (or interrupted)"),
        (SENT, "Sent"),
        (SKIPPED, "Skipped"),
    ]

    update = models.ForeignKey(
        CampaignUpdate, on_delete=models.CASCADE, related_name="recipients"
    )
    # Withdrawing a signature deletes its row here too: nothing of the signer stays.
    signature = models.ForeignKey(Signature, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(max_length=254)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=QUEUED)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "update", Lower("email"), name="petitions_updaterecipient_once"
            ),
        ]
        indexes = [
            models.Index(
                fields=["update", "status"], name="petitions_updaterecip_status"
            ),
        ]

    def __str__(self):
        return f"{self.update_id}: {self.get_status_display()}"


class Unsubscribe(models.Model):
    """An address that asked for no more campaign updates, from any campaign.

    Stored as the SHA-256 of the lower-cased address, never the address: the
    list must outlive the signatures (a signer who unsubscribes and later
    withdraws is deleted everywhere else, yet must still never be mailed if
    they sign again), and a hash lets us check an address without keeping a
    readable copy of it. It is not a secret (a known address can be hashed
    and looked up), so the table is still treated as personal data. An
    unkeyed hash survives a change of DJANGO_SECRET_KEY, which a keyed one
    would not: losing the list would mail people who said no.
    """

    email_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "unsubscribed address"
        verbose_name_plural = "unsubscribed addresses"

    def __str__(self):
        return f"{self.email_hash[:12]}… ({self.created_at:%Y-%m-%d})"
