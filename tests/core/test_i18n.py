"""Issue 19: English where it always was, Spanish under /es/, the URL alone
carrying the language (core.i18n, core.middleware.URLLanguageMiddleware), and
the Spanish catalogue complete and compiled with Babel (core.translations)."""

import datetime
import os
import re
import shutil

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from core.dates import date_text, month_text
from core.i18n import number_text, path_in_language, prefers_spanish
from core.translations import catalogue_paths, compile_catalogues
from tests.factories import PlatformFactory

pytestmark = pytest.mark.django_db

SPANISH_BROWSER = "es-US,es;q=0.9,en;q=0.5"
ENGLISH_BROWSER = "en-US,en;q=0.9,es;q=0.3"
# Public pages with a twin in the other language (a guide made per test).
PUBLIC = ["/", "/guides/", "/guides/example/", "/privacy/", "/states/", "/act/"]


@pytest.fixture
def guide(db):
    return PlatformFactory(slug="example")


def spanish(path):
    return "/es" + path


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def alternates(response):
    return dict(
        re.findall(
            r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">',
            response.content.decode(),
        )
    )


# --- pages and links --------------------------------------------------------


@pytest.mark.parametrize("path", PUBLIC)
def test_each_public_page_in_both_languages_with_lang_and_hreflang(client, guide, path):
    english = client.get(path)
    es = client.get(spanish(path))
    assert english.status_code == es.status_code == 200
    assert html_lang(english) == "en"
    assert html_lang(es) == "es"
    assert english["Content-Language"] == "en"
    assert es["Content-Language"] == "es"
    site = settings.SITE_URL
    expected = {
        "en": site + path,
        "es": site + spanish(path),
        "x-default": site + path,
    }
    assert alternates(english) == expected
    assert alternates(es) == expected


@pytest.mark.parametrize("path", PUBLIC)
def test_the_language_link_leads_to_the_same_page_in_the_other_language(
    client, guide, path
):
    english = client.get(path).content.decode()
    es = client.get(spanish(path)).content.decode()
    assert f'<a href="{spanish(path)}" hreflang="es" lang="es"' in english
    assert f'<a href="{path}" hreflang="en" lang="en"' in es
    assert ">Español</a>" in english
    assert ">English</a>" in es


def test_the_language_link_keeps_the_query_string(client, guide):
    html = client.get("/guides/?q=example&status=setting").content.decode()
    assert 'href="/es/guides/?q=example&amp;status=setting"' in html
    html = client.get("/es/guides/?q=example").content.decode()
    assert 'href="/guides/?q=example"' in html


def test_path_in_language_only_for_pages_that_have_a_twin():
    assert path_in_language("/guides/x/?q=1", "es") == "/es/guides/x/?q=1"
    assert path_in_language("/es/guides/x/", "en") == "/guides/x/"
    for path in ("/admin/", "/healthz", "/no-such-page/"):
        assert path_in_language(path, "es") is None


def test_admin_and_healthz_stay_unprefixed(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/es/healthz").status_code == 404
    assert client.get("/es/admin/").status_code == 404
    assert client.get("/admin/login/").status_code == 200


def test_spanish_chrome(client, guide):
    html = client.get("/es/guides/").content.decode()
    for text in (
        "Ir al contenido principal",
        "Proteja sus cuentas",
        "Firme la petición",
        "Escríbale a su legislador",
        "Sin anuncios, sin rastreadores, sin analíticas.",
    ):
        assert text in html
    for text in (
        "Skip to main content",
        "Protect your accounts",
        "Sign the petition",
        "Write your legislator",
        "No ads, no trackers",
    ):
        assert text not in html
    # Links on a Spanish page stay in Spanish.
    assert 'href="/es/petitions/"' in html
    assert 'href="/es/letters/"' in html


# --- no cookie, no redirect, the suggestion ---------------------------------


@pytest.mark.parametrize("accept", [SPANISH_BROWSER, ENGLISH_BROWSER, ""])
@pytest.mark.parametrize("path", PUBLIC)
def test_no_language_cookie_and_no_redirect(guide, path, accept):
    client = Client()
    for url in (path, spanish(path)):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=accept)
        assert response.status_code == 200, url
        assert "Location" not in response
        assert set(response.cookies) <= {"csrftoken"}, url
        assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    # Nothing remembers a language: the next English page is English.
    assert html_lang(client.get(path, HTTP_ACCEPT_LANGUAGE=accept)) == "en"


SUGGESTION = "¿Prefiere leer en español?"


@pytest.mark.parametrize("path", PUBLIC)
def test_a_browser_preferring_spanish_is_offered_the_spanish_page(client, guide, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=SPANISH_BROWSER)
    html = response.content.decode()
    assert response.status_code == 200
    assert html_lang(response) == "en"
    assert SUGGESTION in html
    assert (
        f'<a href="{spanish(path)}" hreflang="es">Ver esta página en español</a>'
        in html
    )
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize("accept", [ENGLISH_BROWSER, "", "fr-FR,fr;q=0.9"])
def test_no_suggestion_for_other_browsers(client, guide, accept):
    response = client.get("/guides/example/", HTTP_ACCEPT_LANGUAGE=accept)
    assert SUGGESTION not in response.content.decode()
    assert "Accept-Language" in response["Vary"]  # the HTML could have differed


