"""Organizer tools for campaign updates: write (the model's admin form),
preview as a signer sees it with the number of recipients, send after a
confirmation step (only staff with `petitions.send_updates`), and follow the
progress on a page that refreshes itself while sending."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.cache import never_cache

from core.selectors import organization_get

from ..models import CampaignUpdate, Petition
from ..permissions import updates_send_allowed
from . import selectors, services
from .mail import update_message

# The preview's made-up signer: never a real person's address.
PREVIEW_EMAIL = "signer@example.org"
PREVIEW_NAME = "Alex"


@admin.register(CampaignUpdate)
class CampaignUpdateAdmin(admin.ModelAdmin):
    change_form_template = "admin/petitions/campaignupdate/change_form.html"
    list_display = ["subject", "campaign", "status", "sent", "eligible", "created_at"]
    list_filter = ["status", "campaign"]
    search_fields = ["subject"]
    list_select_related = ["campaign"]
    # English and Spanish side by side: signers who signed in Spanish get the
    # Spanish when both its subject and body are written, else the English.
    fields = ["campaign", ("subject", "subject_es"), ("body", "body_es")]
    readonly_record = [
        "status",
        "created_by",
        "created_at",
        "sent_by",
        "sent_started_at",
        "finished_at",
        "eligible",
        "sent",
        "skipped",
        "message",
        "tools",
    ]

    def get_fields(self, request, obj=None):
        if obj is None:
            return self.fields
        return self.fields + self.readonly_record

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        if not obj.is_draft:  # what was sent stays as it was sent
            names = [
                n for f in self.fields for n in (f if isinstance(f, tuple) else (f,))
            ]
            return names + self.readonly_record
        return self.readonly_record

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not obj.is_draft:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="tools")
    def tools(self, obj):
        if obj.pk is None:
            return "-"
        if obj.is_draft:
            return format_html(
                '<a href="{}">Preview and send</a>',
                reverse("admin:petitions_campaignupdate_preview", args=[obj.pk]),
            )
        return format_html(
            '<a href="{}">Progress</a>',
            reverse("admin:petitions_campaignupdate_status", args=[obj.pk]),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        custom = [
            path(
                "<int:update_id>/preview/",
                view(self.preview_view),
                name="petitions_campaignupdate_preview",
            ),
            path(
                "<int:update_id>/send/",
                view(self.send_view),
                name="petitions_campaignupdate_send",
            ),
            path(
                "<int:update_id>/progress/",
                view(never_cache(self.status_view)),
                name="petitions_campaignupdate_status",
            ),
            path(
                "<int:update_id>/progress.json",
                view(never_cache(self.status_json_view)),
                name="petitions_campaignupdate_status_json",
            ),
        ]
        return custom + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "send_allowed": updates_send_allowed(request.user),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def _update_or_404(self, request, update_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            return selectors.update_get(update_id=update_id)
        except CampaignUpdate.DoesNotExist:
            raise Http404("No such update.") from None

    def _context(self, request, update, title):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "update": update,
            "send_allowed": updates_send_allowed(request.user),
        }

    def preview_view(self, request, update_id):
        """The email as a signer would get it, and how many would get it."""
        update = self._update_or_404(request, update_id)
        petition = Petition.objects.filter(campaign_id=update.campaign_id).first()
        message = update_message(
            update=update,
            petition=petition,
            email=PREVIEW_EMAIL,
            first_name=PREVIEW_NAME,
            organization=organization_get(),
        )
        context = {
            **self._context(request, update, f"Preview: {update.subject}"),
            "petition": petition,
            "message": message,
            "html": message.alternatives[0][0],
            # What signers who signed in Spanish get (the English when the
            # update has no Spanish subject and body).
            "message_es": update_message(
                update=update,
                petition=petition,
                email=PREVIEW_EMAIL,
                first_name=PREVIEW_NAME,
                organization=organization_get(),
                language="es",
            ),
            "eligible": selectors.update_eligible_count(campaign=update.campaign),
            "organization_problem": services.organization_problem(),
        }
        return TemplateResponse(
            request, "admin/petitions/campaignupdate/preview.html", context
        )

    def send_view(self, request, update_id):
        """GET: "Send to N signers?" with the button; POST: start sending."""
        update = self._update_or_404(request, update_id)
        if not updates_send_allowed(request.user):
            raise PermissionDenied
        if not update.is_draft:
            return redirect("admin:petitions_campaignupdate_status", update.pk)
        if request.method == "POST":
            try:
                services.update_send_start(update=update, user=request.user)
            except services.UpdateRefused as refused:
                messages.warning(request, str(refused))
                return redirect("admin:petitions_campaignupdate_preview", update.pk)
            return redirect("admin:petitions_campaignupdate_status", update.pk)
        context = {
            **self._context(request, update, f"Send: {update.subject}"),
            "eligible": selectors.update_eligible_count(campaign=update.campaign),
            "organization_problem": services.organization_problem(),
        }
        return TemplateResponse(
            request, "admin/petitions/campaignupdate/send.html", context
        )

    def status_view(self, request, update_id):
        update = self._update_or_404(request, update_id)
        context = {
            **self._context(request, update, f"Sending: {update.subject}"),
            "status": selectors.update_status(update=update),
        }
        return TemplateResponse(
            request, "admin/petitions/campaignupdate/status.html", context
        )

    def status_json_view(self, request, update_id):
        update = self._update_or_404(request, update_id)
        return JsonResponse(selectors.update_status(update=update))
