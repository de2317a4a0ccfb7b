"""ZIP lookup JSON: cache headers and a per-network limit (issue 16, item 13).

The attack as the test: one client asking again and again gets a 429 with
Retry-After and a plain sentence once past the (generous) limit, while
another network is not affected; nothing of it is logged with the ZIP.
"""

import logging

import pytest

from core import ratelimit

from .test_zip_lookup import zip_table  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

URL = "/letters/zip/98501.json"


@pytest.fixture
def slot_start(monkeypatch):
    """The limit's clock at the start of a 60-second slot (no slot ends mid-test)."""
    moment = [1_800_000_000.0]
    monkeypatch.setattr(ratelimit, "now", lambda: moment[0])
    return moment


@pytest.mark.usefixtures("zip_table")
def test_public_answers_may_be_cached_the_form_fragment_privately(client):
    plain = client.get(URL, {"state": "WA"})
    assert plain.status_code == 200
    assert plain["Cache-Control"] == "public, max-age=3600"
    listing = client.get(URL, {"state": "WA", "fragment": "1"})
    assert listing["Cache-Control"] == "public, max-age=3600"
    assert "csrfmiddlewaretoken" not in listing.json()["html"]
    # The pick form carries the reader's CSRF token: their browser only.
    form = client.get(URL, {"state": "WA", "fragment": "1", "choose": "1"})
    assert "csrfmiddlewaretoken" in form.json()["html"]
    assert form["Cache-Control"] == "private, max-age=3600"


def test_max_age_follows_the_setting(client, settings):
    settings.ZIP_LOOKUP_MAX_AGE_SECONDS = 120
    assert client.get(URL)["Cache-Control"] == "public, max-age=120"


@pytest.mark.usefixtures("zip_table")
def test_one_network_is_limited_with_a_clear_json_error(
    client, settings, slot_start, caplog
):
    assert settings.ZIP_LOOKUP_RATE_LIMIT == 120  # generous: a person types a few
    assert settings.ZIP_LOOKUP_RATE_WINDOW_SECONDS == 60
    caplog.set_level(logging.DEBUG)
    statuses = [
        client.get(URL, REMOTE_ADDR="2001:db8:9:9::" + f"{n + 1:x}").status_code
        for n in range(130)
    ]
    assert statuses == [200] * 120 + [429] * 10

    slot_start[0] += 15
    limited = client.get(URL, {"state": "WA"}, REMOTE_ADDR="2001:db8:9:9::abc")
    assert limited.status_code == 429
    assert limited["Retry-After"] == "45"
    assert limited["Content-Type"] == "application/json"
    assert limited["Cache-Control"] == "no-store"
    assert limited.json() == {
        "error": "Too many ZIP code lookups from your network just now. Try again in "
        "45 seconds, or press “Find my legislators” to look it up on the page.",
        "retry_after": 45,
    }
    # Another network is not affected.
    other = client.get(URL, {"state": "WA"}, REMOTE_ADDR="198.51.100.3")
    assert other.status_code == 200 and other.json()["found"] is True
    # The ZIP (in the path) and the address are in no log line.
    logged = "\n".join(f"{r.getMessage()} {vars(r)!r}" for r in caplog.records)
    assert "98501" not in logged and "2001:db8:9:9" not in logged

    # The next window counts from zero again.
    slot_start[0] += 45
    assert client.get(URL, REMOTE_ADDR="2001:db8:9:9::1").status_code == 200


def test_the_limit_follows_the_settings(client, settings, slot_start):
    settings.ZIP_LOOKUP_RATE_LIMIT = 3
    settings.ZIP_LOOKUP_RATE_WINDOW_SECONDS = 300
    statuses = [client.get(URL).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client.get(URL)["Retry-After"] == "300"  # 1.8e9 starts a 300 s slot too
