"""count.json and the petition page from the cache (petitions.cache, core.pagecache)."""

import json
import re

import pytest
from django.core.cache import cache
from django.test import Client

from petitions import services
from petitions.cache import petition_public
from petitions.models import Signature

from .conftest import SIGNER

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def count(client, petition):
    response = client.get(f"/petitions/{petition.slug}/count.json")
    assert response.status_code == 200
    return json.loads(response.content)


def make_signature(petition, email="ada@example.com", **fields):
    return services.signature_create(
        petition=petition, **{**SIGNER, "email": email, **fields}
    ).signature


def test_warm_count_json_costs_no_query(client, petition, django_assert_num_queries):
    count(client, petition)
    with django_assert_num_queries(0):
        assert count(client, petition) == {"signatures": 0, "goal": petition.goal}


def test_count_json_shows_a_confirmation_and_a_withdrawal_at_once(client, petition):
    signature = make_signature(petition)
    assert count(client, petition)["signatures"] == 0
    services.signature_confirm(signature=signature)
    assert count(client, petition)["signatures"] == 1
    services.signature_withdraw(signature=signature)
    assert count(client, petition)["signatures"] == 0


def test_count_json_shows_a_new_goal_at_once(client, petition):
    count(client, petition)
    petition.goal = 123456
    petition.save()
    assert count(client, petition)["goal"] == 123456


def test_unknown_petition_is_404_and_nothing_cached(client, petition):
    assert client.get("/petitions/nope/count.json").status_code == 404
    assert client.get("/petitions/nope/").status_code == 404
    assert cache.get("petitions:public:nope") is None
    assert cache.get("petitions:count-json:nope") is None


def test_warm_petition_page_costs_no_query(client, petition, django_assert_num_queries):
    client.get(f"/petitions/{petition.slug}/")
    client.cookies.clear()
    with django_assert_num_queries(0):
        response = client.get(f"/petitions/{petition.slug}/")
    assert response.status_code == 200
    assert petition.title in response.content.decode()


def test_page_shows_a_confirmed_public_signer_at_once(client, petition):
    assert "Grace H." not in client.get(f"/petitions/{petition.slug}/").content.decode()
    signature = make_signature(
        petition,
        email="grace@example.com",
        first_name="Grace",
        last_name="Hopper",
        list_publicly=True,
    )
    services.signature_confirm(signature=signature)
    html = client.get(f"/petitions/{petition.slug}/").content.decode()
    assert "Grace H." in html


def test_closing_the_petition_shows_at_once(client, petition):
    assert (
        'name="first_name"'
        in client.get(f"/petitions/{petition.slug}/").content.decode()
    )
    petition.is_open = False
    petition.save()
    html = client.get(f"/petitions/{petition.slug}/").content.decode()
    assert "This petition is closed" in html
    assert 'name="first_name"' not in html


def test_every_visitor_gets_a_working_token_of_their_own(petition):
    tokens = set()
    for number in range(3):
        browser = Client(enforce_csrf_checks=True)
        html = browser.get(f"/petitions/{petition.slug}/").content.decode()
        (token,) = TOKEN.findall(html)
        tokens.add(token)
        response = browser.post(
            f"/petitions/{petition.slug}/sign/",
            {**SIGNER, "email": f"v{number}@example.com", "csrfmiddlewaretoken": token},
            REMOTE_ADDR=f"203.0.113.{number + 1}",
        )
        assert response.status_code == 302, response.content.decode()[:500]
    assert len(tokens) == 3
    assert Signature.objects.filter(petition=petition).count() == 3


def test_form_errors_are_never_shared(client, petition):
    client.get(f"/petitions/{petition.slug}/")
    response = client.post(
        f"/petitions/{petition.slug}/sign/",
        {**SIGNER, "first_name": "Typed By Someone", "email": "not-an-email"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 200
    assert "Typed By Someone" in response.content.decode()
    fresh = Client().get(f"/petitions/{petition.slug}/").content.decode()
    assert "Typed By Someone" not in fresh
    assert "not-an-email" not in fresh


def test_public_entry_holds_petition_count_and_a_new_version_after_a_change(petition):
    first = petition_public(slug=petition.slug)
    assert first.petition.pk == petition.pk and first.count == 0
    assert petition_public(slug=petition.slug).version == first.version
    services.signature_confirm(signature=make_signature(petition))
    second = petition_public(slug=petition.slug)
    assert second.count == 1
    assert second.version != first.version


def test_a_count_stored_after_a_confirmation_by_a_slower_reader_is_never_served(
    petition,
):
    """The race behind a stale count: a reader counts, a confirmation commits and
    invalidates, then the reader stores what it counted before."""
    from petitions.selectors import (
        _count_key,
        petition_cached,
        petition_confirmed_count,
    )

    signature = make_signature(petition)

    def slow_count():
        services.signature_confirm(signature=signature)  # while the reader counts
        return 0  # what the reader counted before the confirmation

    stale, _ = petition_cached(
        slug=petition.slug, key=_count_key(petition.pk), compute=slow_count
    )
    assert stale == 0
    assert petition_confirmed_count(petition=petition) == 1
    assert petition_public(slug=petition.slug).count == 1
    assert count(Client(), petition)["signatures"] == 1
