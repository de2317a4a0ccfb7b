from django.contrib import admin

from .models import Campaign, SourceCode


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "featured", "target", "updated_at"]
    list_filter = ["status", "featured", "target"]
    search_fields = ["title", "title_es", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("title", "title_es"),
                    "slug",
                    ("summary", "summary_es"),
                    "status",
                    "featured",
                ],
                "description": "English and Spanish side by side: a Spanish "
                "text left empty shows the English on /es/ pages, with a note.",
            },
        ),
        (
            "Who it is addressed to",
            {
                "fields": [
                    "target",
                    "target_name",
                    "target_salutation",
                    "target_address",
                ],
                "description": "State legislators, or another office with a "
                "postal address (its delivery packets and letters go there).",
            },
        ),
    ]


@admin.register(SourceCode)
class SourceCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "created_at"]
    search_fields = ["code", "name"]
