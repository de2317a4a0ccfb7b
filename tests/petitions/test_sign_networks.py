"""The signing limit counts a network: an IPv4 address, or an IPv6 /64 (issue 16, item 2).

The attack as the test: 25 signatures from 25 addresses inside one IPv6 /64
(one household or phone can rotate through them at will) are limited like
25 from one address, while 25 from 25 distinct IPv4 addresses (people behind
different connections) are not limited by that rule.
"""

import pytest

from petitions.models import Signature

from .conftest import sign

pytestmark = pytest.mark.django_db


def sign_from(client, petition, addresses):
    return [
        sign(client, petition, ip=ip, email=f"n{n}@example.com").status_code
        for n, ip in enumerate(addresses)
    ]


def test_25_addresses_in_one_ipv6_64_share_one_limit(client, petition, settings):
    assert settings.PETITION_SIGN_RATE_LIMIT == 20  # the documented default
    addresses = [f"2001:db8:abcd:12::{n + 1:x}" for n in range(24)]
    addresses.append("2001:db8:abcd:12:ffff:eeee:dddd:cccc")  # same /64, far end
    statuses = sign_from(client, petition, addresses)
    assert statuses == [302] * 20 + [429] * 5
    assert Signature.objects.count() == 20
    # The next /64 is another network.
    other = sign(client, petition, ip="2001:db8:abcd:13::1", email="other@example.com")
    assert other.status_code == 302


def test_25_distinct_ipv4_addresses_are_not_limited_by_that_rule(client, petition):
    addresses = [f"198.51.100.{n + 1}" for n in range(25)]
    assert sign_from(client, petition, addresses) == [302] * 25
    assert Signature.objects.count() == 25


def test_an_ipv4_mapped_ipv6_address_counts_as_its_ipv4_address(
    client, petition, settings
):
    settings.PETITION_SIGN_RATE_LIMIT = 2
    statuses = sign_from(
        client, petition, ["192.0.2.9", "::ffff:192.0.2.9", "::ffff:c000:209"]
    )
    assert statuses == [302, 302, 429]
