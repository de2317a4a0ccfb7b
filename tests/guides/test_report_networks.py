"""Guide reports count per network too: an IPv6 /64 is one network (issue 16, item 2)."""

import pytest
from django.conf import settings

from guides.models import GuideReport

pytestmark = pytest.mark.django_db


def report(client, ip):
    return client.post(
        "/guides/example/report/",
        {"description": "The toggle moved again"},
        REMOTE_ADDR=ip,
    )


def test_addresses_in_one_ipv6_64_share_the_report_limit(client, platform):
    limit = settings.GUIDES_REPORT_LIMIT
    statuses = [
        report(client, f"2001:db8:77:1::{n + 1:x}").status_code
        for n in range(limit + 2)
    ]
    assert statuses == [302] * limit + [429] * 2
    assert GuideReport.objects.count() == limit
    assert report(client, "2001:db8:77:2::1").status_code == 302  # the next /64


def test_distinct_ipv4_addresses_each_have_their_own_limit(client, platform):
    limit = settings.GUIDES_REPORT_LIMIT
    statuses = [
        report(client, f"198.51.100.{n + 1}").status_code for n in range(limit + 2)
    ]
    assert statuses == [302] * (limit + 2)
