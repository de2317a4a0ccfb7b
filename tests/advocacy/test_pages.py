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
