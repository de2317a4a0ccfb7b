"""No public page loads anything from another origin.

Every page of tests/advocacy/public_pages.py is fetched with the test client
and parsed: every attribute that makes a browser fetch something (src, href
of <link>, srcset, poster, data, action, formaction, <meta refresh>) must
point at this site, as must every url() and @import in the stylesheets the
pages use and every address in our JavaScript. Plain links to other sites
are navigation, not loads; those that open a new tab carry
rel="noopener noreferrer". Each page also sends the strict CSP and the other
security headers (only the petition embed may be framed).
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from .public_pages import PAGE_IDS, PAGES, ClientAgent, seed_site, use_error_urls
from .test_production import assert_strict_headers

pytestmark = pytest.mark.django_db

HOST = "testserver"
# Attributes that make the browser fetch (or send) something, on any element.
LOADING_ATTRS = {
    "src",
    "srcset",
    "poster",
    "data",
    "action",
    "formaction",
    "background",
}


class Resources(HTMLParser):
    """Collects what a page would load and where its links go."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.loads = []  # (tag, attribute, value)
        self.links = []  # (href, target, rel)
        self.stylesheets = []
        self.alternates = []  # <link rel="alternate" hreflang> hrefs
        self.inline = []  # <style> elements and style="" attributes (the CSP forbids them)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "style":
            self.inline.append("<style>")
        if "style" in attrs:
            self.inline.append(f"<{tag} style>")
        if tag == "script" and "src" not in attrs:
            self.inline.append("<script> without src")
        for name, value in attrs.items():
            if value is None:
                continue
            if name in LOADING_ATTRS or name.startswith("on"):
                if name.startswith("on"):
                    self.inline.append(f"<{tag} {name}>")
                    continue
                if name == "srcset":
                    for candidate in value.split(","):
                        self.loads.append((tag, name, candidate.strip().split(" ")[0]))
                else:
                    self.loads.append((tag, name, value))
        if tag == "link" and attrs.get("href") and "hreflang" in attrs:
            # The page in another language (core.i18n): named, never fetched.
            # Absolute, on the site's own address (SITE_URL).
            self.alternates.append(attrs["href"])
        elif tag == "link" and attrs.get("href"):
            self.loads.append((tag, "href", attrs["href"]))
            if "stylesheet" in (attrs.get("rel") or "").split():
                self.stylesheets.append(attrs["href"])
        if tag in ("a", "area") and attrs.get("href"):
            self.links.append(
                (attrs["href"], attrs.get("target"), attrs.get("rel") or "")
            )
        if tag in ("use", "image") and (attrs.get("href") or attrs.get("xlink:href")):
            self.loads.append(
                (tag, "href", attrs.get("href") or attrs.get("xlink:href"))
            )
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            url = (attrs.get("content") or "").partition("url=")[2]
            if url:
                self.loads.append((tag, "refresh", url))


def is_other_origin(url):
    parts = urlsplit(url.strip())
    if parts.scheme in ("data", "blob") or url.startswith("#"):
        return False
    if parts.scheme and parts.scheme not in ("http", "https"):
        return True  # javascript:, ftp:, ... never load from those
    return bool(parts.netloc) and parts.netloc != HOST


def test_the_parser_sees_other_origins():
    """The checks below are real: each kind of outside load is caught."""
    html = """<link rel="stylesheet" href="https://cdn.example.com/x.css">
    <script src="//cdn.example.com/x.js"></script><img srcset="/a.png 1x, https://t.example/b.png 2x">
    <form action="https://forms.example/post"></form><iframe src="https://yt.example/e"></iframe>
    <a href="https://example.org/" target="_blank">x</a><div style="color:red" onclick="x()"></div>"""
    parser = Resources()
    parser.feed(html)
    outside = [value for _, _, value in parser.loads if is_other_origin(value)]
    assert outside == [
        "https://cdn.example.com/x.css",
        "//cdn.example.com/x.js",
        "https://t.example/b.png",
        "https://forms.example/post",
        "https://yt.example/e",
    ]
    assert parser.links == [("https://example.org/", "_blank", "")]
    assert parser.inline == ["<div style>", "<div onclick>"]


