from django.urls import path

from . import views

app_name = "guides"
urlpatterns = [
    path("", views.guide_index, name="index"),
    path("<slug:slug>/", views.guide_detail, name="detail"),
    path("<slug:slug>/report/", views.guide_report, name="report"),
]
