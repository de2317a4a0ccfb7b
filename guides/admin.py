"""Organizers edit guides here. Admin is staff-only by Django's own checks."""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import Truncator

from .models import GuideReport, Platform, Source, Step
from .services import platform_mark_verified, platform_steps_renumber

# Organizers paste links without a scheme; assume https (Django 6's default).
URL_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


class StepInline(admin.TabularInline):
    model = Step
    formfield_overrides = URL_OVERRIDES
    fields = ["order", "applies_to", "text", "deep_link", "is_unverified"]
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


@admin.action(description="Mark verified today")
def mark_verified_today(modeladmin, request, queryset):
    count = platform_mark_verified(platforms=queryset)
    modeladmin.message_user(
        request, f"Marked {count} guide(s) as verified today.", messages.SUCCESS
    )


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
    actions = [mark_verified_today]
    inlines = [StepInline, SourceInline]
    save_on_top = True
    change_form_template = "guides/admin/platform_change_form.html"
    fieldsets = [
        (
            None,
            {"fields": ["name", "slug", "company", "status", "difficulty", "summary"]},
        ),
        (
            "Honest caveats",
            {
                "fields": [
                    "opt_out_does",
                    "opt_out_does_not",
                    "region_notes",
                    "unverified_note",
                ]
            },
        ),
        (
            "Email template (for platforms whose only route is writing)",
            {
                "fields": ["email_to", "email_subject", "email_body"],
                "classes": ["collapse"],
            },
        ),
        ("Publishing", {"fields": ["last_verified", "is_published", "position"]}),
    ]
    readonly_fields = ["last_verified"]

    def save_model(self, request, obj, form, change):
        if "_mark_verified" in request.POST:
            obj.last_verified = timezone.localdate()
        super().save_model(request, obj, form, change)

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
