"""Failed admin sign-ins are limited per account and per network (issue 16, item 1).

The attack as the test: 50 wrong passwords for one staff account from one
address, then the right one. The clock is advanced (core.ratelimit.now and
the local-memory cache both read time.time), never slept on.
"""

import logging
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "correct horse battery staple"
ATTACKER = "203.0.113.77"


@pytest.fixture
def organizer():
    return get_user_model().objects.create_user(
        "organizer", "organizer@example.org", PASSWORD, is_staff=True
    )


@pytest.fixture
def clock(monkeypatch):
    """time.time under the test's control: `clock.advance(seconds)`."""

    class Clock:
        now = time.time()

        def advance(self, seconds):
            self.now += seconds

    fake = Clock()
    monkeypatch.setattr(time, "time", lambda: fake.now)
    return fake


def sign_in(client, username, password, ip=ATTACKER):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def page_text(response):
    return response.content.decode()


def test_fifty_wrong_passwords_then_the_right_one_is_refused_until_the_pause_ends(
    client, organizer, clock, caplog
):
    caplog.set_level(logging.INFO)
    statuses = [
        sign_in(client, "organizer", f"guess-{n}").status_code for n in range(50)
    ]
    # The first four are plain wrong passwords; the fifth starts the pause.
    assert statuses[:4] == [200] * 4
    assert statuses[4:] == [429] * 46

    refused = sign_in(client, "organizer", PASSWORD)
    assert refused.status_code == 429
    assert not signed_in(refused)
    assert "_auth_user_id" not in client.session
    text = page_text(refused)
    assert "Too many failed sign-in attempts for this account" in text
    assert "try again in 15 minutes" in text
    assert int(refused["Retry-After"]) == 15 * 60

    clock.advance(10 * 60)
    later = sign_in(client, "organizer", PASSWORD)
    assert later.status_code == 429
    assert "try again in 5 minutes" in page_text(later)
    assert int(later["Retry-After"]) == 5 * 60

    clock.advance(5 * 60 + 1)
    assert signed_in(sign_in(client, "organizer", PASSWORD))

    # One pause was logged, with the account name and without the address.
    pauses = [r for r in caplog.records if "sign-in paused" in r.getMessage()]
    assert len(pauses) == 1
    assert "'organizer'" in pauses[0].getMessage()
    logged = "\n".join(f"{r.getMessage()} {vars(r)!r}" for r in caplog.records)
    assert ATTACKER not in logged


def test_the_pause_message_says_when_on_the_clock(client, organizer, clock, settings):
    settings.TIME_ZONE = "UTC"
    clock.now = 1_800_000_000.0  # 2027-01-15 08:00:00 UTC
    for n in range(5):
        response = sign_in(client, "organizer", f"guess-{n}")
    assert response.status_code == 429
    assert "(after 8:15 AM UTC)" in page_text(response)


def test_a_wrong_password_below_the_limit_says_only_that(client, organizer):
    response = sign_in(client, "organizer", "wrong")
    assert response.status_code == 200
    assert "Please enter the correct username and password" in page_text(response)
    assert "Too many" not in page_text(response)


def test_the_pause_holds_for_the_account_from_everywhere(client, organizer, settings):
    """Guesses spread over many networks pause the account for all of them."""
    settings.ADMIN_LOGIN_ACCOUNT_FAILURE_LIMIT = 20
    for n in range(20):
        sign_in(client, "organizer", f"guess-{n}", ip=f"198.51.100.{n + 1}")
    response = sign_in(client, "organizer", PASSWORD, ip="192.0.2.200")
    assert response.status_code == 429
    assert "for this account" in page_text(response)


def test_one_network_trying_many_accounts_is_paused(client, organizer):
    """20 failures from one IPv6 /64, each from its own address and account."""
    for n in range(20):
        sign_in(client, f"guess{n}", "wrong", ip=f"2001:db8:5:6::{n + 1:x}")
    response = sign_in(client, "organizer", PASSWORD, ip="2001:db8:5:6::ffff")
    assert response.status_code == 429
    assert "from your network" in page_text(response)
    # Another network is not affected.
    assert signed_in(sign_in(client, "organizer", PASSWORD, ip="2001:db8:5:7::1"))


def test_a_success_does_not_clear_the_network_count_for_other_accounts(
    client, organizer
):
    """An attacker's own account signing in does not wipe the guesses against others."""
    get_user_model().objects.create_user(
        "insider", password="insider pass", is_staff=True
    )
    for n in range(19):
        sign_in(client, f"victim{n}", "wrong")
    assert signed_in(sign_in(client, "insider", "insider pass"))
    client.logout()
    response = sign_in(client, "victim0", "wrong")  # the 20th failure
    assert response.status_code == 429
    assert "from your network" in page_text(response)


def test_a_success_clears_that_accounts_count_from_that_network(client, organizer):
    for n in range(4):
        sign_in(client, "organizer", f"typo-{n}")
    assert signed_in(sign_in(client, "organizer", PASSWORD))
    client.logout()
    for n in range(4):
        assert sign_in(client, "organizer", f"typo-{n}").status_code == 200


def test_case_and_spaces_do_not_make_a_new_account_name(client, organizer):
    for name in ("organizer", "Organizer", "ORGANIZER ", " organizer", "OrGaNiZeR"):
        sign_in(client, name, "wrong")
    assert sign_in(client, "organizer", PASSWORD).status_code == 429


def test_no_address_and_no_account_name_in_the_cache_keys(client, organizer):
    for n in range(6):
        sign_in(client, "organizer", f"guess-{n}")
    if hasattr(cache._cache, "get_client"):  # Redis
        keys = [
            key.decode() for key in cache._cache.get_client(None, write=False).keys("*")
        ]
    else:  # local memory: every key the limits wrote
        keys = list(cache._cache)
    assert keys
    assert not [key for key in keys if ATTACKER in key or "organizer" in key]


def test_an_unknown_account_name_is_not_logged(client, caplog):
    caplog.set_level(logging.WARNING)
    for n in range(5):
        sign_in(client, "hunter2-typed-in-the-wrong-box", f"guess-{n}")
    pauses = [r.getMessage() for r in caplog.records if "paused" in r.getMessage()]
    assert pauses == [
        "admin sign-in paused for account (not an account) after 5 failed "
        "attempts, for 900 seconds"
    ]
