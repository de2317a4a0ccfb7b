from django.urls import path

from advocacy.views import coming_soon

app_name = "letters"
urlpatterns = [
    path("", coming_soon, {"title": "Write your legislator"}, name="start"),
]
