"""Forwarded headers are believed only from a proxy named in the settings (issue 16, item 5).

The attack as the test: from 127.0.0.1 with nothing configured (gunicorn
reached without nginx in front), 25 rotating spoofed X-Real-IP and
X-Forwarded-For values all land in one rate-limit bucket.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.http import HttpResponse
from django.test import Client

from core.middleware import (
    ProxiedClientAddressMiddleware,
    forwarded_client,
    trusted_networks,
)
from petitions import content
from petitions.models import Signature
from tests.factories import SIGNER

SIGN = "/petitions/state-privacy-law/sign/"


def spoofed(n):
    return {
        "HTTP_X_REAL_IP": f"198.51.{n}.{n + 1}",
        "HTTP_X_FORWARDED_FOR": f"203.0.113.{n + 1}, 192.0.2.{n + 1}",
    }


def sign_25_from_loopback(client):
    return [
        client.post(
            SIGN,
            {**SIGNER, "email": f"spoof{n}@example.com"},
            REMOTE_ADDR="127.0.0.1",
            **spoofed(n),
        ).status_code
        for n in range(25)
    ]


@pytest.mark.django_db
def test_spoofed_headers_from_loopback_all_land_in_one_bucket(settings):
    content.load()
    assert settings.TRUSTED_PROXY_IPS == [] and settings.TRUSTED_PROXY_HOPS == 0
    assert settings.PETITION_SIGN_RATE_LIMIT == 20
    statuses = sign_25_from_loopback(Client())
    assert statuses == [302] * 20 + [429] * 5
    assert Signature.objects.count() == 20


@pytest.mark.django_db
def test_the_same_headers_from_a_configured_proxy_name_25_visitors(settings):
    """The check is real: with nginx's address configured, X-Real-IP is believed."""
    content.load()
    settings.TRUSTED_PROXY_IPS = ["127.0.0.1", "::1"]
    assert sign_25_from_loopback(Client()) == [302] * 25


def _seen(request):
    return HttpResponse(request.META["REMOTE_ADDR"])


def seen(rf, settings, remote, **headers):
    middleware = ProxiedClientAddressMiddleware(_seen)
    return middleware(rf.get("/", REMOTE_ADDR=remote, **headers)).content.decode()


def test_untrusted_peers_keep_their_own_address(rf, settings):
    settings.TRUSTED_PROXY_IPS = ["10.0.0.5"]
    for remote in ("127.0.0.1", "::1", "10.0.0.6", "203.0.113.5"):
        assert seen(rf, settings, remote, **spoofed(3)) == remote


def test_a_trusted_proxy_names_the_client(rf, settings):
    settings.TRUSTED_PROXY_IPS = ["127.0.0.1", "10.0.0.0/24"]
    real_ip = {"HTTP_X_REAL_IP": "198.51.100.4"}
    assert seen(rf, settings, "127.0.0.1", **real_ip) == "198.51.100.4"
    assert seen(rf, settings, "10.0.0.9", **real_ip) == "198.51.100.4"
    assert (
        seen(rf, settings, "127.0.0.1", HTTP_X_REAL_IP="2001:DB8::7") == "2001:db8::7"
    )
    # Not an address: the peer stays.
    assert seen(rf, settings, "127.0.0.1", HTTP_X_REAL_IP="evil") == "127.0.0.1"
    assert seen(rf, settings, "127.0.0.1") == "127.0.0.1"
    # A balancer without X-Real-IP: the right-most X-Forwarded-For entry that is
    # not itself one of the trusted proxies.
    chain = {"HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.8, 10.0.0.3"}
    assert seen(rf, settings, "10.0.0.2", **chain) == "198.51.100.8"


def test_procfile_platforms_count_x_forwarded_for_hops(rf, settings):
    """Heroku's router appends the address it saw: that one, not the client's own."""
    settings.TRUSTED_PROXY_HOPS = 1
    header = {"HTTP_X_FORWARDED_FOR": "6.6.6.6, 7.7.7.7, 198.51.100.9"}
    assert seen(rf, settings, "10.1.2.3", **header) == "198.51.100.9"
    # X-Real-IP is not what the router writes: ignored.
    assert seen(rf, settings, "10.1.2.3", HTTP_X_REAL_IP="6.6.6.6") == "10.1.2.3"
    settings.TRUSTED_PROXY_HOPS = 2  # a CDN in front of the router
    assert seen(rf, settings, "10.1.2.3", **header) == "7.7.7.7"
    settings.TRUSTED_PROXY_HOPS = 5  # fewer entries than hops: the left-most
    assert seen(rf, settings, "10.1.2.3", **header) == "6.6.6.6"


def test_forwarded_client_rules():
    trusted = trusted_networks(["127.0.0.1", "::1", ""])
    meta = {"REMOTE_ADDR": "::1", "HTTP_X_FORWARDED_FOR": "198.51.100.1, junk"}
    assert forwarded_client(meta, trusted=trusted, hops=0) is None  # junk: stop
    meta = {"REMOTE_ADDR": "::1", "HTTP_X_FORWARDED_FOR": "198.51.100.1, ::1"}
    assert forwarded_client(meta, trusted=trusted, hops=0) == "198.51.100.1"
    assert forwarded_client({"REMOTE_ADDR": "::1"}, trusted=(), hops=0) is None


@pytest.mark.parametrize(
    "module",
    [
        "advocacy.settings.base",
        "advocacy.settings.test",
        "advocacy.settings.production",
    ],
)
def test_no_proxy_is_trusted_by_default_in_any_settings_module(module):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "TRUSTED_PROXY", "DATABASE_", "REDIS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE=module,
        DJANGO_SECRET_KEY="x" * 60,
        DATABASE_URL="postgres://advocacy@127.0.0.1:5432/advocacy",
        REDIS_URL="redis://127.0.0.1:6379/0",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/1",
    )
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.TRUSTED_PROXY_IPS, s.TRUSTED_PROXY_HOPS, s.MIDDLEWARE[0]]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        [],
        0,
        "core.middleware.ProxiedClientAddressMiddleware",
    ]
