from django.conf import settings


def site(request):
    """Values every template uses: the site name and whether DEBUG is on."""
    return {"SITE_NAME": settings.SITE_NAME, "DEBUG": settings.DEBUG}


def languages(request):
    """The page's language, its twin in the other language, hreflang alternates
    (core.i18n.language_context)."""
    from core.i18n import language_context

    return language_context(request)
