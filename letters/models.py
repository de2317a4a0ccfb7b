"""Legislators, anonymous letter counts and letter templates.

The ZIP-to-district table is `states.models.ZipDistrict`.

Chambers, member titles and districts are not stored: they come from the
`openstates-metadata` package (see `states/legislatures.py`). Chamber values
follow Open States' CSVs: "upper", "lower", or "legislature" (unicameral NE, DC).
"""

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from campaigns.models import Campaign
from states.legislatures import CHAMBER_CHOICES
from states.models import State


class LegislatorQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Legislator(models.Model):
    """A state legislator, imported from Open States' bulk CSV (`import_legislators`)."""

    openstates_id = models.CharField(max_length=64, unique=True)
    state = models.ForeignKey(
        State, on_delete=models.CASCADE, related_name="legislators"
    )
    chamber = models.CharField(max_length=12, choices=CHAMBER_CHOICES)
    district = models.CharField(max_length=100)
    name = models.CharField(max_length=200)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    party = models.CharField(max_length=100, blank=True)
    email = models.CharField(max_length=254, blank=True)
    capitol_address = models.CharField(max_length=300, blank=True)
    capitol_voice = models.CharField(max_length=40, blank=True)
    district_address = models.CharField(max_length=300, blank=True)
    district_voice = models.CharField(max_length=40, blank=True)
    image = models.URLField(max_length=500, blank=True)
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LegislatorQuerySet.as_manager()

    class Meta:
        ordering = ["state__abbr", "chamber", "district", "family_name"]
        indexes = [
            models.Index(fields=["state", "chamber", "district"]),
            models.Index(Lower("name"), name="legislator_name_lower"),
        ]

    def __str__(self):
        return f"{self.name} ({self.state.abbr} {self.chamber} {self.district})"


# A letter to a campaign's own office (Campaign.target "custom") is counted
# under "custom"; every other letter under its legislative chamber.
COUNT_CHAMBER_CHOICES = [*CHAMBER_CHOICES, ("custom", "Another office")]


