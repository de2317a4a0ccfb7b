"""Pages that belong to the whole site: home, about, health check, privacy, errors."""

from django.conf import settings
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.files import organization_storage
from core.i18n import number_text
from core.selectors import organization_get, organization_public
from guides.selectors import guide_changes_latest

from .featured import campaign_links, featured_action

# The logo's address carries ?v=<last save>: a browser may keep what it
# fetched under that address for a year (a new logo gets a new address).
LOGO_MAX_AGE = 365 * 24 * 60 * 60
LOGO_UNVERSIONED_MAX_AGE = 5 * 60


def home(request):
    return render(
        request,
        "advocacy/home.html",
        {"latest_changes": guide_changes_latest(), "featured": featured_action()},
    )


@require_safe
def about(request):
    """Who runs the site, how to reach them, what they do with data, and the
    live campaigns. While the organization is still the seeded placeholder,
    it says so instead of printing the placeholder's made-up details."""
    return render(
        request,
        "advocacy/about.html",
        {
            "org": organization_public(),
            "campaigns": campaign_links(),
            "contact_email": settings.PRIVACY_CONTACT_EMAIL,
        },
    )


@require_safe
def organization_logo(request):
    """The organization's logo (a PNG made on upload, core.images), from our
    own origin. 404 when there is none. The ETag is the stored file's name,
    which every new upload changes."""
    organization = organization_get()
    if organization is None or not organization.has_logo:
        raise Http404("No logo")
    etag = f'"{organization.logo_name}"'
    versioned = request.GET.get("v") == str(organization.version)
    max_age = LOGO_MAX_AGE if versioned else LOGO_UNVERSIONED_MAX_AGE
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        try:
            handle = organization_storage().open(organization.logo_name, "rb")
        except FileNotFoundError as exc:
            raise Http404("No logo") from exc
        response = FileResponse(handle, content_type="image/png")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=max_age)
    if versioned:
        patch_cache_control(response, immutable=True)
    return response


@never_cache
def healthz(request):
    """Answer 200 "ok" once the database answers a query; 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return HttpResponse(
            "database unavailable\n", status=503, content_type="text/plain"
        )
    return HttpResponse("ok\n", content_type="text/plain")


def _duration(seconds):
    """ "10 minutes", "1 hour", "2 hours", "30 days" (in Spanish "30 días"):
    the largest exact unit, in the active language."""
    seconds = int(seconds)
    units = (
        (86400, lambda n: ngettext("%(count)s day", "%(count)s days", n)),
        (3600, lambda n: ngettext("%(count)s hour", "%(count)s hours", n)),
        (60, lambda n: ngettext("%(count)s minute", "%(count)s minutes", n)),
    )
    for size, words in units:
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return words(count) % {"count": number_text(count)}
    return ngettext("%(count)s second", "%(count)s seconds", seconds) % {
        "count": number_text(seconds)
    }


def privacy_facts():
    """What /privacy/ states about retention, read from the settings and code that do it.

    Each value is (seconds, words), so the page cannot drift from what runs.
    """
    from letters.services import FLOW_MAX_AGE

    beat = settings.CELERY_BEAT_SCHEDULE
    day = 24 * 60 * 60
    seconds = {
        "unconfirmed": settings.PETITION_UNCONFIRMED_MAX_AGE_DAYS * day,
        "purge_every": beat["petitions-purge-unconfirmed"]["schedule"],
        "confirm_link": settings.PETITION_CONFIRM_MAX_AGE_DAYS * day,
        "withdraw_link": settings.PETITION_WITHDRAW_MAX_AGE_DAYS * day,
        "sign_window": settings.PETITION_SIGN_RATE_WINDOW_SECONDS,
        "report_window": settings.GUIDES_REPORT_WINDOW_SECONDS,
        "zip_window": settings.ZIP_LOOKUP_RATE_WINDOW_SECONDS,
        # A count runs for its window; a pause it starts, for the lockout.
        "login_window": max(
            settings.ADMIN_LOGIN_WINDOW_SECONDS, settings.ADMIN_LOGIN_LOCKOUT_SECONDS
        ),
        "letter": FLOW_MAX_AGE,
        "session_sweep": beat["letters-clear-expired-sessions"]["schedule"],
        "packets": settings.DELIVERY_KEEP_DAYS * day,
        # Letters we send for the writer (issue 18).
        "sent_letters": settings.LETTERS_KEEP_DAYS * day,
        "unconfirmed_letters": settings.LETTERS_UNCONFIRMED_KEEP_DAYS * day,
        "followup": settings.LETTERS_FOLLOWUP_DAYS * day,
        "letters_forget_every": beat["letters-forget"]["schedule"],
        "session_cookie": settings.SESSION_COOKIE_AGE,
        "csrf_cookie": settings.CSRF_COOKIE_AGE,
    }
    facts = {}
    for name, value in seconds.items():
        words = _duration(value)
        facts[name] = {
            "seconds": int(value),
            "words": words,
            # The figure as the page marks it (tests read data-fact).
            "html": format_html(
                '<span data-fact="{}" data-seconds="{}">{}</span>',
                name,
                int(value),
                words,
            ),
        }
    return facts


def privacy(request):
    return render(
        request,
        "advocacy/privacy.html",
        {
            "facts": privacy_facts(),
            "session_cookie_name": settings.SESSION_COOKIE_NAME,
            "csrf_cookie_name": settings.CSRF_COOKIE_NAME,
            "contact_email": settings.PRIVACY_CONTACT_EMAIL,
        },
    )


def coming_soon(request, title):
    """An honest placeholder for a path that another piece of work will build."""
    return render(request, "advocacy/coming_soon.html", {"title": title})


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW: the site's page instead of Django's bare one.

    Django's own page carries an inline style that the site's CSP blocks.
    """
    return render(request, "403_csrf.html", {"reason": reason}, status=403)


def server_error(request):
    # Rendered without the request (no session, messages or database: any of
    # them may be the problem); a database outage gets the 503 page instead.
    from core.middleware import server_error_response

    return server_error_response()
