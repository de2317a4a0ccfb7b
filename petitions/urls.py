from django.urls import path

from . import views

app_name = "petitions"
urlpatterns = [
    path("", views.petition_index, name="index"),
    path(
        "updates/unsubscribe/<str:token>/",
        views.update_unsubscribe,
        name="update-unsubscribe",
    ),
    path("<slug:slug>/", views.petition_detail, name="detail"),
    path("<slug:slug>/sign/", views.signature_create, name="sign"),
    path("<slug:slug>/thanks/", views.signature_thanks, name="sign-thanks"),
    path(
        "<slug:slug>/confirm/<str:token>/", views.signature_confirm, name="sign-confirm"
    ),
    path(
        "<slug:slug>/withdraw/<str:token>/",
        views.signature_withdraw,
        name="sign-withdraw",
    ),
    path("<slug:slug>/count.json", views.petition_count_json, name="count-json"),
    path("<slug:slug>/embed/", views.petition_embed, name="embed"),
]
