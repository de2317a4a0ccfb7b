"""Organizer tools: petitions, signatures (filters, search, streaming CSV
export) and a per-day view for each petition.

Every place that shows signer data asks `signer_data_access_allowed`.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.cache import never_cache

from . import selectors
from .delivery import selectors as delivery_selectors
from .delivery import services as delivery_services
from .export import district_csv_response, signature_csv_response
from .models import DeliveryBuild, Petition, Signature
from .permissions import signer_data_access_allowed


class ConfirmedFilter(admin.SimpleListFilter):
    title = "confirmed"
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", "Confirmed"), ("no", "Not confirmed")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(confirmed_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(confirmed_at__isnull=True)
        return queryset


@admin.register(Petition)
class PetitionAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "is_open", "ends_at", "goal", "confirmed", "tools"]
    list_filter = ["is_open", "requires_confirmation"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at", "organizer_links"]
    fieldsets = [
        # English and Spanish side by side; an empty Spanish title or text: the
        # Spanish page shows the English with a note (petition_in_language).
        (
            None,
            {
                "fields": [
                    ("title", "title_es"),
                    "slug",
                    ("summary", "summary_es"),
                    ("text", "text_es"),
                    ("target", "target_es"),
                    "goal",
                ]
            },
        ),
        ("Signing", {"fields": ["is_open", "ends_at", "requires_confirmation"]}),
        ("Record", {"fields": ["created_at", "updated_at", "organizer_links"]}),
    ]

    @admin.display(description="signatures")
    def organizer_links(self, obj):
        if obj.pk is None:
            return "-"
        return format_html(
            '<a href="{}">Signatures per day</a> · <a href="{}">Per district</a> · '
            '<a href="{}">Signatures</a> · '
            '<a href="{}">Export CSV</a> · <a href="{}">Public page</a>',
            reverse("admin:petitions_petition_per_day", args=[obj.pk]),
            reverse("admin:petitions_petition_districts", args=[obj.pk]),
            reverse("admin:petitions_signature_changelist")
            + f"?petition__id__exact={obj.pk}",
            reverse("admin:petitions_signature_export")
            + f"?petition__id__exact={obj.pk}",
            obj.get_absolute_url(),
        )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_confirmed=Count(
                    "signatures", filter=Q(signatures__confirmed_at__isnull=False)
                )
            )
        )

    @admin.display(description="confirmed signatures", ordering="n_confirmed")
    def confirmed(self, obj):
        return obj.n_confirmed

    @admin.display(description="tools")
    def tools(self, obj):
        return format_html(
            '<a href="{}">Per day</a>',
            reverse("admin:petitions_petition_per_day", args=[obj.pk]),
        )

    change_form_template = "admin/petitions/petition/change_form.html"
    actions = ["build_delivery_packets"]

    def get_urls(self):
        view = self.admin_site.admin_view
        custom = [
            path(
                "<int:petition_id>/per-day/",
                view(self.per_day_view),
                name="petitions_petition_per_day",
            ),
            path(
                "<int:petition_id>/districts/",
                view(self.districts_view),
                name="petitions_petition_districts",
            ),
            path(
                "<int:petition_id>/delivery/",
                view(self.delivery_view),
                name="petitions_petition_delivery",
            ),
            path(
                "delivery/<int:build_id>/",
                view(self.delivery_status_view),
                name="petitions_deliverybuild_status",
            ),
            path(
                "delivery/<int:build_id>/status.json",
                view(never_cache(self.delivery_status_json_view)),
                name="petitions_deliverybuild_status_json",
            ),
            path(
                "delivery/<int:build_id>/download/",
                view(never_cache(self.delivery_download_view)),
                name="petitions_deliverybuild_download",
            ),
        ]
        return custom + super().get_urls()

    # -- Delivery packets: only for staff who may export signer data --------

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not signer_data_access_allowed(request.user):
            actions.pop("build_delivery_packets", None)
        return actions

    @admin.action(description="Build delivery packets for the selected petitions")
    def build_delivery_packets(self, request, queryset):
        if not signer_data_access_allowed(request.user):
            raise PermissionDenied
        for petition in queryset:
            try:
                build = delivery_services.delivery_build_start(
                    petition=petition, user=request.user
                )
            except delivery_services.DeliveryRefused as refused:
                self.message_user(request, f"{petition}: {refused}", messages.WARNING)
                continue
            self.message_user(
                request,
                format_html(
                    '{}: building delivery packets. <a href="{}">Follow its progress</a>.',
                    petition,
                    reverse("admin:petitions_deliverybuild_status", args=[build.pk]),
                ),
                messages.SUCCESS,
            )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "delivery_allowed": signer_data_access_allowed(request.user),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def _delivery_context(self, request, title, petition):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "petition": petition,
        }

    def delivery_view(self, request, petition_id):
        """GET: the petition's packet builds and a button; POST: start a build."""
        petition = get_object_or_404(Petition, pk=petition_id)
        if not signer_data_access_allowed(request.user):
            raise PermissionDenied
        if request.method == "POST":
            try:
                build = delivery_services.delivery_build_start(
                    petition=petition, user=request.user
                )
            except delivery_services.DeliveryRefused as refused:
                messages.warning(request, str(refused))
                if refused.build is not None:
                    return redirect(
                        "admin:petitions_deliverybuild_status", refused.build.pk
                    )
                return redirect("admin:petitions_petition_delivery", petition.pk)
            return redirect("admin:petitions_deliverybuild_status", build.pk)
        builds = delivery_selectors.delivery_builds_for_petition(petition=petition)
        context = {
            **self._delivery_context(
                request, f"Delivery packets: {petition.title}", petition
            ),
            "builds": builds,
            "active": next((b for b in builds if b.is_active), None),
            "counts": selectors.signatures_confirmed_by_state(petition=petition),
            "organization_problem": delivery_selectors.organization_problem(),
        }
        context["total"] = sum(context["counts"].values())
        return TemplateResponse(
            request, "admin/petitions/petition/delivery.html", context
        )

    def _build_or_404(self, request, build_id):
        if not signer_data_access_allowed(request.user):
            raise PermissionDenied
        try:
            return delivery_selectors.delivery_build_get(build_id=build_id)
        except DeliveryBuild.DoesNotExist:
            raise Http404("No such delivery build.") from None

    def _status(self, build):
        status = delivery_selectors.delivery_build_status(build=build)
        status["download_url"] = (
            reverse("admin:petitions_deliverybuild_download", args=[build.pk])
            if status["ready"]
            else ""
        )
        return status

    def delivery_status_view(self, request, build_id):
        """Progress of one build: a <progress> bar that static JS refreshes from
        the JSON endpoint (and, without JS, a meta refresh while it runs)."""
        build = self._build_or_404(request, build_id)
        context = {
            **self._delivery_context(
                request, f"Delivery packets: {build.petition.title}", build.petition
            ),
            "build": build,
            "status": self._status(build),
        }
        return TemplateResponse(
            request, "admin/petitions/petition/delivery_status.html", context
        )

    def delivery_status_json_view(self, request, build_id):
        build = self._build_or_404(request, build_id)
        return JsonResponse(self._status(build))

    def delivery_download_view(self, request, build_id):
        """Stream the finished ZIP from private storage."""
        build = self._build_or_404(request, build_id)
        path = delivery_selectors.delivery_build_file(build=build)
        if path is None:
            raise Http404("These delivery packets are not ready or no longer exist.")
        return FileResponse(
            path.open("rb"),
            as_attachment=True,
            filename=build.file_name,
            content_type="application/zip",
        )

    def per_day_view(self, request, petition_id):
        """Signatures made and confirmed per day for one petition."""
        petition = get_object_or_404(Petition, pk=petition_id)
        if not signer_data_access_allowed(request.user):
            raise PermissionDenied
        rows = selectors.petition_signatures_by_day(petition=petition)
        peak = max([max(r["signed"], r["confirmed"]) for r in rows] or [1])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Signatures per day: {petition.title}",
            "petition": petition,
            "rows": rows,
            "peak": peak,
            "total_signed": sum(r["signed"] for r in rows),
            "total_confirmed": sum(r["confirmed"] for r in rows),
            "export_url": reverse("admin:petitions_signature_export")
            + f"?petition__id__exact={petition.pk}",
        }
        return TemplateResponse(
            request, "admin/petitions/petition/per_day.html", context
        )

    def districts_view(self, request, petition_id):
        """Confirmed signatures per legislative district (from the signers' ZIP
        codes), every state and chamber; `?format=csv` downloads the same rows."""
        petition = get_object_or_404(Petition, pk=petition_id)
        if not signer_data_access_allowed(request.user):
            raise PermissionDenied
        rows = selectors.petition_district_counts(petition=petition)
        if request.GET.get("format") == "csv":
            return district_csv_response(petition=petition, rows=rows)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Signatures per district: {petition.title}",
            "petition": petition,
            "rows": rows,
            "csv_url": "?format=csv",
        }
        return TemplateResponse(
            request, "admin/petitions/petition/districts.html", context
        )


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    change_list_template = "admin/petitions/signature/change_list.html"
    list_display = [
        "first_name",
        "last_name",
        "email",
        "state",
        "zip_code",
        "petition",
        "created_at",
        "is_confirmed",
        "list_publicly",
        "may_contact",
    ]
    list_filter = [
        "petition",
        ConfirmedFilter,
        "state",
        "created_at",
        "list_publicly",
        "may_contact",
    ]
    search_fields = ["first_name", "last_name", "email", "zip_code", "comment"]
    date_hierarchy = "created_at"
    list_select_related = ["petition"]
    show_full_result_count = False
    # Signers' own words are kept as given; organizers may only hide a name
    # from the public list (moderation) or delete the signature.
    fields = [
        "petition",
        "first_name",
        "last_name",
        "email",
        "zip_code",
        "state",
        "comment",
        "list_publicly",
        "may_contact",
        "created_at",
        "confirmed_at",
        "confirmation_sent_at",
        "last_confirmation_sent_at",
    ]
    readonly_fields = [f for f in fields if f != "list_publicly"]

    @admin.display(boolean=True, description="confirmed", ordering="confirmed_at")
    def is_confirmed(self, obj):
        return obj.confirmed_at is not None

    # One rule for seeing signer data at all.
    def has_module_permission(self, request):
        return signer_data_access_allowed(request.user)

    def has_view_permission(self, request, obj=None):
        return signer_data_access_allowed(request.user)

    def has_change_permission(self, request, obj=None):
        return signer_data_access_allowed(
            request.user
        ) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return signer_data_access_allowed(
            request.user
        ) and super().has_delete_permission(request, obj)

    def has_add_permission(self, request):
        return False  # signatures come only from signers themselves

    def get_urls(self):
        custom = [
            path(
                "export/",
                self.admin_site.admin_view(self.export_view),
                name="petitions_signature_export",
            ),
        ]
        return custom + super().get_urls()

    def export_view(self, request):
        """Stream the signatures the change list currently shows (same filters
        and search) as CSV."""
        if not signer_data_access_allowed(request.user):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        queryset = changelist.get_queryset(request)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return signature_csv_response(queryset, filename=f"signatures-{stamp}.csv")

    def changelist_view(self, request, extra_context=None):
        query = request.GET.urlencode()
        export_url = reverse("admin:petitions_signature_export") + (
            f"?{query}" if query else ""
        )
        extra_context = {**(extra_context or {}), "export_url": export_url}
        return super().changelist_view(request, extra_context=extra_context)


# Campaign updates register their admin beside the petitions'.
from .updates import admin as updates_admin  # noqa: E402,F401
