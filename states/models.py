"""States, DC and Puerto Rico, and the facts of each one's consumer privacy law.

Both tables were created by the letters app (`letters_state`,
`letters_privacylaw`) and keep those names: the models moved here without
touching the database (see migrations/0001_initial.py).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .legislatures import CHAMBER_CHOICES


class Tristate(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Not verified")
    NOT_APPLICABLE = "na", _("No law")


class RightToSue(models.TextChoices):
    YES = "yes", _("Yes")
    LIMITED = "limited", _("Limited (data breaches only)")
    NO = "no", _("No (attorney general only)")
    UNKNOWN = "unknown", _("Not verified")
    NOT_APPLICABLE = "na", _("No law")


class LawStanding(models.TextChoices):
    """Where a jurisdiction's law stands, for fitting an ask to it.

    strong: a comprehensive law graded B or better by EPIC and U.S. PIRG
    (2025); the ask is to close its AI-training gap. weak: any other
    comprehensive law; the ask is to strengthen it. none: no comprehensive
    law; the ask is to pass one. unresearched: nothing is claimed about it.
    """

    STRONG = "strong", _("Strong law")
    WEAK = "weak", _("Weak law")
    NONE = "none", _("No comprehensive law")
    UNRESEARCHED = "unresearched", _("Not researched")


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
        db_table = "letters_state"
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
    researched = models.BooleanField(
        default=True,
        help_text="Untick when this jurisdiction's law has not been researched: "
        "pages and letters then make no claim about it.",
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
    enforced_by = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who enforces the law, as letters say it, e.g. 'the attorney "
        "general and district attorneys'. Empty: the attorney general.",
    )
    epic_pirg_grade = models.CharField(
        "EPIC/U.S. PIRG grade (2025)", max_length=4, blank=True
    )
    ai_specific_law = models.TextField(blank=True)
    training_data_disclosure = models.TextField(
        blank=True,
        help_text="Any duty to disclose whether personal data trains AI models.",
    )
    letter_note = models.TextField(
        blank=True,
        help_text="One sentence letters add about this law, written for a "
        "legislative office: its narrow reach, a related law, a recent amendment.",
    )
    notes = models.TextField(blank=True)
    uncertain = models.TextField(
        blank=True, help_text="Facts that sources disagree on or that are unverified."
    )
    sources = models.TextField(blank=True, help_text="One URL per line.")
    as_of = models.DateField(help_text="The date these facts are current to.")
    # Spanish (states/data/es/<abbr>.yaml; states.content.load_spanish). A
    # Spanish page shows them when es_translated_from is as_of, else the English
    # with a note.
    ai_specific_law_es = models.TextField("AI-specific law (Spanish)", blank=True)
    training_data_disclosure_es = models.TextField(
        "training-data disclosure (Spanish)", blank=True
    )
    notes_es = models.TextField("notes (Spanish)", blank=True)
    uncertain_es = models.TextField("uncertain (Spanish)", blank=True)
    es_translated_from = models.DateField(
        "Spanish translated from",
        null=True,
        blank=True,
        help_text="The English 'as of' date the Spanish follows. When the English "
        "facts move on, set it to the new date once the Spanish is checked.",
    )
    es_file_digest = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "letters_privacylaw"
        ordering = ["state__name"]

    def __str__(self):
        return self.law_name or f"{self.state.name}: no comprehensive law"

    @property
    def standing(self) -> str:
        """A `LawStanding` value: strong, weak, none or unresearched."""
        if not self.researched:
            return LawStanding.UNRESEARCHED
        if not self.has_comprehensive_law:
            return LawStanding.NONE
        grade = (self.epic_pirg_grade or "").strip().upper()
        if grade[:1] in ("A", "B"):
            return LawStanding.STRONG
        return LawStanding.WEAK

    @property
    def source_list(self):
        return [line.strip() for line in self.sources.splitlines() if line.strip()]


class ZipDistrict(models.Model):
    """A state legislative district that a ZIP code (Census ZCTA) overlaps.

    Loaded by `import_zip_districts` (letters); rows are candidates, not an answer.
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
        db_table = "letters_zipdistrict"
        ordering = ["zcta", "state__abbr", "chamber", "-land_share", "district"]
        constraints = [
            models.UniqueConstraint(
                fields=["zcta", "state", "chamber", "district"],
                name="zip_district_unique",
            )
        ]

    def __str__(self):
        return f"{self.zcta} → {self.state.abbr} {self.chamber} {self.district}"
