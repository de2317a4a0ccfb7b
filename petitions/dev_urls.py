"""/dev/outbox/: the development email outbox. Registered always, but every
view answers 404 unless settings.DEBUG is on."""

from django.urls import path

from . import views

app_name = "dev"
urlpatterns = [
    path("", views.dev_outbox, name="outbox"),
    path("<str:key>/", views.dev_outbox_message, name="outbox-message"),
]
