"""Security headers, and clean error pages while the database is down.

Headers: Django's SecurityMiddleware sends Referrer-Policy, nosniff and
Cross-Origin-Opener-Policy (SECURE_* settings) and XFrameOptionsMiddleware
X-Frame-Options; django-csp sends the Content-Security-Policy configured in
settings.CONTENT_SECURITY_POLICY (no inline scripts or styles, nothing from
another origin). Two things of ours remain, each because no library does it:

- `PermissionsPolicyMiddleware`: neither Django nor django-csp sends a
  Permissions-Policy header (denies camera, microphone, geolocation...).
- `CSPMiddleware`, a small subclass of django-csp's: (a) the admin's pages get
  `style-src 'unsafe-inline'` (Django's admin sets inline style attributes;
  staff-only and same-origin), which django-csp can only do per view, not per
  URL prefix; (b) the header lists the directives in the order of the
  settings. django-csp 4.0 builds it from a `set` of names, so the order
  changes from process to process with the string hash seed, and tests assert
  e.g. `"script-src 'self';"` (tests/advocacy/test_production.py
  `assert_strict_headers`); tests/core/test_csp.py shows the stock order
  varying, so (b) can go when that test fails on a django-csp upgrade.

The petition embed page may be framed by other sites: views mark that with
`frame_ancestors_allowed` (django-csp's `csp_replace` for frame-ancestors, and
Django's `xframe_options_exempt`).

When the database is unreachable (restart, failover, network), requests that
need it get a clean 503 page with `Retry-After` instead of a traceback or a
hang; the error pages render from a static context so they work without the
database, the session or the message storage.
"""

import ipaddress
import logging
import sys

from csp import middleware as csp_middleware
from csp.constants import HEADER
from csp.decorators import csp_replace
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.decorators.clickjacking import xframe_options_exempt

from core.ratelimit import parse_ip

logger = logging.getLogger(__name__)

# Seconds a client (or a proxy) should wait before retrying during an outage.
RETRY_AFTER_SECONDS = 30
DATABASE_ERRORS = (OperationalError, InterfaceError)

# Django's admin sets inline style attributes; it is staff-only and same-origin.
ADMIN_PATH_PREFIX = "/admin/"
ADMIN_CSP_UPDATE = {"style-src": ["'unsafe-inline'"]}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)


def frame_ancestors_allowed(view):
    """Let any site put this view's page in an iframe (the petition embed)."""
    return xframe_options_exempt(csp_replace({"frame-ancestors": ["*"]})(view))


class CSPMiddleware(csp_middleware.CSPMiddleware):
    """django-csp's middleware, plus the admin's inline styles and a fixed order."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path.startswith(ADMIN_PATH_PREFIX):
            update = dict(parts.update or {})
            for name, sources in ADMIN_CSP_UPDATE.items():
                update[name] = [*sources, *update.get(name, ())]
            parts.update = update
        return parts

    def process_response(self, request, response):
        preset = HEADER in response
        response = super().process_response(request, response)
        if not preset and HEADER in response:
            response[HEADER] = in_settings_order(response[HEADER])
        return response


def in_settings_order(policy):
    """The policy's directives in the order of CONTENT_SECURITY_POLICY."""
    names = list(settings.CONTENT_SECURITY_POLICY.get("DIRECTIVES", {}))
    rank = {name: i for i, name in enumerate(names)}
    parts = [part.strip() for part in policy.split(";") if part.strip()]
    parts.sort(key=lambda part: rank.get(part.split(" ", 1)[0], len(names)))
    return "; ".join(parts)


class PermissionsPolicyMiddleware:
    """Send Permissions-Policy, which neither Django nor django-csp sends."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
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
    """Take the client address from a proxy's header, only from a trusted proxy.

    Behind nginx, gunicorn sees every request coming from the proxy, so rate
    limits (which hash REMOTE_ADDR, never store it) would lump all visitors
    together. Forwarded headers are whatever the client wrote unless a proxy
    we know overwrote them, so they are believed in two cases only, and by
    default in neither (every settings module):

    - the direct peer is in settings.TRUSTED_PROXY_IPS (addresses or networks,
      e.g. nginx on this host: `127.0.0.1,::1`; deploy/advocacy.env.example).
      Then X-Real-IP names the client (nginx overwrites whatever the client
      sent: `proxy_set_header X-Real-IP $remote_addr`,
      deploy/nginx/advocacy.conf); without it, the right-most X-Forwarded-For
      entry that is not itself a trusted proxy (a load balancer appends the
      address it saw);
    - settings.TRUSTED_PROXY_HOPS is N > 0: a platform router whose address
      is not known in advance (Heroku-like Procfile platforms) appends the
      peer to X-Forwarded-For, so the N-th entry from the right is the client
      (fewer entries: the left-most). Only for apps that cannot be reached
      except through that router.

    A value that is not an IP address is ignored (REMOTE_ADDR stays the peer).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted = trusted_networks(settings.TRUSTED_PROXY_IPS)
        self.hops = max(0, int(settings.TRUSTED_PROXY_HOPS))

    def __call__(self, request):
        if self.trusted or self.hops:  # nothing to parse when nobody is trusted
            client = forwarded_client(
                request.META, trusted=self.trusted, hops=self.hops
            )
            if client:
                request.META["REMOTE_ADDR"] = client
        return self.get_response(request)


def trusted_networks(values):
    """TRUSTED_PROXY_IPS as ip_network objects (a bare address is a /32 or /128)."""
    networks = []
    for value in values:
        value = value.strip()
        if value:
            networks.append(ipaddress.ip_network(value, strict=False))
    return tuple(networks)


def _is_trusted(address, trusted):
    return address is not None and any(address in net for net in trusted)


def forwarded_client(meta, *, trusted, hops):
    """The client address the proxy headers in `meta` name, or None to keep the peer."""
    forwarded = [
        part for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if hops:
        if not forwarded:
            return None
        address = parse_ip(forwarded[-min(hops, len(forwarded))])
        return str(address) if address else None
    if not _is_trusted(parse_ip(meta.get("REMOTE_ADDR", "")), trusted):
        return None
    real_ip = parse_ip(meta.get("HTTP_X_REAL_IP", ""))
    if real_ip is not None:
        return str(real_ip)
    for part in reversed(forwarded):
        address = parse_ip(part)
        if address is None:
            return None
        if not _is_trusted(address, trusted):
            return str(address)
    return None


class URLLanguageMiddleware:
    """Activate the language the URL names: Spanish under /es/, English elsewhere.

    Django's LocaleMiddleware would also look at a language cookie and at
    Accept-Language for pages outside i18n_patterns; the site promises no
    language cookie and never to redirect a reader because of what their
    browser asks for, so the path alone decides (core.i18n). Sets
    `request.LANGUAGE_CODE` and `Content-Language`; the language is switched
    back off after the response, so nothing leaks to the next request on this
    thread.

    On English pages that have a Spanish twin, a browser preferring Spanish
    gets a one-line suggestion in the page (`request.spanish_suggestion`, from
    core.i18n.spanish_suggestion), so those responses say
    `Vary: Accept-Language`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation
        from django.utils.cache import patch_vary_headers

        from core.i18n import has_twin, language_of_path, spanish_suggestion

        language = language_of_path(request.path_info)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            varies = language == "en" and has_twin(request)
            request.spanish_suggestion = spanish_suggestion(request) if varies else None
            response = self.get_response(request)
        finally:
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        if varies and response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ["Accept-Language"])
        return response
