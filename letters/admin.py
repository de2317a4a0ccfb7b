"""Organizers edit letter templates, browse legislators and where and when they
were imported from, and see how many letters were generated per state and
chamber (nothing personal). States and their law
facts are edited in the states app's admin."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Sum
from django.utils.html import format_html_join

from core.admin_tools import ReadOnlyAdminMixin

from .models import Legislator, LetterCount, LetterTemplate, RosterImport

URL_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


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
class LetterCountAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: counts come only from letter downloads."""

    list_display = ["day", "campaign", "state", "chamber", "source", "count"]
    list_filter = ["campaign", "chamber", "source", "state"]
    list_select_related = ["state", "campaign"]
    date_hierarchy = "day"
    ordering = ["-day", "-count", "state__abbr", "chamber"]
    search_fields = ["state__name", "state__abbr"]

    def changelist_view(self, request, extra_context=None):
        total = LetterCount.objects.aggregate(total=Sum("count"))["total"] or 0
        extra_context = {
            **(extra_context or {}),
            "title": f"Letters generated ({total} in all)",
        }
        return super().changelist_view(request, extra_context=extra_context)


@admin.register(RosterImport)
class RosterImportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: each legislator import (snapshot, files, download) and its date."""

    list_display = [
        "as_of",
        "source",
        "kind",
        "legislators",
        "state_count",
        "loaded_at",
    ]
    list_filter = ["kind", "source"]
    ordering = ["-loaded_at"]

    @admin.display(description="states")
    def state_count(self, obj):
        return len(obj.state_codes)


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
