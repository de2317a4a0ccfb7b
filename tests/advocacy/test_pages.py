import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert b"ok" in response.content


def test_healthz_reports_a_database_failure(client, monkeypatch):
    from advocacy import views

    class Broken:
        def __enter__(self):
            raise DatabaseError("down")

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(views.connection, "cursor", lambda: Broken())
    response = client.get("/healthz")
    assert response.status_code == 503


def test_home_offers_the_three_actions(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    for label in (
        "Protect your accounts",
        "Sign the petition",
        "Write your legislator",
    ):
        assert label in html
    assert 'href="/privacy/"' in html


def test_pages_load_nothing_from_other_origins(client):
    html = client.get("/").content.decode()
    assert "http://" not in html.replace("http://127.0.0.1", "")
    assert "https://" not in html
    assert "//cdn" not in html


def test_security_headers(client):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_unknown_page_gets_the_site_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"Protect your accounts" in response.content


def test_privacy_page(client):
    response = client.get("/privacy/")
    assert response.status_code == 200
    assert b"No analytics" in response.content


def assert_site_layout(html):
    """The page comes in the site's layout, with nothing inline for the CSP to block."""
    assert 'class="skip-link"' in html and "<main" in html and "<footer" in html
    assert "Protect your accounts" in html  # the site's navigation
    assert "<style" not in html and " style=" not in html
    assert "<script>" not in html


def test_csrf_failure_gets_the_site_page_and_saves_nothing():
    """A sign form sent without its CSRF token (a page left open, cookies blocked)."""
    from django.test import Client

    from petitions.models import Signature
    from tests.factories import PetitionFactory

    petition = PetitionFactory()
    client = Client(enforce_csrf_checks=True)
    client.get(petition.get_absolute_url())
    response = client.post(
        petition.get_absolute_url() + "sign/",
        {
            "first_name": "Ada",
            "last_name": "Lovelace",
            "email": "ada@example.com",
            "zip_code": "94110",
            "state": "CA",
        },
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "Your form was not sent" in html
    assert "Nothing you typed was saved" in html
    assert "CSRF" not in html  # plain words; the reason is for developers only
    assert_site_layout(html)
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert not Signature.objects.exists()


def test_csrf_failure_names_the_reason_only_in_debug_mode(settings):
    from django.test import Client

    settings.DEBUG = True
    response = Client(enforce_csrf_checks=True).post("/guides/instagram/report/")
    assert response.status_code == 403
    assert "For developers" in response.content.decode()
    assert "CSRF cookie not set" in response.content.decode()


def test_admin_permission_denied_gets_the_site_403(client):
    """Staff without the signature permissions opening the signature list."""
    from django.contrib.auth.models import User

    user = User.objects.create_user("organizer", password="x", is_staff=True)
    client.force_login(user)
    response = client.get("/admin/petitions/signature/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "You cannot open this page" in html
    assert "ask an administrator" in html and 'href="/admin/"' in html
    assert_site_layout(html)


def test_a_visitor_never_sees_the_organizer_hint_on_403(client, settings):
    from tests.advocacy.public_pages import use_error_urls

    use_error_urls(settings)
    response = client.get("/sweep-403/")
    assert response.status_code == 403
    assert "You cannot open this page" in response.content.decode()
    assert "administrator" not in response.content.decode()
