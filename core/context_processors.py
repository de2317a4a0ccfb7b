from django.conf import settings
from django.utils.functional import SimpleLazyObject


def _organization_or_none():
    """organization_public(), or None while the database is away: pages that
    need no database (the "check your email" page after an outage, error
    pages) must not fail for their footer."""
    from .middleware import DATABASE_ERRORS
    from .selectors import organization_public

    try:
        return organization_public()
    except DATABASE_ERRORS:
        return None


def site(request):
    """Values every template uses: the site name, whether DEBUG is on, and
    `site_org`, the organization for the footer (None while it is still the
    placeholder). `site_org` is read only by a template that uses it, from
    the cache (core.selectors): no database query on a warm page."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "DEBUG": settings.DEBUG,
        "site_org": SimpleLazyObject(_organization_or_none),
    }


def languages(request):
    """The page's language, its twin in the other language, hreflang alternates
    (core.i18n.language_context)."""
    from core.i18n import language_context

    return language_context(request)
