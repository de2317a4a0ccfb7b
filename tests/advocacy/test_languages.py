"""Issue 19: every public page in Spanish under /es/, the URL alone carrying
the language: no language cookie, no session, and never a redirect into the
other language, whatever the browser asks for (core.i18n)."""

import pytest
from django.conf import settings
from django.test import Client

from .public_pages import GUIDE_SLUGS, PETITION, seed_site

pytestmark = pytest.mark.django_db

PATHS = [
    "/",
    "/privacy/",
    "/guides/",
    *[f"/guides/{slug}/" for slug in GUIDE_SLUGS],
    "/petitions/",
    PETITION,
    "/letters/",
    "/letters/va/",
    "/letters/va/write/",  # redirects to step 2 (no letter started)
    "/states/",
    "/states/va/",
    "/act/",
    "/act/?platforms=instagram,x&state=VA",
]
BROWSERS = ["es-US,es;q=0.9", "en-US,en;q=0.9", ""]


@pytest.fixture
def site():
    return seed_site()


def html_lang(response):
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize("accept", BROWSERS)
def test_every_public_page_in_both_languages_without_a_language_cookie(site, accept):
    for english in PATHS:
        for path, language in ((english, "en"), ("/es" + english, "es")):
            client = Client()
            response = client.get(path, HTTP_ACCEPT_LANGUAGE=accept, follow=True)
            assert response.status_code == 200, path
            for hop, _status in response.redirect_chain:
                # A redirect stays in the page's language.
                assert hop.startswith("/es/") is (language == "es"), (path, hop)
            assert html_lang(response) == language, path
            assert set(client.cookies) <= {settings.CSRF_COOKIE_NAME}, path
            assert settings.LANGUAGE_COOKIE_NAME not in client.cookies
            assert settings.SESSION_COOKIE_NAME not in client.cookies


def test_json_and_admin_carry_no_language(site, client):
    response = client.get(PETITION + "count.json", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert "Accept-Language" not in response.get("Vary", "")
    assert client.get("/es/admin/").status_code == 404
