from django.conf import settings


def site(request):
    """Values every template uses: the site name and whether DEBUG is on."""
    return {"SITE_NAME": settings.SITE_NAME, "DEBUG": settings.DEBUG}
