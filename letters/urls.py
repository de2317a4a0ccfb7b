from django.urls import path, register_converter

from . import views, zip_views


class StateAbbrConverter:
    """Two letters: a USPS state code ("va"); views redirect other cases to lower case."""

    regex = "[A-Za-z]{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value).lower()


register_converter(StateAbbrConverter, "abbr")

app_name = "letters"
urlpatterns = [
    path("", views.start, name="start"),
    # A campaign's letter (/campaigns/<slug>/ itself is the campaign's page).
    path("campaign/<slug:slug>/", views.campaign_start, name="campaign-start"),
    path("<abbr:abbr>/", views.recipients, name="recipients"),
    path("<abbr:abbr>/write/", views.write, name="write"),
    path("<abbr:abbr>/preview/", views.preview, name="preview"),
    path("<abbr:abbr>/send/", views.send, name="send"),
    path("<abbr:abbr>/download/", views.download, name="download"),
]
# ZIP lookup (issue 9); "zip" is three letters, so "<abbr>/" never catches it.
urlpatterns.insert(
    1, path("zip/<str:zip_code>.json", zip_views.zip_json, name="zip-json")
)

# Issue 18: "Send it by email for me" (letters/sending_views.py).
from . import sending_views  # noqa: E402

urlpatterns += [
    path("<abbr:abbr>/send/email/", sending_views.send_email, name="send-email"),
    path("sent/<str:token>/", sending_views.request_status, name="sending-status"),
    path(
        "sent/<str:token>/confirm/",
        sending_views.request_confirm,
        name="sending-confirm",
    ),
    path("reply/<str:token>/", sending_views.followup_reply, name="sending-reply"),
    path("responses/", sending_views.responses, name="sending-responses"),
]
