"""A campaign page on production's Redis cache: a warm anonymous visit reads
two entries (the campaign, its petition) and touches no database."""

import uuid

import pytest
import redis.client
from django.core.management import call_command

from core import pagecache

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache_settings(settings, redis_url):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": f"test-campaign-{uuid.uuid4().hex[:8]}",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    return settings


@pytest.fixture
def round_trips(monkeypatch):
    trips = []
    real_command = redis.client.Redis.execute_command
    real_pipeline = redis.client.Pipeline.execute

    def command(self, *args, **kwargs):
        trips.append([args[0]])
        return real_command(self, *args, **kwargs)

    def pipeline(self, *args, **kwargs):
        trips.append([c[0][0] for c in self.command_stack])
        return real_pipeline(self, *args, **kwargs)

    monkeypatch.setattr(redis.client.Redis, "execute_command", command)
    monkeypatch.setattr(redis.client.Pipeline, "execute", pipeline)
    return trips


def test_a_warm_campaign_page_is_two_reads(
    client, redis_cache_settings, round_trips, django_assert_num_queries
):
    call_command("load_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    pagecache.clear()
    path = "/campaigns/state-privacy-law/"
    assert client.get(path).status_code == 200
    round_trips.clear()
    with django_assert_num_queries(0):
        assert client.get(path).status_code == 200
    assert round_trips == [["MGET"], ["MGET"]]


def test_a_warm_preview_picture_is_three_reads(
    client, redis_cache_settings, round_trips, django_assert_num_queries
):
    call_command("load_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    path = "/campaigns/state-privacy-law/preview.png"
    first = client.get(path)
    round_trips.clear()
    with django_assert_num_queries(0):
        again = client.get(path)
    assert again.content == first.content
    # The campaign, its petition's count, the organization, then the picture.
    assert [trip[0] for trip in round_trips] == ["MGET", "MGET", "MGET", "GET"]
