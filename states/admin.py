"""Organizers edit each state's legislature links and its privacy-law facts.

The list shows how many active legislators and letters each state has: the
letters app's reverse relations, read by name (no import of letters).
"""

from django.contrib import admin
from django.db import models
from django.db.models import Count, Q, Sum

from .models import PrivacyLaw, State

URL_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}

LAW_FIELDSETS = [
    (
        None,
        {
            "fields": [
                "researched",
                "has_comprehensive_law",
                ("law_name", "short_name"),
                "citation",
                ("signed_date", "signed_year", "effective_date"),
            ]
        },
    ),
    (
        "Rights the law gives",
        {
            "fields": [
                ("opt_out_of_sale", "opt_out_of_targeted_ads", "opt_out_of_profiling"),
                ("sensitive_data_opt_in", "private_right_of_action"),
                "enforced_by",
                "epic_pirg_grade",
            ]
        },
    ),
    (
        "AI",
        {
            "fields": [
                ("ai_specific_law", "ai_specific_law_es"),
                ("training_data_disclosure", "training_data_disclosure_es"),
            ]
        },
    ),
    (
        "Letters",
        {"fields": ["letter_note"]},
    ),
    (
        "Notes and sources",
        {
            "fields": [
                ("notes", "notes_es"),
                ("uncertain", "uncertain_es"),
                "sources",
                ("as_of", "es_translated_from"),
            ]
        },
    ),
]


class PrivacyLawInline(admin.StackedInline):
    model = PrivacyLaw
    can_delete = False
    fieldsets = LAW_FIELDSETS
    extra = 0


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    formfield_overrides = URL_OVERRIDES
    list_display = [
        "name",
        "abbr",
        "has_law",
        "law_effective",
        "active_legislators",
        "letters",
    ]
    list_filter = ["privacy_law__has_comprehensive_law", "unicameral"]
    search_fields = ["name", "abbr", "privacy_law__law_name"]
    readonly_fields = ["abbr", "fips", "unicameral"]
    fields = [
        ("name", "abbr"),
        ("fips", "unicameral"),
        "legislature_name",
        "legislature_url",
        "find_legislator_url",
    ]
    inlines = [PrivacyLawInline]
    save_on_top = True

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("privacy_law")
            .annotate(
                _active=Count(
                    "legislators", filter=Q(legislators__active=True), distinct=True
                ),
                _letters=Sum("letter_counts__count"),
            )
        )

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else ["fips", "unicameral"]

    @admin.display(boolean=True, description="Comprehensive law")
    def has_law(self, obj):
        law = getattr(obj, "privacy_law", None)
        return bool(law and law.has_comprehensive_law)

    @admin.display(description="In effect from")
    def law_effective(self, obj):
        law = getattr(obj, "privacy_law", None)
        return law.effective_date if law and law.effective_date else "—"

    @admin.display(description="Active legislators", ordering="_active")
    def active_legislators(self, obj):
        return obj._active

    @admin.display(description="Letters generated", ordering="_letters")
    def letters(self, obj):
        return obj._letters or 0


@admin.register(PrivacyLaw)
class PrivacyLawAdmin(admin.ModelAdmin):
    list_display = [
        "state",
        "has_comprehensive_law",
        "short_name",
        "effective_date",
        "private_right_of_action",
        "epic_pirg_grade",
        "as_of",
    ]
    list_filter = [
        "has_comprehensive_law",
        "private_right_of_action",
        "sensitive_data_opt_in",
        "epic_pirg_grade",
    ]
    search_fields = ["state__name", "state__abbr", "law_name", "short_name", "notes"]
    list_select_related = ["state"]
    fieldsets = [(None, {"fields": ["state"]}), *LAW_FIELDSETS]
    readonly_fields = ["updated_at"]

    def get_readonly_fields(self, request, obj=None):
        # The state of an existing record is fixed; facts stay editable.
        return ["state", "updated_at"] if obj else ["updated_at"]
