"""Production settings, security headers and the error pages.

The production settings module is loaded in a subprocess (it reads the
environment at import), and its values are then applied to requests made
through the test client, so the HTTPS behaviour is checked as a browser
meets it.
"""

import json
import logging
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import OperationalError
from django.http import HttpResponse
from django.urls import path

from advocacy import urls as site_urls
from core.jsonlog import JsonFormatter
from core.middleware import frame_ancestors_allowed

pytestmark = pytest.mark.django_db

PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "advocacy.settings.production",
    "DJANGO_ALLOWED_HOSTS": "advocacy.example.org",
    # Production needs these to be set; nothing connects to them in these tests.
    "DATABASE_URL": "postgres://advocacy@127.0.0.1:5432/advocacy",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/1",
}


def prod_env(**extra):
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECURE_"))
    }
    env.update(PROD_ENV, DJANGO_SECRET_KEY=secrets.token_urlsafe(64), **extra)
    return env


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def prod_settings():
    """The security-relevant values of advocacy.settings.production."""
    names = [
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_REDIRECT_EXEMPT",
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_REFERRER_POLICY",
    ]
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        f"names = {names!r}; "
        "out = {n: getattr(s, n) for n in names}; "
        "db = s.DATABASES['default']; "
        "out['_db'] = [db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'], db['OPTIONS']]; "
        "out['_cache'] = s.CACHES['default']['BACKEND']; "
        "out['_static'] = s.STORAGES['staticfiles']['BACKEND']; "
        "out['_log'] = s.LOGGING['formatters']; "
        "print(json.dumps(out))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=prod_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_reports_no_issues():
    result = run_manage(
        "check", "--deploy", "--settings=advocacy.settings.production", env=prod_env()
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, (
        result.stdout + result.stderr
    )


def test_check_deploy_flags_a_weak_secret_key():
    """The check is real: a short key is reported (so "no issues" means something)."""
    env = prod_env()
    env["DJANGO_SECRET_KEY"] = "short"
    result = run_manage("check", "--deploy", env=env)
    assert "security.W009" in result.stdout + result.stderr


@pytest.mark.parametrize(
    "override, message",
    [
        ({"DATABASE_URL": "sqlite:///var/x.sqlite3"}, "needs PostgreSQL"),
        ({"REDIS_URL": ""}, "needs Redis"),
        ({"CELERY_BROKER_URL": ""}, "needs a Celery broker"),
        ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY"),
    ],
)
def test_production_refuses_to_start_half_configured(override, message):
    env = prod_env()
    env.update(override)
    if override.get("DJANGO_SECRET_KEY") == "":
        del env["DJANGO_SECRET_KEY"]
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_values(prod_settings):
    assert prod_settings["DEBUG"] is False
    assert prod_settings["SECURE_SSL_REDIRECT"] is True
    assert prod_settings["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
    assert prod_settings["SESSION_COOKIE_SECURE"] is True
    assert prod_settings["CSRF_COOKIE_SECURE"] is True
    conn_max_age, health_checks, options = prod_settings["_db"]
    assert conn_max_age > 0 and health_checks is True
    assert options["connect_timeout"] <= 10
    assert prod_settings["_cache"] == "core.cache.ResilientRedisCache"
    assert (
        prod_settings["_static"]
        == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert prod_settings["_log"]["json"]["()"] == "core.jsonlog.JsonFormatter"


@pytest.fixture
def as_production(settings, prod_settings):
    """Apply production's HTTPS values to the in-process test client."""
    for name, value in prod_settings.items():
        if not name.startswith("_") and name != "DEBUG":
            setattr(settings, name, tuple(value) if name.endswith("HEADER") else value)
    return settings


def test_plain_http_redirects_to_https_except_the_health_check(client, as_production):
    response = client.get("/privacy/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/privacy/"
    assert client.get("/healthz").status_code == 200


def test_https_through_the_proxy_gets_hsts(client, as_production):
    response = client.get("/privacy/", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 200
    hsts = response["Strict-Transport-Security"]
    assert (
        "max-age=31536000" in hsts and "includeSubDomains" in hsts and "preload" in hsts
    )


def test_cookies_are_secure_in_production(client, as_production):
    # The admin login sets the CSRF cookie; production marks it Secure.
    response = client.get("/admin/login/", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 200
    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["secure"] is True


# --- security headers -----------------------------------------------------


@frame_ancestors_allowed
def embeddable_view(request):
    return HttpResponse("<p>embed</p>")


def db_down_view(request):
    raise OperationalError("connection to server at 127.0.0.1 port 5432 failed")


def broken_view(request):
    raise ValueError("a bug with a secret detail")


def session_writing_view(request):
    request.session["step"] = 2
    return HttpResponse("saved")


urlpatterns = [
    path("test-embed/", embeddable_view),
    path("test-db-down/", db_down_view),
    path("test-broken/", broken_view),
    path("test-session/", session_writing_view),
    # The site's own patterns, not include(): i18n_patterns (the /es/ pages)
    # must sit in the root URLconf.
    *site_urls.urlpatterns,
]
handler404 = "advocacy.views.page_not_found"
handler500 = "advocacy.views.server_error"


def assert_strict_headers(response, *, frame_ancestors="'none'"):
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self';" in csp and "style-src 'self';" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert f"frame-ancestors {frame_ancestors}" in csp
    assert response["Referrer-Policy"] in (
        "same-origin",
        "no-referrer",
        "strict-origin",
    )
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("url", ["/", "/privacy/", "/guides/", "/no-such-page/"])
def test_public_pages_send_the_strict_headers(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    assert_strict_headers(response)
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.urls(__name__)
def test_only_the_embed_page_may_be_framed(client):
    response = client.get("/test-embed/")
    assert_strict_headers(response, frame_ancestors="*")
    assert "X-Frame-Options" not in response
    assert_strict_headers(client.get("/"))


# --- error pages ----------------------------------------------------------


def assert_clean_site_page(response, heading, *, public_csp=True):
    html = response.content.decode()
    assert heading in html
    assert "Protect your accounts" in html  # the site's layout (navigation)
    assert "Traceback" not in html and "secret detail" not in html
    assert "5432" not in html and "OperationalError" not in html
    if public_csp:  # /admin/ paths get the admin's own (still same-origin) CSP
        assert_strict_headers(response)


@pytest.mark.urls(__name__)
def test_database_outage_gets_a_clean_503(client):
    response = client.get("/test-db-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert_clean_site_page(response, "We will be right back")


def test_pages_that_need_the_database_get_503_while_it_is_down(client, monkeypatch):
    """A real page whose view needs the database: the session lookup fails."""
    from django.db.backends.base.base import BaseDatabaseWrapper

    def refuse(self):
        raise OperationalError("could not connect to server: Connection refused")

    client.cookies["sessionid"] = "a" * 32  # makes the admin load the session
    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    response = client.get("/admin/")
    assert response.status_code == 503
    assert_clean_site_page(response, "We will be right back", public_csp=False)


@pytest.mark.urls(__name__)
def test_a_bug_gets_the_site_500_without_traceback():
    from django.test import Client

    response = Client(raise_request_exception=False).get("/test-broken/")
    assert response.status_code == 500
    assert_clean_site_page(response, "Something went wrong on our side")


@pytest.mark.urls(__name__)
def test_500_page_renders_while_session_and_database_are_down(monkeypatch):
    """A bug during an outage still gets the site's 500 page, not a bare error."""
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.test import Client

    def refuse(self):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "b" * 32
    client.cookies["messages"] = "x"  # a message cookie must not be read either
    response = client.get("/test-broken/")
    assert response.status_code == 500
    assert_clean_site_page(response, "Something went wrong on our side")


@pytest.mark.urls(__name__)
def test_session_save_failing_after_the_view_gets_503(monkeypatch):
    """The database fails outside the view (saving the session): still a clean 503."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import Client

    def refuse(self, must_create=False):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(SessionStore, "save", refuse)
    response = Client(raise_request_exception=False).get("/test-session/")
    assert response.status_code == 503
    assert_clean_site_page(response, "We will be right back")


# --- structured logs ------------------------------------------------------


def test_json_log_lines_carry_the_request_but_no_personal_data(rf):
    request = rf.get("/petitions/x/sign/", REMOTE_ADDR="203.0.113.9")
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Bad request from %s (%s)",
        ("jane.doe@example.com", "203.0.113.9"),
        None,
    )
    record.request = request
    record.status_code = 400
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert "\n" not in line
    assert entry["level"] == "WARNING" and entry["logger"] == "django.request"
    assert entry["path"] == "/petitions/x/sign/" and entry["status"] == 400
    assert entry["time"].endswith("+00:00")
    assert "example.com" not in line and "203.0.113.9" not in line


def test_json_access_log_has_no_client_address_or_query():
    atoms = {
        "h": "198.51.100.7",
        "m": "GET",
        "U": "/guides/",
        "q": "email=a@b.org",
        "s": "200",
        "B": 512,
        "M": 12,
    }
    record = logging.LogRecord(
        "gunicorn.access", logging.INFO, __file__, 1, "%(m)s %(U)s", (atoms,), None
    )
    entry = json.loads(JsonFormatter().format(record))
    assert entry == {
        "time": entry["time"],
        "level": "INFO",
        "logger": "gunicorn.access",
        "message": "request",
        "method": "GET",
        "path": "/guides/",
        "status": 200,
        "bytes": 512,
        "duration_ms": 12,
    }


# --- the client address behind the proxy ------------------------------------


def _peer(request):
    return HttpResponse(request.META["REMOTE_ADDR"])


def test_client_address_comes_from_the_proxy_only_when_trusted(rf, settings):
    from core.middleware import ProxiedClientAddressMiddleware

    settings.TRUSTED_PROXY_IPS = ["127.0.0.1"]
    middleware = ProxiedClientAddressMiddleware(_peer)
    via_proxy = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="198.51.100.4")
    assert middleware(via_proxy).content == b"198.51.100.4"
    forged = rf.get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_REAL_IP="198.51.100.4")
    assert middleware(forged).content == b"203.0.113.5"
    direct = rf.get("/", REMOTE_ADDR="127.0.0.1")
    assert middleware(direct).content == b"127.0.0.1"


# --- cache outage -----------------------------------------------------------


def test_cache_degrades_to_misses_while_redis_is_down():
    """A closed port stands in for a stopped Redis: nothing raises, nothing hangs."""
    from core.cache import ResilientRedisCache

    port = __import__("tests.reliability.harness", fromlist=["free_port"]).free_port()
    cache = ResilientRedisCache(
        f"redis://127.0.0.1:{port}/0",
        {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}},
    )
    assert cache.get("k", "fallback") == "fallback"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set("k", 1) is None
    assert cache.add("k", 1) is False
    assert cache.incr("k") == 1  # rate limits fail open during the outage
    assert cache.get_or_set("k", 5) == 5
    assert cache.delete("k") is False
    assert cache.has_key("k") is False


# --- the real pages of the apps ---------------------------------------------


@pytest.fixture
def petition_seeded():
    from petitions import content

    content.load(stdout=None)


@pytest.mark.parametrize(
    "url",
    ["/petitions/state-privacy-law/", "/letters/", "/guides/instagram/", "/healthz"],
)
def test_app_pages_send_the_strict_headers(client, petition_seeded, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    assert_strict_headers(response)


def test_the_petition_embed_page_alone_may_be_framed(client, petition_seeded):
    embed = client.get("/petitions/state-privacy-law/embed/")
    assert embed.status_code == 200
    assert_strict_headers(embed, frame_ancestors="*")
    assert "X-Frame-Options" not in embed
    page = client.get("/petitions/state-privacy-law/")
    assert_strict_headers(page)
    assert page["X-Frame-Options"] == "DENY"


def test_session_cookie_is_secure_and_http_only_in_production(client, as_production):
    """The session cookie (a letter in progress: its only use) is Secure too."""
    from letters import content

    content.load()
    https = {"x-forwarded-proto": "https"}
    # Nothing chosen yet: back to step 2, with a notice in the address, no session.
    response = client.get("/letters/va/write/", headers=https)
    assert response.status_code == 302
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    # Choosing who to write to starts the letter, and its session.
    response = client.post(
        "/letters/va/", {"lower": "12", "typed:lower:12": "Jane Doe"}, headers=https
    )
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] is True and cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert set(response.cookies) <= {
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
    }
