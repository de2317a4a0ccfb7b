"""What one rate limit counts (core.ratelimit.network), and what /privacy/ says about it."""

import pytest

from core import ratelimit


@pytest.mark.parametrize(
    "address, counted",
    [
        ("198.51.100.23", "198.51.100.23"),
        (" 198.51.100.23 ", "198.51.100.23"),
        ("198.51.100.24", "198.51.100.24"),  # IPv4: each address on its own
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
        ("[2001:db8:1:2::1]", "2001:db8:1:2::/64"),
        ("fe80::1%eth0", "fe80::/64"),
        ("::ffff:198.51.100.23", "198.51.100.23"),
        ("198.51.100.23:54321", "198.51.100.23"),
        ("", "unknown"),
        ("not an address", "not an address"),
    ],
)
def test_network_counts_ipv4_per_address_and_ipv6_per_64(address, counted):
    assert ratelimit.network(address) == counted


def test_the_hash_is_of_the_network_salted(settings):
    same = ratelimit.ip_hash("2001:db8:1:2::1")
    assert same == ratelimit.ip_hash("2001:db8:1:2:ffff::9")
    assert same != ratelimit.ip_hash("2001:db8:1:3::1")
    assert ratelimit.ip_hash("192.0.2.1") != ratelimit.ip_hash("192.0.2.2")
    assert "2001:db8" not in same and len(same) == 64
    settings.IP_HASH_SALT = "another salt"
    assert ratelimit.ip_hash("2001:db8:1:2::1") != same


def test_hit_aligned_counts_in_clock_slots_and_says_when_the_slot_ends(monkeypatch):
    moment = [1_800_000_000.0 + 15]  # 15 s into a 60 s slot (1.8e9 = 30e6 x 60)
    monkeypatch.setattr(ratelimit, "now", lambda: moment[0])
    assert ratelimit.hit_aligned("t", window=60) == (1, 45)
    moment[0] += 44.5
    assert ratelimit.hit_aligned("t", window=60) == (2, 1)
    moment[0] += 1  # the next slot counts from one again
    assert ratelimit.hit_aligned("t", window=60) == (1, 60)


@pytest.mark.django_db
def test_privacy_page_says_what_a_network_is(client):
    page = client.get("/privacy/").content.decode()
    assert "A network is one IPv4 address, or for IPv6 the first half" in page
    assert "(its /64," in page
    # ...which is what the code counts: the first half of 128 bits.
    assert ratelimit.IPV6_NETWORK_PREFIX == 64
    for activity in ("signs the petition", "reports a guide", "looks up ZIP codes"):
        assert activity in page
    assert "fails to sign in to the organizers' pages" in page
