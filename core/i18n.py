"""The site's two languages: English at the paths it always had, Spanish under /es/.

The URL alone carries the language (`URLLanguageMiddleware` in core.middleware):
no language cookie, no session, no redirect. This module gives templates what
they need to say which language a page is in and where the same page lives in
the other one (`language_context`), and writes numbers the way each language
does (`number_text`).
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_urlconf, translate_url
from django.utils import translation
from django.utils.translation import get_language_from_path

# What the language link says, in the language it leads to (so a reader who
# does not read the page's language still finds it).
SWITCH_LABELS = {"en": "English", "es": "Español"}
DEFAULT_LANGUAGE = "en"


def current_language():
    """ "en" or "es": the active language, reduced to one of settings.LANGUAGES."""
    code = (translation.get_language() or DEFAULT_LANGUAGE).split("-")[0]
    return code if code in dict(settings.LANGUAGES) else DEFAULT_LANGUAGE


def language_of_path(path):
    """The language a path is in: its prefix (/es/...) or English."""
    return get_language_from_path(path) or DEFAULT_LANGUAGE


def path_in_language(path, language):
    """The same page in `language` ("/guides/x/?q=1" -> "/es/guides/x/?q=1"),
    keeping the query string; None when the path has no translated twin
    (admin, healthz, JSON, a page that does not exist)."""
    bare, mark, query = path.partition("?")
    other = _twin_path(settings.ROOT_URLCONF, get_urlconf(), bare, language)
    if other is None:
        return None
    return f"{other}{mark}{query}"


@lru_cache(maxsize=4096)
def _twin_path(root_urlconf, urlconf, path, language):
    """path_in_language() of a path without a query. Every request asks
    (twice or more: the Vary header, the hreflang links, the language link),
    and resolving and reversing cost about a tenth of a cached page; the
    answer depends only on the URL patterns (named in the key) and the path.
    Bounded: made-up paths cannot grow it past maxsize."""
    with translation.override(language_of_path(path)):  # resolve it as it is
        other = translate_url(path, language)
    if other == path and language_of_path(path) != language:
        return None
    return other


# Never carried by the language link: a campaign's source code is checked
# against the registered codes where it is used (campaigns.selectors), which
# core cannot do; the page's own forms carry a registered one.
DROPPED_FROM_SWITCH = ("source",)


def _query_kept(request) -> str:
    """The request's path and query, without the parameters the language link
    must not repeat (DROPPED_FROM_SWITCH)."""
    query = request.GET.copy()
    for name in DROPPED_FROM_SWITCH:
        query.pop(name, None)
    encoded = query.urlencode(safe=",")
    return f"{request.path}?{encoded}" if encoded else request.path


def language_context(request, *, keep_query=True):
    """Template context for the page's languages:

    - `page_language`: "en" or "es" (the `<html lang>`);
    - `language_alternates`: [(hreflang, absolute URL)] for en, es and
      x-default (the English), without the query string; empty for pages that
      exist in one language only;
    - `language_switch`: {"url", "label", "code"} of the same page in the other
      language (with the query string unless `keep_query` is false: a page
      kept for every visitor must not carry one visitor's query).
    """
    language = current_language()
    path = request.path
    full = _query_kept(request) if keep_query else path
    context = {
        "page_language": language,
        "language_alternates": [],
        "language_switch": None,
    }
    urls = {}
    for code, _name in settings.LANGUAGES:
        urls[code] = path if code == language else path_in_language(path, code)
    if any(url is None for url in urls.values()):
        return context
    base = settings.SITE_URL
    context["language_alternates"] = [
        (code, base + urls[code]) for code, _name in settings.LANGUAGES
    ] + [("x-default", base + urls[DEFAULT_LANGUAGE])]
    other = next(code for code, _name in settings.LANGUAGES if code != language)
    context["language_switch"] = {
        "url": path_in_language(full, other),
        "label": SWITCH_LABELS[other],
        "code": other,
    }
    return context


# Digit grouping per language: "1,234" in English, "1.234" in Spanish.
THOUSANDS_SEPARATORS = {"en": ",", "es": "."}


def number_text(value, language=None):
    """A whole number grouped by thousands the way `language` (default: the
    active one) writes it: 1234 -> "1,234" / "1.234"."""
    language = language or current_language()
    grouped = f"{int(value):,}"
    return grouped.replace(",", THOUSANDS_SEPARATORS.get(language, ","))


def prefers_spanish(accept_language):
    """True when an Accept-Language header ranks Spanish above English (the
    first of the site's languages it names is Spanish)."""
    from django.utils.translation.trans_real import parse_accept_lang_header

    for code, _quality in parse_accept_lang_header(accept_language or ""):
        base = code.split("-")[0].lower()
        if base in dict(settings.LANGUAGES):
            return base == "es"
    return False


def spanish_suggestion(request):
    """The Spanish twin's URL to suggest on an English page to a browser that
    prefers Spanish, else None. Never a redirect: the page says it in one line
    (base.html). The page's HTML then depends on Accept-Language, so
    URLLanguageMiddleware adds `Vary: Accept-Language` to English pages that
    have a twin, and core.pagecache keeps one copy per answer."""
    if current_language() != "en":
        return None
    if not prefers_spanish(request.META.get("HTTP_ACCEPT_LANGUAGE")):
        return None
    return path_in_language(request.path, "es")


def has_twin(request):
    """The page exists in the other language too (a public page)."""
    other = "es" if current_language() == "en" else "en"
    return path_in_language(request.path, other) is not None