class LetterCount(models.Model):
    """How many letters were generated, per campaign, state, chamber, source
    code and day. Nothing personal: one row adds up many letters."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="letter_counts"
    )
    state = models.ForeignKey(
        State, on_delete=models.CASCADE, related_name="letter_counts"
    )
    chamber = models.CharField(max_length=12, choices=COUNT_CHAMBER_CHOICES)
    # A registered campaigns.SourceCode, or "" (none, unknown or malformed).
    source = models.CharField(max_length=40, blank=True, default="")
    day = models.DateField(default=timezone.localdate)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "state", "chamber", "source", "day"],
                name="letter_count_unique_row",
            )
        ]

    def __str__(self):
        return f"{self.state.abbr} {self.chamber} {self.day}: {self.count}"


class LetterCampaign(models.Model):
    """A campaign's own letter: subject, opening, asks and closing.

    Each part may use the `{placeholder}` inserts of letters.compose
    (TEMPLATE_PLACEHOLDERS: the state's law, its standing, the legislator,
    the writer), so a letter about one bill still carries each state's facts.
    A campaign without one (the seeded campaign) uses the standard letter
    (LetterTemplate, by whether the state has a law).
    """

    campaign = models.OneToOneField(
        Campaign, on_delete=models.CASCADE, related_name="letter"
    )
    subject = models.CharField(max_length=200)
    opening = models.TextField(
        help_text="The first paragraph(s): who is writing and what they ask."
    )
    asks = models.TextField(
        help_text="What the campaign asks the office to do. Placeholders such as "
        "{law_paragraph} bring in the state's facts."
    )
    closing = models.TextField(help_text="The last paragraph, before the signature.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "campaign letter"

    def __str__(self):
        return f"Letter for {self.campaign}"


class LetterTemplate(models.Model):
    """Organizer-editable letter text. One per kind; shipped defaults are seeded."""

    class Kind(models.TextChoices):
        NO_LAW = "no_law", "State has no comprehensive privacy law"
        HAS_LAW = "has_law", "State has a comprehensive privacy law"

    kind = models.CharField(max_length=16, choices=Kind, unique=True)
    subject = models.CharField(max_length=200)
    body = models.TextField(
        help_text="Paragraphs separated by blank lines. Placeholders are listed under the field."
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.get_kind_display()


class RosterImportQuerySet(models.QuerySet):
    def covering(self, abbr):
        """Imports that included this state (USPS code)."""
        return self.filter(states__contains=f",{abbr.upper()},")


class RosterImport(models.Model):
    """Where and when a set of legislators came from: one row per import run.

    Written by `load_snapshot` and `import_legislators`. `as_of` is the date
    of the source data (Open States' export), not of the import; the pages say
    "Legislators as of <as_of> (<source>)" from the latest row covering a state.
    """

    class Kind(models.TextChoices):
        SNAPSHOT = "snapshot", "Snapshot shipped with the site"
        FILES = "files", "CSV files"
        DOWNLOAD = "download", "Download"

    source = models.CharField(max_length=100)
    kind = models.CharField(max_length=16, choices=Kind)
    as_of = models.DateField(help_text="The date of the source data.")
    loaded_at = models.DateTimeField(default=timezone.now)
    # ",AK,AL,": the delimiters make `covering()` a plain LIKE on any database.
    states = models.TextField(help_text="The states imported, as ,AK,AL,… codes.")
    legislators = models.PositiveIntegerField(
        default=0, help_text="Rows imported (added, changed or unchanged)."
    )

    objects = RosterImportQuerySet.as_manager()

    class Meta:
        ordering = ["-loaded_at", "-pk"]
        get_latest_by = ["loaded_at", "pk"]

    def __str__(self):
        return f"{self.source} as of {self.as_of} ({self.get_kind_display()})"

    @property
    def state_codes(self) -> list[str]:
        return [code for code in self.states.split(",") if code]


# --------------------------------------------------------------------------
# Issue 18: "Send my letter for me" (letters/sending/)
# --------------------------------------------------------------------------


def _public_id():
    import secrets

    # Never all digits, and says nothing about how many letters were sent.
    return "l" + secrets.token_urlsafe(16)


class LetterRequest(models.Model):
    """One writer's "send it by email for me": the unit they confirm.

    The personal columns (email, name, street, city, ZIP) are emptied by
    `letters.sending.services.letter_request_forget` once the send no longer
    needs them (`forgotten_at` is then set); state and the deliveries' status
    and answers stay as anonymous counts. Unconfirmed requests are deleted.
    """

    public_id = models.CharField(max_length=40, unique=True, default=_public_id)
    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(blank=True)
    name = models.CharField(max_length=100, blank=True)
    street = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    zip_code = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    forgotten_at = models.DateTimeField(null=True, blank=True)
    # The language the writer used ("en" or "es", issue 19): their emails
    # (confirmation, failure, follow-up) are written in it and link to pages in it.
    language = models.CharField(max_length=8, default="en")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Letter request {self.public_id} ({self.state_id})"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None


class LetterDeliveryQuerySet(models.QuerySet):
    def answered(self):
        return self.filter(answer__in=LetterDelivery.FINAL_ANSWERS)


class LetterDelivery(models.Model):
    """One letter to one office, sent (or not) on a LetterRequest's behalf."""

    class Status(models.TextChoices):
        AWAITING = "awaiting", "Waiting for you to confirm"
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Being sent"
        WAITING = "waiting", "Waiting for the next day (office limit)"
        DIGEST = "digest", "In today's digest"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        REFUSED = "refused", "Not sent"

    class Answer(models.TextChoices):
        NONE = "", "Not asked yet"
        REAL = "real", "A real answer"
        FORM = "form", "A form letter"
        NO_REPLY = "no_reply", "No reply"
        NOT_YET = "not_yet", "Not yet"

    FINAL_ANSWERS = ("real", "form", "no_reply")

    public_id = models.CharField(max_length=40, unique=True, default=_public_id)
    request = models.ForeignKey(
        LetterRequest, on_delete=models.CASCADE, related_name="deliveries"
    )
    legislator = models.ForeignKey(
        Legislator,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="+")
    chamber = models.CharField(max_length=12, choices=CHAMBER_CHOICES)
    district = models.CharField(max_length=100)
    addressee = models.CharField(max_length=200, blank=True)
    office_email = models.CharField(max_length=254)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    # The writer's own words, normalized (lower case, words only): the
    # duplicate check compares them; emptied with the rest.
    story_words = models.TextField(blank=True)
    status = models.CharField(
        max_length=12, choices=Status, default=Status.AWAITING, db_index=True
    )
    via_digest = models.BooleanField(default=False)
    not_before = models.DateTimeField(null=True, blank=True)
    # When its send task was last queued: the sweep re-queues only letters
    # whose task looks lost, not those waiting out a retry's backoff.
    queued_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    failure_reason = models.CharField(max_length=300, blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    failure_notice_sent_at = models.DateTimeField(null=True, blank=True)
    followups_sent = models.PositiveSmallIntegerField(default=0)
    followup_sent_at = models.DateTimeField(null=True, blank=True)
    followup_again_at = models.DateTimeField(null=True, blank=True)
    answer = models.CharField(max_length=10, choices=Answer, blank=True, default="")
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = LetterDeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["office_email", "status"])]

    def __str__(self):
        return f"Letter to {self.addressee or self.office_email}: {self.status}"
