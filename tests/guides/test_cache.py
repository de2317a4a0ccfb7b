import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.selectors import organization_get
from guides.models import GuideChange, Source, Step

from .conftest import make_platform

pytestmark = pytest.mark.django_db


def test_url_names():
    assert reverse("guides:index") == "/guides/"
    assert reverse("guides:detail", kwargs={"slug": "x"}) == "/guides/x/"


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_guide_page_queries_stay_small_and_constant_as_steps_grow(client):
    make_platform(slug="few", steps=3)
    many_platform = make_platform(slug="many", steps=30)
    for day in range(1, 11):
        GuideChange.objects.create(
            platform=many_platform,
            date=datetime.date(2026, 1, day),
            text=f"Change {day}",
        )
        Source.objects.create(
            platform=many_platform, title=f"Source {day}", url="https://example.com/"
        )
    # The footer's organization is cached for a day on its own (core.selectors);
    # read it first so only the guide's queries are counted.
    cache.clear()
    organization_get()
    few = count_queries(client, "/guides/few/")
    cache.clear()
    organization_get()
    many = count_queries(client, "/guides/many/")
    assert few == many
    # The guide, its steps, its sources, its "What changed" entries.
    assert many <= 4


def test_guide_page_is_served_from_cache(client, django_assert_num_queries):
    make_platform(slug="few", steps=3)
    client.get("/guides/few/")
    with django_assert_num_queries(0):
        assert client.get("/guides/few/").status_code == 200
    client.get("/guides/")
    with django_assert_num_queries(0):
        assert client.get("/guides/").status_code == 200


def test_index_queries_constant_as_guides_grow(client):
    make_platform(slug="a", steps=2)
    cache.clear()
    organization_get()  # the footer's, cached on its own
    one = count_queries(client, "/guides/")
    for slug in "bcdefgh":
        make_platform(slug=slug, steps=8)
    cache.clear()
    organization_get()
    assert count_queries(client, "/guides/") == one <= 3


def test_editing_a_step_invalidates_the_cached_page(client):
    platform = make_platform(slug="few", steps=3)
    assert "step number 1" in client.get("/guides/few/").content.decode()
    step = platform.steps.first()
    step.text = "A brand new first step"
    step.save()
    html = client.get("/guides/few/").content.decode()
    assert "A brand new first step" in html
    Step.objects.filter(pk=step.pk).first().delete()
    assert "A brand new first step" not in client.get("/guides/few/").content.decode()


def test_editing_the_platform_invalidates_list_and_page(client):
    platform = make_platform(slug="few")
    client.get("/guides/")
    client.get("/guides/few/")
    platform.summary = "Fresh summary from an organizer"
    platform.save()
    assert "Fresh summary" in client.get("/guides/").content.decode()
    assert "Fresh summary" in client.get("/guides/few/").content.decode()
    platform.is_published = False
    platform.save()
    assert client.get("/guides/few/").status_code == 404


def test_renaming_a_slug_drops_the_old_page(client):
    platform = make_platform(slug="old")
    assert client.get("/guides/old/").status_code == 200
    platform.slug = "new"
    platform.save()
    assert client.get("/guides/old/").status_code == 404
    assert client.get("/guides/new/").status_code == 200
