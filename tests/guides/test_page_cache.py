"""Guide pages served from each process's memory (core.pagecache)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from core import pagecache
from guides.cache import VERSION_KEY, guides_cache_version
from guides.models import Platform

from .conftest import make_platform

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_warm_page_costs_no_query(client, django_assert_num_queries):
    make_platform(slug="few")
    client.get("/guides/few/")
    client.cookies.clear()
    with django_assert_num_queries(0):
        response = client.get("/guides/few/")
    assert response.status_code == 200
    assert "few step number 1" in response.content.decode()


def test_each_visitor_gets_their_own_csrf_token_and_can_post(client):
    make_platform(slug="few")
    tokens = set()
    for _ in range(3):
        client.cookies.clear()
        response = client.get("/guides/few/")
        html = response.content.decode()
        assert pagecache.CSRF_PLACEHOLDER not in html
        (token,) = TOKEN.findall(html)
        tokens.add(token)
        assert response.cookies["csrftoken"].value
    assert len(tokens) == 3
    # The token in a copied page is a real one: the report form accepts it.
    client.cookies.clear()
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    html = strict.get("/guides/few/").content.decode()
    (token,) = TOKEN.findall(html)
    response = strict.post(
        "/guides/few/report/",
        {"csrfmiddlewaretoken": token, "step": "", "description": "Menu moved."},
    )
    assert response.status_code == 302


def test_edit_changes_the_page_at_once(client):
    platform = make_platform(slug="few")
    assert "Fresh summary" not in client.get("/guides/few/").content.decode()
    platform.summary = "Fresh summary from an organizer"
    platform.save()
    assert "Fresh summary" in client.get("/guides/few/").content.decode()


def test_bulk_update_without_signals_is_seen_after_a_bump(client):
    from guides.cache import guides_cache_bump

    make_platform(slug="few")
    client.get("/guides/few/")
    Platform.objects.filter(slug="few").update(summary="Changed in bulk")
    guides_cache_bump()
    assert "Changed in bulk" in client.get("/guides/few/").content.decode()


def test_a_lost_version_key_never_brings_an_old_page_back(client):
    """Redis restarted (or flushed): the version is new, not a reused number."""
    platform = make_platform(slug="few")
    client.get("/guides/few/")
    before = guides_cache_version()
    cache.delete(VERSION_KEY)
    Platform.objects.filter(pk=platform.pk).update(summary="After the restart")
    assert guides_cache_version() != before
    assert "After the restart" in client.get("/guides/few/").content.decode()


def test_the_report_notice_gets_a_fresh_render(client):
    make_platform(slug="few")
    client.get("/guides/few/")
    response = client.post(
        "/guides/few/report/", {"step": "", "description": "Menu moved."}
    )
    assert response.status_code == 302
    # The thank-you notice rides in the address (no session), on a fresh render.
    html = client.get(response["Location"]).content.decode()
    assert "Thank you! Your report was sent" in html
    assert (
        "Thank you! Your report was sent"
        not in client.get("/guides/few/").content.decode()
    )


def test_staff_preview_of_an_unpublished_guide_is_never_shared(client):
    make_platform(slug="draft", is_published=False)
    assert client.get("/guides/draft/").status_code == 404
    staff = get_user_model().objects.create_user(
        "organizer", password="x-very-long-password", is_staff=True
    )
    client.force_login(staff)
    assert "Preview: this guide" in client.get("/guides/draft/").content.decode()
    client.logout()
    client.cookies.clear()
    assert client.get("/guides/draft/").status_code == 404