def test_no_suggestion_on_spanish_pages_and_no_vary_there(client, guide):
    response = client.get("/es/guides/example/", HTTP_ACCEPT_LANGUAGE=SPANISH_BROWSER)
    assert SUGGESTION not in response.content.decode()
    assert "Accept-Language" not in response.get("Vary", "")


def test_cached_page_keeps_the_suggestion_to_those_who_prefer_spanish(client, guide):
    """The guide page is kept in memory (core.pagecache): one copy per answer."""
    for _ in range(2):
        for accept, shown in ((SPANISH_BROWSER, True), (ENGLISH_BROWSER, False)):
            client.cookies.clear()
            html = client.get("/guides/example/", HTTP_ACCEPT_LANGUAGE=accept)
            assert (SUGGESTION in html.content.decode()) is shown


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("es", True),
        ("es-MX,es;q=0.9", True),
        ("es-US,en;q=0.8", True),
        ("fr,es;q=0.8,en;q=0.5", True),
        ("en-US,en;q=0.9,es;q=0.8", False),
        ("fr", False),
        ("", False),
        ("*", False),
    ],
)
def test_prefers_spanish(header, expected):
    assert prefers_spanish(header) is expected


# --- dates and numbers -------------------------------------------------------


def test_dates_in_spanish():
    day = datetime.date(2026, 12, 1)
    assert date_text(day) == "December 1, 2026"
    assert date_text(day, "es") == "1 de diciembre de 2026"
    with translation.override("es"):
        assert date_text(day) == "1 de diciembre de 2026"
        assert date_text(datetime.date(2028, 1, 9)) == "9 de enero de 2028"
        assert month_text(day) == "diciembre de 2026"
    assert month_text(day) == "December 2026"


def test_numbers_in_spanish():
    assert number_text(1234) == "1,234"
    assert number_text(1234, "es") == "1.234"
    with translation.override("es"):
        assert number_text(1234567) == "1.234.567"
        assert number_text(12) == "12"


def test_number_filter_in_a_spanish_template():
    from django.template import Context, Template

    template = Template(
        "{% load i18n_text %}{{ n|number_text }} personas · {{ day|date_text }}"
    )
    context = Context({"n": 1234, "day": datetime.date(2026, 12, 1)})
    with translation.override("es"):
        assert template.render(context) == "1.234 personas · 1 de diciembre de 2026"
    assert template.render(context) == "1,234 personas · December 1, 2026"


# --- the catalogue ------------------------------------------------------------


SPANISH_CATALOGUES = [p for p in catalogue_paths() if p.parts[-3] == "es"]


def test_the_project_catalogue_is_first_and_large():
    assert (
        SPANISH_CATALOGUES[0] == settings.BASE_DIR / "locale/es/LC_MESSAGES/django.po"
    )
    with open(SPANISH_CATALOGUES[0], "rb") as handle:
        assert len(read_po(handle)) > 100


@pytest.mark.parametrize(
    "path", SPANISH_CATALOGUES, ids=lambda p: str(p.relative_to(settings.BASE_DIR))
)
def test_the_spanish_catalogue_is_complete(path):
    with open(path, "rb") as handle:
        catalogue = read_po(handle)
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if message.pluralizable else [message.string]
        if message.fuzzy or not all(s and s.strip() for s in strings):
            problems.append(message.id)
        # A placeholder the Spanish drops or invents breaks the page.
        ids = message.id if message.pluralizable else [message.id]
        wanted = set(re.findall(r"%\(\w+\)s|\{\w+\}", ids[-1]))
        got = set(re.findall(r"%\(\w+\)s|\{\w+\}", strings[-1]))
        if wanted != got:
            problems.append(("placeholders", message.id))
    assert problems == []
    assert catalogue.num_plurals == 2


def test_the_catalogue_compiles_with_babel(tmp_path, settings):
    source = SPANISH_CATALOGUES[0]
    target = tmp_path / "es" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(source, target / "django.po")
    settings.LOCALE_PATHS = [tmp_path]
    compile_catalogues()  # the apps' own catalogues too, once
    assert compile_catalogues(only_stale=True) == []  # up to date: nothing to do
    later = (target / "django.mo").stat().st_mtime + 10
    os.utime(target / "django.po", (later, later))  # the .po edited since
    assert compile_catalogues(only_stale=True) == [target / "django.po"]
    with open(target / "django.mo", "rb") as handle:
        compiled = read_mo(handle)
    assert compiled.get("Skip to main content").string == "Ir al contenido principal"
    call_command("compile_translations", stdout=open("/dev/null", "w"))
    assert (target / "django.mo").stat().st_size > 1000


def test_mo_files_are_not_committed():
    ignore = (settings.BASE_DIR / ".gitignore").read_text()
    assert "*.mo" in ignore.split()
