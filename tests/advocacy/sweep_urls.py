"""Test-only URLs: the real site plus views that fail, to render the error pages.

Never part of production URLs: tests switch ROOT_URLCONF to this module.
"""

from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.urls import path

from advocacy import urls as site_urls


def broken_view(request):
    raise RuntimeError("a bug the visitor must never see")


def forbidden_view(request):
    raise PermissionDenied


def database_down_view(request):
    raise OperationalError("connection to server at 127.0.0.1 port 5432 failed")


urlpatterns = [
    path("sweep-403/", forbidden_view),
    path("sweep-500/", broken_view),
    path("sweep-503/", database_down_view),
    # The site's own patterns, not include(): i18n_patterns (the /es/ pages)
    # must sit in the root URLconf.
    *site_urls.urlpatterns,
]
handler403 = "advocacy.views.permission_denied"
handler404 = "advocacy.views.page_not_found"
handler500 = "advocacy.views.server_error"
