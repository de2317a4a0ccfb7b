from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from . import act, campaigns, states, views

# Outside the language prefix: one address whatever the reader's language.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("about/logo.png", views.organization_logo, name="about-logo"),
    path("share.png", campaigns.site_preview, name="share-image"),
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

# The public pages: English where they always were, Spanish under /es/
# (core.i18n; the URL alone carries the language).
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("about/", views.about, name="about"),
    path("campaigns/", include((campaigns.urlpatterns, campaigns.app_name))),
    path("guides/", include("guides.urls")),
    path("petitions/", include("petitions.urls")),
    path("letters/", include("letters.urls")),
    path("states/", include((states.urlpatterns, states.app_name))),
    path("act/", include((act.urlpatterns, act.app_name))),
    prefix_default_language=False,
)

handler403 = "advocacy.views.permission_denied"
handler404 = "advocacy.views.page_not_found"
handler500 = "advocacy.views.server_error"
