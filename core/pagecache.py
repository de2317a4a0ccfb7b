"""Whole public pages kept in each web process's memory, per content version.

A guide page or a petition page is the same for every anonymous visitor apart
from the CSRF token in its forms. Such a page is rendered once per process and
content version with a placeholder where the token goes; each visitor gets a
copy with their own token put in. Rendering a page through the template engine
(and crispy-forms) costs 3–17 ms; a copy costs microseconds (BENCHMARKS.md,
"Load").

The content version comes from the shared cache (one Redis round trip) and
changes whenever the content does (an organizer's edit, a confirmed
signature), so every process drops its copy at once. Versions come from
core.versioning, whose guarantee covers these copies too: a Redis restart can
never bring an old version number back to life. Entries also expire after
`max_age` seconds, for what changes with time alone (a petition's closing
time, "last verified" notes).

Every copy handed out carries that visitor's CSRF token, so it must never sit
in a shared cache (a proxy or CDN that ignores `Vary: Cookie` would give one
visitor's token to the next): `PrivateTokenPagesMiddleware` marks every
response whose page used the visitor's CSRF token `Cache-Control: private`.
Pages that are the same for everyone and carry no token (count.json, the
embed) say their own `public, max-age`.

Only for pages that hold nothing about the visitor: a GET or HEAD without a
session cookie and without flash messages (`page_cacheable`). Signed-in staff
always carry a session cookie, so they always get a fresh render. Nothing a
visitor typed is ever kept: only unbound forms are rendered into a copy.
"""

import secrets
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from core.i18n import language_context

# Stands in for the visitor's CSRF token in a stored copy. Random per process,
# so no page text can collide with it, and it never leaves this process.
CSRF_PLACEHOLDER = f"csrf-{secrets.token_hex(16)}"
MAX_ENTRIES = 200

_pages = (
    OrderedDict()
)  # (key, version, language, suggestion) -> (expires_at, status, content_type, body)
_lock = threading.Lock()


def page_cacheable(request):
    """True when the page cannot depend on who is asking."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    # Flash messages live in the session (MESSAGE_STORAGE), which the check
    # above already excludes; this guards a change of message storage.
    # len() reads them without using them up.
    storage = get_messages(request)
    return not len(storage)


def placeholder_context():
    """Extra template context for a shared copy: the CSRF token placeholder."""
    return {"csrf_token": CSRF_PLACEHOLDER}


def _respond(request, status, content_type, body):
    body = body.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    return HttpResponse(body, status=status, content_type=content_type)


def cached_page(request, *, key, version, render, max_age):
    """The page `key` at `version` from this process's memory, or rendered now.

    `render(extra)` returns the page's response with `extra` added to its
    template context. A request the page may depend on (`page_cacheable()` is
    false) gets `render({})`, fresh and never stored. Otherwise a copy is made
    with `render(placeholder_context())`; only a 200 is kept, and of it only
    the status, content type and body (headers a view sets itself are not
    replayed: views that set any must not use this).
    Exceptions (Http404, ...) pass through and nothing is stored.

    Copies are kept per language (/guides/x/ and /es/guides/x/ share `key`)
    and per Spanish suggestion (core.i18n.spanish_suggestion: an English page
    for a browser preferring Spanish says so in one line). A copy's language
    link carries no query string: it is one visitor's (core.i18n).
    """
    if not page_cacheable(request):
        return render({})
    now = time.monotonic()
    entry_key = (
        key,
        version,
        get_language(),
        getattr(request, "spanish_suggestion", None),
    )
    with _lock:
        entry = _pages.get(entry_key)
        if entry is not None and entry[0] > now:
            _pages.move_to_end(entry_key)
            return _respond(request, *entry[1:])
    response = render(
        {**placeholder_context(), **language_context(request, keep_query=False)}
    )
    if response.status_code != 200 or response.streaming:
        return response
    entry = (now + max_age, 200, response["Content-Type"], response.content)
    with _lock:
        _pages[entry_key] = entry
        _pages.move_to_end(entry_key)
        while len(_pages) > MAX_ENTRIES:
            _pages.popitem(last=False)
    return _respond(request, *entry[1:])


def clear():
    """Drop every copy in this process (tests)."""
    with _lock:
        _pages.clear()


class PrivateTokenPagesMiddleware:
    """`Cache-Control: private` on every response that carries the visitor's
    CSRF token (a form, or a shared page copy with the token put in).

    Django marks such a response `Vary: Cookie` only, which a cache that
    ignores Vary does not honour. `get_token()` flags the request
    (`CSRF_COOKIE_NEEDS_UPDATE`) and CsrfViewMiddleware clears the flag as it
    sets the cookie, so this must come after it in MIDDLEWARE (and so see the
    response first). `private` replaces a `public` the view may have set; the
    view's other directives (`no-store`, `max-age`) stay.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            patch_cache_control(response, private=True)
        return response
