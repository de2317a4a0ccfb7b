"""The admin site with the campaign dashboard on its home page.

Installed in place of "django.contrib.admin" (INSTALLED_APPS), so every
`admin.site.register` and `@admin.register` in the apps lands here.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class AdvocacyAdminSite(admin.AdminSite):
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
