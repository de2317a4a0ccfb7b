"""Security headers on every response.

A strict Content-Security-Policy (no inline scripts or styles, nothing from
another origin), a same-origin referrer policy and a Permissions-Policy that
denies powerful features. The petition embed page may be framed by other
sites: views mark that with `frame_ancestors_allowed`.

When the database is unreachable (restart, failover, network), requests that
need it get a clean 503 page with `Retry-After` instead of a traceback or a
hang; the error pages render from a static context so they work without the
database, the session or the message storage.
"""

import logging
import sys
from functools import wraps

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

# Seconds a client (or a proxy) should wait before retrying during an outage.
RETRY_AFTER_SECONDS = 30
DATABASE_ERRORS = (OperationalError, InterfaceError)

PUBLIC_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'self'; "
    "object-src 'none'; frame-ancestors {ancestors}"
)
# Django's admin sets inline style attributes; it is staff-only and same-origin.
ADMIN_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; form-action 'self'; base-uri 'self'; object-src 'none'; "
    "frame-ancestors 'none'"
)
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)


def frame_ancestors_allowed(view):
    """Let any site put this view's page in an iframe (the petition embed)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.frame_ancestors_allowed = True
        response.xframe_options_exempt = True
        return response

    return wrapped


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            csp = ADMIN_CSP
        else:
            embeddable = getattr(response, "frame_ancestors_allowed", False)
            csp = PUBLIC_CSP.format(ancestors="*" if embeddable else "'none'")
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


def static_error_response(template_name, *, status):
    """Render an error page without the request: no database, session or messages.

    The template gets only the site name, so it renders whatever else is down.
    """
    html = loader.get_template(template_name).render({"SITE_NAME": settings.SITE_NAME})
    return HttpResponse(html, status=status)


def database_unavailable_response():
    response = static_error_response("503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def is_database_error(exc):
    return isinstance(exc, DATABASE_ERRORS)


class DatabaseUnavailableMiddleware:
    """Turn "cannot reach the database" in a view into a clean 503 page.

    Django closes the broken connection at the end of the request, and
    CONN_HEALTH_CHECKS replaces a stale one at the start of the next, so the
    site recovers by itself when the database is back. Errors raised outside
    a view (e.g. while saving the session) reach `server_error_response` via
    handler500, which makes the same choice.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_error(exception):
            return None
        logger.warning(
            "database unavailable: %s",
            type(exception).__name__,
            extra={"request": request, "status_code": 503},
        )
        return database_unavailable_response()


def server_error_response():
    """The handler500 page: a 503 for a database outage, else the site's 500 page.

    Called by Django inside its exception handler (DEBUG off), so the current
    exception is in `sys.exc_info()`. Never shows a traceback.
    """
    exc = sys.exc_info()[1]
    if exc is not None and is_database_error(exc):
        return database_unavailable_response()
    return static_error_response("500.html", status=500)


class ProxiedClientAddressMiddleware:
    """Behind the nginx proxy, take the client address from X-Real-IP.

    gunicorn sees every request coming from the proxy, so rate limits (which
    hash REMOTE_ADDR, never store it) would lump all visitors together. The
    header is trusted only when the direct peer is one of
    settings.TRUSTED_PROXY_IPS; nginx overwrites whatever the client sent
    (`proxy_set_header X-Real-IP $remote_addr`, deploy/nginx/advocacy.conf).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted = set(settings.TRUSTED_PROXY_IPS)

    def __call__(self, request):
        real_ip = request.META.get("HTTP_X_REAL_IP", "").strip()
        if real_ip and request.META.get("REMOTE_ADDR") in self.trusted:
            request.META["REMOTE_ADDR"] = real_ip
        return self.get_response(request)