@pytest.fixture
def site(settings):
    use_error_urls(settings)
    return seed_site()


def assert_strict_csp(response, *, embed):
    csp = response["Content-Security-Policy"]
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2]
        for part in csp.split(";")
        if part.strip()
    )
    assert directives["default-src"] == "'self'", csp
    for name, sources in directives.items():
        assert "unsafe-inline" not in sources and "unsafe-eval" not in sources, csp
        for source in sources.split():
            assert source in ("'self'", "'none'", "data:", "*") or source.startswith(
                "'"
            ), f"{name} allows {source}"
    # Only the embed page may be framed by other sites.
    assert directives["frame-ancestors"] == ("*" if embed else "'none'"), csp
    assert directives["img-src"] in ("'self'", "'self' data:"), csp
    for name in ("script-src", "style-src", "connect-src", "font-src", "form-action"):
        assert directives.get(name, "'self'") == "'self'", csp


@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_page_loads_nothing_from_another_origin(site, spec):
    agent = ClientAgent()
    spec.visit(agent, site)
    response = agent.last
    assert response.status_code == spec.status, spec.name
    if spec.image:  # a picture drawn here: no page to parse, the same headers
        assert response["Content-Type"] == "image/png"
        assert_strict_csp(response, embed=False)
        assert_strict_headers(response, frame_ancestors="'none'")
        return
    parser = Resources()
    parser.feed(response.content.decode())

    outside = [
        (tag, attr, value)
        for tag, attr, value in parser.loads
        if is_other_origin(value)
    ]
    assert outside == [], f"{spec.name} loads from another origin: {outside}"
    for href in parser.alternates:
        assert href.startswith(settings.SITE_URL + "/"), href
    assert parser.inline == [], f"{spec.name} has inline code or style: {parser.inline}"
    for href, target, rel in parser.links:
        assert not href.strip().lower().startswith("javascript:"), href
        if target == "_blank":
            assert {"noopener", "noreferrer"} <= set(rel.split()), (
                f"{spec.name}: {href} opens a new tab without rel=noopener noreferrer"
            )
    assert parser.stylesheets, f"{spec.name} has no stylesheet?"
    for href in parser.stylesheets:
        assert href.startswith("/static/"), href
    assert_strict_csp(response, embed=spec.embed)
    # Referrer-Policy, Permissions-Policy, nosniff: the same on every page.
    assert_strict_headers(response, frame_ancestors="*" if spec.embed else "'none'")
    if spec.embed:
        assert "X-Frame-Options" not in response
    else:
        assert response["X-Frame-Options"] == "DENY"


CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)|@import\s+(['\"])(.*?)\3", re.I)


def stylesheets_in_use():
    """Every stylesheet any template links, found through the static finders."""
    from django.conf import settings

    names = set()
    for template in (settings.BASE_DIR / "templates").rglob("*.html"):
        names.update(
            re.findall(r"{%\s*static\s+'([^']+\.css)'\s*%}", template.read_text())
        )
    assert "css/site.css" in names and "bootstrap/css/bootstrap.min.css" in names
    return sorted(names)


@pytest.mark.parametrize("name", stylesheets_in_use())
def test_stylesheets_load_nothing_from_another_origin(name):
    path = finders.find(name)
    assert path, f"{name} is linked but not found"
    css = open(path, encoding="utf-8").read()
    urls = [m.group(2) or m.group(4) for m in CSS_URL.finditer(css)]
    outside = [url for url in urls if is_other_origin(url)]
    assert outside == [], f"{name} loads {outside}"


def test_our_javascript_calls_no_other_origin():
    from django.conf import settings

    for script in (settings.BASE_DIR / "static" / "js").glob("*.js"):
        addresses = re.findall(
            r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s'\"]*", script.read_text()
        )
        assert addresses == [], f"{script.name} refers to {addresses}"
