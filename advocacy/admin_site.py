"""The admin site with the campaign dashboard on its home page.

Installed in place of "django.contrib.admin" (INSTALLED_APPS), so every
`admin.site.register` and `@admin.register` in the apps lands here.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class AdvocacyAdminSite(admin.AdminSite):
    @property
    def login_form(self):
        # Imported here: this module loads with the app registry (INSTALLED_APPS),
        # before django.contrib.auth's forms can be imported.
        from .admin_login import LimitedAdminAuthenticationForm

        return LimitedAdminAuthenticationForm

    def login(self, request, extra_context=None):
        """Django's sign-in page; a paused sign-in answers 429 with Retry-After."""
        response = super().login(request, extra_context)
        form = (getattr(response, "context_data", None) or {}).get("form")
        lockout = getattr(form, "lockout", None)
        if lockout is not None:
            response.status_code = 429
            response["Retry-After"] = str(lockout.seconds_left)
        return response

    def index(self, request, extra_context=None):
        """Admin home: Django's app list, with the dashboard sections the user
        may see above it (templates/admin/index.html)."""
        from .dashboard import campaign_dashboard

        extra_context = {
            **(extra_context or {}),
            "campaign_dashboard": campaign_dashboard(user=request.user),
        }
        return super().index(request, extra_context)


class AdvocacyAdminConfig(AdminConfig):
    default_site = "advocacy.admin_site.AdvocacyAdminSite"
