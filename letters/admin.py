"""Organizers edit letter templates, browse legislators and where and when they
were imported from, and see how many letters were generated per state and
chamber (nothing personal). States and their law
facts are edited in the states app's admin.

A campaign's own letter (LetterCampaign) is edited inline on the campaign's
admin page, with a "Preview the letter" page for three sample states. The
campaigns app cannot know letters (layers), so this module extends the
Campaign admin that is registered (campaigns.admin's, or a subclass another
app registered) with the inline and the preview, and registers that instead.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

import campaigns.admin  # noqa: F401 - registers the Campaign admin extended below
from campaigns.models import Campaign
from core.admin_tools import ReadOnlyAdminMixin

from .models import (
    Legislator,
    LetterCampaign,
    LetterCount,
    LetterTemplate,
    RosterImport,
)

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


# --------------------------------------------------------------------------
# A campaign's own letter, inline on the campaign's page, and its preview
# --------------------------------------------------------------------------

LETTER_PART_HELP = {
    "subject": "The letter's subject line (after “Re:”).",
    "opening": "The first paragraph(s): who is writing and what they ask. The "
    "writer's own story and points follow it.",
    "asks": "What the campaign asks the office to do, after the writer's story "
    "and points.",
    "closing": "The last paragraph, before “Sincerely,” and the writer's name.",
}


class LetterCampaignForm(forms.ModelForm):
    """The four parts of a campaign's letter, each a `{placeholder}` template
    (the same inserts as the standard letter), checked before saving."""

    class Meta:
        model = LetterCampaign
        fields = ["subject", "opening", "asks", "closing"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 6, "cols": 100})
            for name in ("opening", "asks", "closing")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, text in LETTER_PART_HELP.items():
            self.fields[name].help_text = format_html(
                "{} Paragraphs separated by blank lines. Placeholders:{}",
                text,
                _placeholders_help(),
            )

    def clean(self):
        from .compose import campaign_template_errors

        cleaned = super().clean()
        errors = campaign_template_errors(
            **{
                name: cleaned.get(name, "")
                for name in ("subject", "opening", "asks", "closing")
            }
        )
        for name, messages_ in errors.items():
            if name in self.fields and name not in self.errors:
                for message in messages_:
                    self.add_error(name, message)
        return cleaned


class LetterCampaignInline(admin.StackedInline):
    model = LetterCampaign
    form = LetterCampaignForm
    extra = 0
    max_num = 1
    verbose_name = "campaign letter"
    verbose_name_plural = (
        "Campaign letter (leave empty to use the standard letter at /letters/)"
    )


def _registered_campaign_admin():
    """The Campaign admin class registered now (campaigns.admin's, or another
    app's extension of it), so that extensions add up instead of replacing
    each other."""
    return type(admin.site.get_model_admin(Campaign))


class CampaignLetterAdmin(_registered_campaign_admin()):
    """The campaign admin with its letter inline and "Preview the letter"."""

    inlines = [*_registered_campaign_admin().inlines, LetterCampaignInline]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "letter_preview_link"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        return fieldsets + [
            (
                "Letter",
                {
                    "fields": ["letter_preview_link"],
                    "description": "The campaign's letter (edited below; empty: "
                    "the standard letter) for three sample states, before it goes live.",
                },
            )
        ]

    @admin.display(description="Preview")
    def letter_preview_link(self, obj):
        if obj is None or obj.pk is None:
            return "Save the campaign first, then preview its letter here."
        return format_html(
            '<a href="{}">Preview the letter</a> for a state with a strong law, '
            "one with a weak law and one with none.",
            reverse("admin:campaigns_campaign_letter_preview", args=[obj.pk]),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        custom = [
            path(
                "<path:object_id>/letter-preview/",
                view(self.letter_preview_view),
                name="campaigns_campaign_letter_preview",
            ),
            path(
                "<path:object_id>/letter-preview/<slug:standing>.pdf",
                view(self.letter_preview_pdf_view),
                name="campaigns_campaign_letter_preview_pdf",
            ),
        ]
        return custom + super().get_urls()

    def _preview_campaign(self, request, object_id):
        """The campaign, for staff who may change it (else 403; unknown: 404)."""
        campaign = self.get_object(request, unquote(object_id))
        if campaign is None:
            raise Http404("No such campaign")
        if not self.has_change_permission(request, campaign):
            raise PermissionDenied
        return campaign

    def letter_preview_view(self, request, object_id):
        """The campaign's letter as the flow shows it, for three sample states
        and a sample writer, with a link to each one's PDF. Nothing is counted."""
        from .services import letter_preview_get

        campaign = self._preview_campaign(request, object_id)
        samples = letter_preview_get(campaign=campaign)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Preview the letter: {campaign}",
            "opts": self.model._meta,
            "campaign": campaign,
            "samples": samples,
            "own_letter": LetterCampaign.objects.filter(campaign=campaign).exists(),
        }
        return TemplateResponse(
            request, "admin/letters/campaign_letter_preview.html", context
        )

    def letter_preview_pdf_view(self, request, object_id, standing):
        from .services import letter_preview_pdf

        campaign = self._preview_campaign(request, object_id)
        body = letter_preview_pdf(campaign=campaign, standing=standing)
        if body is None:
            raise Http404("No sample state with that standing")
        response = HttpResponse(body, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="preview-{campaign.slug}-{standing}.pdf"'
        )
        response["Cache-Control"] = "no-store"
        return response


admin.site.unregister(Campaign)
admin.site.register(Campaign, CampaignLetterAdmin)
