"""Organizers edit states' law facts and letter templates, browse legislators, and
see how many letters were generated per state and chamber (nothing personal)."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q, Sum
from django.utils.html import format_html_join

from .models import Legislator, LetterCount, LetterTemplate, PrivacyLaw, State

URL_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}

LAW_FIELDSETS = [
    (
        None,
        {
            "fields": [
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
                "epic_pirg_grade",
            ]
        },
    ),
    (
        "AI",
        {"fields": ["ai_specific_law", "training_data_disclosure"]},
    ),
    (
        "Notes and sources",
        {"fields": ["notes", "uncertain", "sources", "as_of"]},
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


@admin.register(Legislator)
class LegislatorAdmin(admin.ModelAdmin):
    formfield_overrides = URL_OVERRIDES
    list_display = ["name", "state", "chamber", "district", "party", "email", "active"]
    list_filter = ["active", "chamber", "state"]
    search_fields = ["name", "family_name", "district", "email", "openstates_id"]
    list_select_related = ["state"]
    readonly_fields = ["openstates_id", "updated_at"]
    list_per_page = 50
    show_full_result_count = False
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "openstates_id",
                    ("state", "chamber", "district"),
                    "name",
                    ("given_name", "family_name"),
                    "party",
                    "active",
                ]
            },
        ),
        (
            "Contact",
            {
                "fields": [
                    "email",
                    ("capitol_address", "capitol_voice"),
                    ("district_address", "district_voice"),
                    "image",
                    "updated_at",
                ]
            },
        ),
    ]


@admin.register(LetterCount)
class LetterCountAdmin(admin.ModelAdmin):
    """Read-only: counts come only from letter downloads."""

    list_display = ["state", "chamber", "count"]
    list_filter = ["chamber", "state"]
    list_select_related = ["state"]
    ordering = ["-count", "state__abbr", "chamber"]
    search_fields = ["state__name", "state__abbr"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        total = LetterCount.objects.aggregate(total=Sum("count"))["total"] or 0
        extra_context = {
            **(extra_context or {}),
            "title": f"Letters generated ({total} in all)",
        }
        return super().changelist_view(request, extra_context=extra_context)


def _placeholders_help():
    try:
        from .compose import TEMPLATE_PLACEHOLDERS
    except ImportError:
        return ""
    return format_html_join(
        "", "<br><code>{{{}}}</code>: {}", sorted(TEMPLATE_PLACEHOLDERS.items())
    )


class LetterTemplateForm(forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = ["kind", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 30, "cols": 100})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = (
            "Paragraphs separated by blank lines. Placeholders:" + _placeholders_help()
        )

    def clean(self):
        cleaned = super().clean()
        try:
            from .compose import template_errors
        except ImportError:
            return cleaned
        for error in template_errors(
            subject=cleaned.get("subject", ""), body=cleaned.get("body", "")
        ):
            self.add_error("body" if error.startswith("Body") else "subject", error)
        return cleaned


@admin.action(description="Reset to the shipped default text")
def reset_to_default(modeladmin, request, queryset):
    from .compose import default_templates

    defaults = default_templates()
    count = 0
    for template in queryset:
        if template.kind in defaults:
            template.subject = defaults[template.kind]["subject"]
            template.body = defaults[template.kind]["body"]
            template.save()
            count += 1
    modeladmin.message_user(request, f"Reset {count} template(s).", messages.SUCCESS)


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    form = LetterTemplateForm
    list_display = ["kind", "subject", "updated_at"]
    readonly_fields = ["updated_at"]
    actions = [reset_to_default]

    def get_readonly_fields(self, request, obj=None):
        return ["kind", "updated_at"] if obj else ["updated_at"]
