from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from . import act, campaigns, states, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("privacy/", views.privacy, name="privacy"),
    path("about/", views.about, name="about"),
    path("about/logo.png", views.organization_logo, name="about-logo"),
    path("share.png", campaigns.site_preview, name="share-image"),
    path("campaigns/", include((campaigns.urlpatterns, campaigns.app_name))),
    path("guides/", include("guides.urls")),
    path("petitions/", include("petitions.urls")),
    path("letters/", include("letters.urls")),
    path("states/", include((states.urlpatterns, states.app_name))),
    path("act/", include((act.urlpatterns, act.app_name))),
    # Development email outbox: every view 404s unless settings.DEBUG is on.
    path("dev/outbox/", include("petitions.dev_urls")),
    # States and their laws moved from the letters app to the states app:
    # organizers' bookmarks of the old admin pages still arrive.
    re_path(
        r"^admin/letters/(?P<rest>(?:state|privacylaw)/.*)$",
        RedirectView.as_view(url="/admin/states/%(rest)s", query_string=True),
    ),
    path("admin/", admin.site.urls),
]

handler403 = "advocacy.views.permission_denied"
handler404 = "advocacy.views.page_not_found"
handler500 = "advocacy.views.server_error"
