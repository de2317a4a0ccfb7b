from django.urls import path

from advocacy.views import coming_soon

app_name = "petitions"
urlpatterns = [
    path("", coming_soon, {"title": "The petition"}, name="index"),
    path("state-privacy-law/", coming_soon, {"title": "The petition"}, name="detail-default"),
]
