from django.contrib import admin
from django.urls import include, path

from . import act, states, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("privacy/", views.privacy, name="privacy"),
    path("guides/", include("guides.urls")),
    path("petitions/", include("petitions.urls")),
    path("letters/", include("letters.urls")),
    path("states/", include((states.urlpatterns, states.app_name))),
    path("act/", include((act.urlpatterns, act.app_name))),
    # Development email outbox: every view 404s unless settings.DEBUG is on.
    path("dev/outbox/", include("petitions.dev_urls")),
    path("admin/", admin.site.urls),
]

handler404 = "advocacy.views.page_not_found"
handler500 = "advocacy.views.server_error"
