"""gunicorn.conf.py on its own: production settings by default, HTTPS behind the proxy.

Started without DJANGO_SETTINGS_MODULE, as `gunicorn --config gunicorn.conf.py
advocacy.wsgi` is on a host, and with the SSL redirect on as in production.
"""

import json

import pytest

from . import harness

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]


def test_gunicorn_defaults_to_production_and_honours_the_proxy(stack, monkeypatch):
    env = stack.env(DJANGO_SECURE_SSL_REDIRECT="true")
    del env["DJANGO_SETTINGS_MODULE"]
    monkeypatch.setattr(
        stack, "env", lambda **extra: {**env, **{k: str(v) for k, v in extra.items()}}
    )
    server = stack.start_web(workers=1)  # waits for /healthz: exempt from the redirect

    plain = server.get("/privacy/")
    assert plain.status == 301
    assert plain.headers["location"] == f"https://{server.url[7:]}/privacy/"
    proxied = server.get(
        "/privacy/", headers={"X-Forwarded-Proto": "https", "X-Real-IP": "192.0.2.44"}
    )
    assert proxied.status == 200
    assert "max-age=31536000" in proxied.headers["strict-transport-security"]
    assert "frame-ancestors 'none'" in proxied.headers["content-security-policy"]
    assert "/static/css/site." in proxied.text and ".css" in proxied.text
    assert "/static/css/site.css" not in proxied.text  # hashed name (manifest storage)

    missing = server.get(
        "/no-such-page/?email=someone@example.test",
        headers={"X-Forwarded-Proto": "https"},
    )
    assert missing.status == 404
    # gunicorn writes the access line after the response has gone out.
    harness.wait_for(
        lambda: server.log().count('"path": "/no-such-page/"') >= 2,
        timeout=10,
        message="the log lines of the 404",
    )
    log = server.log()
    log = log[: log.rfind("\n") + 1]  # complete lines only
    lines = [json.loads(line) for line in log.splitlines() if line.strip()]
    not_found = [e for e in lines if e["logger"] == "django.request"]
    assert not_found and not_found[-1]["status"] == 404
    assert not_found[-1]["path"] == "/no-such-page/"
    access = [e for e in lines if e["logger"] == "gunicorn.access"]
    assert {e["path"] for e in access} >= {"/healthz", "/privacy/", "/no-such-page/"}
    assert "192.0.2.44" not in server.log() and "example.test" not in server.log()
