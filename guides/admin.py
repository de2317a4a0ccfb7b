"""Organizers edit guides here. Admin is staff-only by Django's own checks."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.text import Truncator

from core.admin_tools import ReadOnlyAdminMixin

from .forms import GuideCheckForm
from .models import GuideCheck, GuideReport, Platform, Source, Step
from .services import guide_check_record, platform_steps_renumber

# Organizers paste links without a scheme; assume https (Django 6's default).
URL_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


class StepInline(admin.TabularInline):
    model = Step
    formfield_overrides = URL_OVERRIDES
    # English and Spanish side by side; the rest is shared by both languages.
    fields = ["order", "applies_to", "text", "text_es", "deep_link", "is_unverified"]
    extra = 1
    ordering = ["order", "id"]
    # Django's admin has no drag-and-drop; an editable number sorts the steps.
    # Steps are renumbered 10, 20, 30… on save, so typing 15 slots a step in
    # between the first two.


class SourceInline(admin.TabularInline):
    model = Source
    formfield_overrides = URL_OVERRIDES
    fields = ["order", "title", "url"]
    extra = 1


@admin.register(Platform)
class PlatformAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "status",
        "difficulty",
        "last_verified",
        "is_published",
        "step_count",
        "open_reports",
        "position",
    ]
    list_editable = ["is_published", "position"]
    list_filter = ["status", "difficulty", "is_published"]
    search_fields = ["name", "company", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [StepInline, SourceInline]
    save_on_top = True
    change_form_template = "guides/admin/platform_change_form.html"
    # Each text the reader sees: English on the left, Spanish on the right, on
    # one row (a tuple in a fieldset is one row). Empty Spanish: the Spanish
    # page shows the English with a note (guides.selectors.guide_in_language).
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "company",
                    "status",
                    "difficulty",
                    ("summary", "summary_es"),
                ]
            },
        ),
        (
            "Honest caveats (English | Spanish)",
            {
                "fields": [
                    ("opt_out_does", "opt_out_does_es"),
                    ("opt_out_does_not", "opt_out_does_not_es"),
                    ("region_notes", "region_notes_es"),
                    ("unverified_note", "unverified_note_es"),
                ]
            },
        ),
        (
            "Spanish",
            {
                "fields": ["spanish_state_text", "researched_on", "es_translated_from"],
                "description": "The Spanish page shows the Spanish only when the "
                "Spanish summary is filled in and it follows the English research "
                "date; otherwise the English with a note. After updating the "
                "Spanish to match the English, set “Spanish follows the English "
                "of” to the English research date.",
            },
        ),
        (
            "Email template (for platforms whose only route is writing)",
            {
                "fields": ["email_to", "email_subject", "email_body", "email_note_es"],
                "classes": ["collapse"],
            },
        ),
        ("Publishing", {"fields": ["last_verified", "is_published", "position"]}),
    ]
    readonly_fields = ["last_verified", "researched_on", "spanish_state_text"]

    SPANISH_STATES = {
        "complete": "Translated",
        "missing": "Missing: the Spanish page shows the English",
        "outdated": "Out of date: the English changed since; the Spanish page "
        "shows the English",
    }

    @admin.display(description="Spanish text")
    def spanish_state_text(self, obj):
        return self.SPANISH_STATES[obj.spanish_state] if obj.pk else "—"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/check/",
                self.admin_site.admin_view(self.record_check_view),
                name="{}_{}_check".format(*info),
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The guide's checks, newest first, listed read-only under the form:
        # a check is history and is never edited, only added ("Record a check").
        checks = GuideCheck.objects.filter(platform_id=unquote(object_id))
        extra_context = {
            **(extra_context or {}),
            "guide_checks": list(checks.select_related("checked_by")),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def record_check_view(self, request, object_id):
        """Record one check of one guide: what was checked, when, and a note."""
        platform = self.get_object(request, unquote(object_id))
        if platform is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, platform):
            raise PermissionDenied
        change_url = reverse("admin:guides_platform_change", args=[platform.pk])
        form = GuideCheckForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                check = guide_check_record(
                    platform=platform, user=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                self.message_user(
                    request,
                    f"Check of {platform} on {date_format(check.checked_on)} "
                    f"recorded. Last verified: "
                    f"{date_format(platform.last_verified)}.",
                    messages.SUCCESS,
                )
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Record a check of {platform}",
            "subtitle": None,
            "opts": self.opts,
            "original": platform,
            "form": form,
            "change_url": change_url,
            "guide_checks": list(platform.checks.select_related("checked_by")[:10]),
            "has_view_permission": self.has_view_permission(request, platform),
        }
        return TemplateResponse(request, "guides/admin/record_check.html", context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Renumber 10, 20, 30… so the next reorder always has room between steps.
        platform_steps_renumber(platform=form.instance)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _step_count=Count("steps", distinct=True),
                _open_reports=Count(
                    "reports", filter=Q(reports__is_resolved=False), distinct=True
                ),
            )
        )

    @admin.display(description="steps", ordering="_step_count")
    def step_count(self, obj):
        return obj._step_count

    @admin.display(description="open reports", ordering="_open_reports")
    def open_reports(self, obj):
        return obj._open_reports


@admin.action(description="Mark resolved")
def mark_resolved(modeladmin, request, queryset):
    count = queryset.update(is_resolved=True)
    modeladmin.message_user(
        request, f"Marked {count} report(s) resolved.", messages.SUCCESS
    )


@admin.register(GuideReport)
class GuideReportAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "platform",
        "step_label",
        "short_description",
        "is_resolved",
    ]
    list_editable = ["is_resolved"]
    list_filter = ["is_resolved", "platform", "created_at"]
    list_select_related = ["platform", "step"]
    search_fields = ["description", "platform__name"]
    date_hierarchy = "created_at"
    readonly_fields = ["platform", "step", "description", "created_at"]
    fields = ["platform", "step", "description", "created_at", "is_resolved"]
    actions = [mark_resolved]

    def has_add_permission(self, request):
        # Reports come from readers only.
        return False

    @admin.display(description="step")
    def step_label(self, obj):
        return Truncator(obj.step.text).chars(40) if obj.step else "Whole guide"

    @admin.display(description="description")
    def short_description(self, obj):
        return Truncator(obj.description).chars(80)


@admin.register(GuideCheck)
class GuideCheckAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every check of every guide, read-only: history is added to, never rewritten.

    Checks are recorded one guide at a time from the guide's page ("Record a
    check"), or by `load_content` for a content file's research date.
    """

    list_display = [
        "checked_on",
        "platform",
        "kind",
        "checked_by",
        "what_checked",
        "short_note",
    ]
    list_filter = ["kind", "platform", "checked_on"]
    list_select_related = ["platform", "checked_by"]
    search_fields = ["note", "platform__name"]
    date_hierarchy = "checked_on"
    fields = [
        "platform",
        "checked_on",
        "kind",
        "checked_by",
        "steps_checked",
        "status_checked",
        "sources_checked",
        "note",
        "created_at",
    ]
    readonly_fields = fields

    @admin.display(description="what was checked")
    def what_checked(self, obj):
        return obj.what_checked

    @admin.display(description="note")
    def short_note(self, obj):
        return Truncator(obj.note).chars(80)
