"""Issue 16, item 9: a page with a visitor's CSRF token is `Cache-Control:
private`; a page the same for everyone says its `public, max-age`.

`Vary: Cookie` alone was all the token pages said, and a cache that ignores
Vary could hand one visitor's token to others. Every public page of the
sweep catalogue is visited; each response that carries a token must forbid
shared caches.
"""

import pytest
from django.test import Client
from django.utils.cache import get_max_age

from .public_pages import (
    PAGE_IDS,
    PAGES,
    PETITION,
    ClientAgent,
    seed_site,
    use_error_urls,
)

pytestmark = pytest.mark.django_db

TOKEN = b'name="csrfmiddlewaretoken"'


@pytest.fixture
def site(settings):
    use_error_urls(settings)
    return seed_site()


def directives(response):
    return {
        part.strip().split("=")[0].lower()
        for part in response.get("Cache-Control", "").split(",")
        if part.strip()
    }


@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_every_page_with_a_token_is_private(site, spec):
    agent = ClientAgent()
    spec.visit(agent, site)
    responses = [r for r in agent.responses if not r.streaming]
    for response in responses:
        if TOKEN in response.content:
            assert "private" in directives(response), (
                spec.name,
                response.get("Cache-Control"),
            )
            assert "public" not in directives(response)


def test_the_catalogue_has_token_pages_to_check(site):
    """The check above is not empty: most public pages hold a form."""
    agent = ClientAgent()
    for spec in PAGES:
        try:
            spec.visit(agent, site)
        except pytest.skip.Exception:
            continue
    with_token = [r for r in agent.responses if TOKEN in r.content]
    assert len(with_token) > 20
    assert all("private" in directives(r) for r in with_token)


def test_a_shared_page_copy_is_private_too(site):
    """The petition page comes from the page cache with each visitor's token."""
    first, second = Client().get(PETITION), Client().get(PETITION)
    assert TOKEN in second.content
    tokens = [r.content.split(TOKEN)[1][:80] for r in (first, second)]
    assert tokens[0] != tokens[1]  # each visitor has their own token
    for response in (first, second):
        assert response["Cache-Control"] == "private"
        assert "Cookie" in response["Vary"]


def test_guide_page_copy_and_forms_are_private(site):
    for path in (
        "/guides/instagram/",
        "/guides/instagram/",
        "/letters/va/?lower=12&upper=12",
    ):
        response = Client().get(path)
        assert TOKEN in response.content, path
        assert "private" in directives(response), path


@pytest.mark.parametrize("path", [PETITION + "count.json", PETITION + "embed/"])
def test_shared_pages_say_their_max_age_and_carry_no_token(site, path):
    response = Client().get(path)
    assert response.status_code == 200
    assert TOKEN not in response.content
    assert "public" in directives(response)
    assert "private" not in directives(response)
    assert get_max_age(response) == 10


def test_never_cache_pages_stay_no_store(site):
    """Token links' pages already said private and no-store; they still do."""
    response = Client().get(site.confirm_path)
    assert TOKEN in response.content
    assert {"private", "no-store", "no-cache"} <= directives(response)
