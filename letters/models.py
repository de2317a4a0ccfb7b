"""States, their privacy-law facts, legislators, and anonymous letter counts.

Chambers, member titles and districts are not stored: they come from the
`openstates-metadata` package (see `letters/legislatures.py`). Chamber values
follow Open States' CSVs: "upper", "lower", or "legislature" (unicameral NE, DC).
"""

from django.db import models
from django.db.models.functions import Lower

CHAMBER_CHOICES = [
    ("upper", "Upper chamber"),
    ("lower", "Lower chamber"),
    ("legislature", "Unicameral legislature"),
]


class Tristate(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Not verified"
    NOT_APPLICABLE = "na", "No law"


class RightToSue(models.TextChoices):
    YES = "yes", "Yes"
    LIMITED = "limited", "Limited (data breaches only)"
    NO = "no", "No (attorney general only)"
    UNKNOWN = "unknown", "Not verified"
    NOT_APPLICABLE = "na", "No law"


class StateQuerySet(models.QuerySet):
    def with_law(self):
        return self.filter(privacy_law__has_comprehensive_law=True)


class State(models.Model):
    """A state, DC or Puerto Rico: identity and its legislature's web pages."""

    abbr = models.CharField("USPS code", max_length=2, unique=True)
    name = models.CharField(max_length=64)
    fips = models.CharField(max_length=2, blank=True)
    legislature_name = models.CharField(max_length=128, blank=True)
    legislature_url = models.URLField(blank=True)
    find_legislator_url = models.URLField(
        "“Find my legislator” page",
        blank=True,
        help_text="The legislature's own lookup page for readers who do not know their district.",
    )
    unicameral = models.BooleanField(default=False)

    objects = StateQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def slug(self):
        return self.abbr.lower()


class PrivacyLaw(models.Model):
    """What a state's consumer privacy law gives (or that it has none).

    Organizers edit these in the admin; `as_of` says how current they are.
    """

    state = models.OneToOneField(
        State, on_delete=models.CASCADE, related_name="privacy_law"
    )
    has_comprehensive_law = models.BooleanField(
        default=False, help_text="A broad consumer privacy statute has been enacted."
    )
    law_name = models.CharField(max_length=200, blank=True)
    short_name = models.CharField(max_length=40, blank=True)
    citation = models.CharField(max_length=200, blank=True)
    signed_date = models.DateField(null=True, blank=True)
    signed_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Year enacted, when the exact day is uncertain.",
    )
    effective_date = models.DateField(null=True, blank=True)
    opt_out_of_sale = models.CharField(
        max_length=8, choices=Tristate, default=Tristate.NOT_APPLICABLE
    )
    opt_out_of_targeted_ads = models.CharField(
        max_length=8, choices=Tristate, default=Tristate.NOT_APPLICABLE
    )
    opt_out_of_profiling = models.CharField(
        max_length=8, choices=Tristate, default=Tristate.NOT_APPLICABLE
    )
    sensitive_data_opt_in = models.CharField(
        max_length=8, choices=Tristate, default=Tristate.NOT_APPLICABLE
    )
    private_right_of_action = models.CharField(
        max_length=8, choices=RightToSue, default=RightToSue.NOT_APPLICABLE
    )
    epic_pirg_grade = models.CharField(
        "EPIC/U.S. PIRG grade (2025)", max_length=4, blank=True
    )
    ai_specific_law = models.TextField(blank=True)
    training_data_disclosure = models.TextField(
        blank=True,
        help_text="Any duty to disclose whether personal data trains AI models.",
    )
    notes = models.TextField(blank=True)
    uncertain = models.TextField(
        blank=True, help_text="Facts that sources disagree on or that are unverified."
    )
    sources = models.TextField(blank=True, help_text="One URL per line.")
    as_of = models.DateField(help_text="The date these facts are current to.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["state__name"]

    def __str__(self):
        return self.law_name or f"{self.state.name}: no comprehensive law"

    @property
    def source_list(self):
        return [line.strip() for line in self.sources.splitlines() if line.strip()]


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


class LetterCount(models.Model):
    """How many letters were generated per state and chamber. Nothing personal."""

    state = models.ForeignKey(
        State, on_delete=models.CASCADE, related_name="letter_counts"
    )
    chamber = models.CharField(max_length=12, choices=CHAMBER_CHOICES)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["state", "chamber"], name="letter_count_state_chamber"
            )
        ]

    def __str__(self):
        return f"{self.state.abbr} {self.chamber}: {self.count}"


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


class ZipDistrict(models.Model):
    """A state legislative district that a ZIP code (Census ZCTA) overlaps.

    Loaded by `import_zip_districts`; rows are candidates, not an answer.
    `land_share` is the share of the ZIP's land in the district, when known.
    """

    zcta = models.CharField("ZIP (ZCTA)", max_length=5, db_index=True)
    state = models.ForeignKey(
        State, on_delete=models.CASCADE, related_name="zip_districts"
    )
    chamber = models.CharField(max_length=12, choices=CHAMBER_CHOICES)
    district = models.CharField(max_length=100)
    land_share = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["zcta", "state__abbr", "chamber", "-land_share", "district"]
        constraints = [
            models.UniqueConstraint(
                fields=["zcta", "state", "chamber", "district"],
                name="zip_district_unique",
            )
        ]

    def __str__(self):
        return f"{self.zcta} → {self.state.abbr} {self.chamber} {self.district}"
