"""The organization in the admin: one row, so no add button once it exists,
and the list goes straight to that row."""

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.shortcuts import redirect

from .images import LOGO_ACCEPT, logo_png
from .models import Organization


class OrganizationAdminForm(forms.ModelForm):
    # A plain file field: Pillow's check and its message are logo_png's, not
    # forms.ImageField's ("Upload a valid image...").
    logo = forms.FileField(
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": LOGO_ACCEPT}),
        help_text=Organization._meta.get_field("logo").help_text,
    )

    class Meta:
        model = Organization
        fields = ["logo"]  # the admin's `fields` add the rest

    def clean_logo(self):
        """A new upload becomes the stored PNG here (resized, metadata gone);
        a bad one is refused with logo_png's message."""
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            return logo_png(logo)
        return logo


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    form = OrganizationAdminForm
    fields = [
        "name",
        ("description", "description_es"),
        "postal_address",
        "email",
        "phone",
        "website",
        "logo",
    ]
    readonly_fields = ["updated_at"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "website":
            kwargs["assume_scheme"] = "https"  # "datadignity.org" -> https://
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_add_permission(self, request):
        exists = Organization.objects.filter(pk=Organization.SINGLETON_ID).exists()
        return not exists and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False  # packets and pages need it; edit it instead

    def changelist_view(self, request, extra_context=None):
        if Organization.objects.filter(pk=Organization.SINGLETON_ID).exists():
            return redirect("admin:core_organization_change", Organization.SINGLETON_ID)
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        organization = self.get_object(request, object_id)
        if organization is not None and request.method == "GET":
            fields = organization.placeholder_fields()
            if fields:
                self.message_user(
                    request,
                    "Still to replace: " + ", ".join(fields) + ". Delivery packets "
                    "print these on their letterhead and cannot be built until then.",
                    level="warning",
                )
        return super().change_view(request, object_id, form_url, extra_context)
