from django.urls import path

from advocacy.views import coming_soon

app_name = "guides"
urlpatterns = [
    path("", coming_soon, {"title": "Opt-out guides"}, name="index"),
]
