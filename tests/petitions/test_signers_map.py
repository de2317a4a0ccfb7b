"""The public "where people have signed" map: per state the count, "fewer
than 10" for 1 to 9, nothing for 0, and never an exact small number anywhere
in the page (text, title and aria attributes, data attributes, JSON)."""

import re
from html import unescape

import pytest
from django.template.loader import render_to_string

from petitions import selectors
from petitions.models import Signature
from states import tilemap
from tests.advocacy.public_pages import signers_spread

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("count", "public", "short", "band"),
    [
        (0, "none", "", "none"),
        (1, "fewer than 10", "<10", "few"),
        (9, "fewer than 10", "<10", "few"),
        (10, "10", "10", "10"),
        (999, "999", "999", "100"),
        (1200, "1,200", "1.2k", "1000"),
        (12000, "12,000", "12k", "1000"),
    ],
)
def test_public_wording_of_a_count(count, public, short, band):
    assert tilemap.signers_public(count) == public
    assert tilemap.signers_short(count) == short
    assert tilemap.signers_band(count) == band


def test_no_map_before_anyone_signed():
    assert tilemap.signers_map(counts={"CA": 0}, names={}) is None


@pytest.fixture
def spread(petition):
    counts = signers_spread(petition)
    # Unconfirmed signers never count.
    Signature.objects.create(
        petition=petition,
        first_name="U",
        last_name="N",
        email="unconfirmed@example.com",
        zip_code="82001",
        state="WY",
    )
    return counts


def page_text(client, petition):
    return client.get(petition.get_absolute_url()).content.decode()


def map_fragment(page):
    start = page.index('<section class="signers-map"')
    return page[start : page.index("</section>", start)]


def test_the_petition_page_shows_the_map_and_its_table(client, petition, spread):
    page = page_text(client, petition)
    fragment = unescape(map_fragment(page))
    assert "Where people have signed" in fragment
    rows = dict(
        re.findall(
            r'<th scope="row">([^<]+)</th><td class="text-end">([^<]+)</td>', fragment
        )
    )
    assert rows == {
        "California": "15",
        "Delaware": "fewer than 10",
        "New York": "1,200",
        "Texas": "120",
        "Virginia": "fewer than 10",
    }
    titles = dict(
        re.findall(r'data-abbr="([A-Z]{2})">\s*<title>([^<]+)</title>', fragment)
    )
    assert titles["VA"] == "Virginia: fewer than 10 signers"
    assert titles["DE"] == "Delaware: fewer than 10 signers"
    assert titles["NY"] == "New York: 1,200 signers"
    assert titles["WY"] == "Wyoming: no signers yet"  # only unconfirmed there
    assert 'class="signers-map__tile signers-map__tile--few" data-abbr="VA"' in fragment
    assert "signers-map__tile--1000" in fragment
    assert "<svg" in fragment and 'role="img"' in fragment
    assert '<link rel="stylesheet" href="/static/css/campaign_map.css">' in page


def test_no_exact_small_number_anywhere_in_the_page(client, petition, spread):
    """The small states' exact counts (3 in Virginia, 1 in Delaware) appear
    nowhere: not in text, attributes, the old per-state table or JSON."""
    raw = page_text(client, petition)
    page = unescape(raw)
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    attributes = re.findall(r'="([^"]*)"', page)
    for name in ("Virginia", "Delaware", "VA", "DE"):
        assert not re.search(rf"\b{name}\b\W*[1-9](?![\d,])", text)
        for value in attributes:
            if re.search(rf"\b{name}\b", value):
                assert not re.search(r"(?<![\d,])[1-9](?![\d,])", value), value
    assert not re.search(r'data-count="[1-9]"', page)
    assert "Signatures by state" not in page  # the exact per-state table is gone
    fragment = map_fragment(raw)
    # On the tiles: "<10" for the small states, never a digit 1-9 alone.
    shorts = re.findall(r'class="signers-map__count"[^>]*>([^<]+)<', fragment)
    assert sorted(shorts) == sorted(["&lt;10", "&lt;10", "15", "120", "1.2k"])
    assert not re.search(r">\s*[1-9]\s*<", fragment)
    assert not re.search(
        r'"\s*[1-9]\s*"', re.sub(r'(x|y|rx|width|height)="\d+"', "", fragment)
    )


def test_count_json_gives_no_per_state_numbers(client, petition, spread):
    body = client.get(f"{petition.get_absolute_url()}count.json").json()
    assert set(body) == {"signatures", "goal"}


def test_the_include_renders_nothing_without_a_map():
    assert render_to_string("includes/campaign_map.html", {}).strip() == ""


def test_the_map_comes_from_the_cached_counts(
    petition, spread, django_assert_num_queries
):
    selectors.petition_signers_map(petition=petition)
    with django_assert_num_queries(0):
        selectors.petition_signers_map(petition=petition)
