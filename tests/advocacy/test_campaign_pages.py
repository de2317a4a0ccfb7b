"""The public campaign pages: /campaigns/, a campaign's page, its preview picture.

Drafts exist only for staff, closed campaigns are read-only with their final
count, link previews (Open Graph, Twitter) are absolute, and the picture is
drawn once per campaign edit and count milestone.
"""

import io
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.test import Client
from PIL import Image

from advocacy import campaign_selectors
from campaigns.models import Campaign
from core import pagecache, preview
from letters.models import LetterCampaign
from petitions.selectors import petition_generation_new
from tests.factories import PetitionFactory, SignatureFactory

pytestmark = pytest.mark.django_db

SEEDED = "/campaigns/state-privacy-law/"


@pytest.fixture(autouse=True)
def _fresh_pages():
    pagecache.clear()
    yield
    pagecache.clear()


@pytest.fixture
def seeded(db):
    call_command("load_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Campaign.objects.get(slug="state-privacy-law")


def make_campaign(slug="kids-photos", status="live", petition=True, **fields):
    campaign = Campaign.objects.create(
        slug=slug,
        title=fields.pop("title", "No AI training on children's photos"),
        summary=fields.pop("summary", "Children cannot consent."),
        status=status,
        **fields,
    )
    if petition:
        PetitionFactory(
            slug=f"{slug}-petition",
            title=f"Petition: {campaign.title}",
            campaign=campaign,
            goal=100,
        )
    return campaign


def confirm(campaign, n):
    """`n` more confirmed signatures on the campaign's petition (count refreshed)."""
    petition = campaign.petition
    SignatureFactory.create_batch(n, petition=petition, confirmed=True)
    petition_generation_new(slug=petition.slug)


@pytest.fixture
def staff_client(django_user_model):
    user = django_user_model.objects.create_user(
        "organizer", password="x", is_staff=True
    )
    client = Client()
    client.force_login(user)
    return client


def meta(html, attribute, name):
    match = re.search(
        rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html
    )
    return unescape(match.group(1)) if match else None


# --- the list -----------------------------------------------------------------


def test_list_shows_live_campaigns_featured_first_with_counts_and_actions(
    client, seeded
):
    second = make_campaign()
    LetterCampaign.objects.create(
        campaign=second, subject="S", opening="O", asks="A", closing="C"
    )
    confirm(second, 3)
    make_campaign(slug="hidden-draft", status="draft", title="A secret draft")
    make_campaign(slug="done", status="closed", title="An old closed one")

    html = unescape(client.get("/campaigns/").content.decode())

    assert html.index(seeded.title) < html.index(second.title)  # featured first
    assert "A secret draft" not in html and "An old closed one" not in html
    assert "Children cannot consent." in html
    assert "<strong>3</strong> people have signed" in html
    assert 'href="/petitions/kids-photos-petition/#sign"' in html
    assert 'href="/letters/?campaign=kids-photos"' in html
    assert 'href="/letters/"' in html  # the seeded campaign's standard letter
    assert 'href="/campaigns/kids-photos/"' in html


def test_a_letter_added_later_shows_at_once(client, seeded):
    second = make_campaign()
    assert "?campaign=kids-photos" not in client.get("/campaigns/").content.decode()
    LetterCampaign.objects.create(
        campaign=second, subject="S", opening="O", asks="A", closing="C"
    )
    assert "?campaign=kids-photos" in client.get("/campaigns/").content.decode()


def test_list_count_follows_new_confirmations(client, seeded):
    second = make_campaign()
    assert (
        "<strong>0</strong> people have signed"
        in client.get("/campaigns/").content.decode()
    )
    confirm(second, 2)
    assert (
        "<strong>2</strong> people have signed"
        in client.get("/campaigns/").content.decode()
    )


def test_list_warm_makes_no_query(client, seeded, django_assert_num_queries):
    make_campaign()
    client.get("/campaigns/")
    with django_assert_num_queries(0):
        assert client.get("/campaigns/").status_code == 200


# --- a campaign's page ------------------------------------------------------------


def test_detail_shows_target_petition_letter_and_share_links(client, seeded):
    response = client.get(SEEDED)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1 and seeded.title in html
    assert "State legislators in both chambers" in html
    assert 'href="/petitions/state-privacy-law/#sign"' in html
    assert "people have signed" in html
    assert 'href="/letters/"' in html
    for link in ("mailto:?", "sms:?&amp;body=", "https://wa.me/?text="):
        assert link in html
    assert "data-share-native" in html and "/static/js/share.js" in html
    assert '<script src="http' not in html and "<script>" not in html
    assert "includes/campaign_map" not in html and "signers-map" not in html


def test_detail_names_a_custom_office_with_its_address(client, seeded):
    make_campaign(
        slug="governor",
        target="custom",
        target_name="Office of the Governor of Virginia",
        target_address="P.O. Box 1475\nRichmond, VA 23218",
    )
    html = client.get("/campaigns/governor/").content.decode()
    assert "Office of the Governor of Virginia" in html
    assert "P.O. Box 1475<br>Richmond, VA 23218" in html


def test_detail_names_one_chamber(client, seeded):
    make_campaign(slug="senate", target="upper")
    assert "State senators" in client.get("/campaigns/senate/").content.decode()


def test_share_links_carry_no_tracking_parameters(client, seeded):
    html = unescape(client.get(SEEDED + "?source=newsletter").content.decode())
    assert 'value="http://127.0.0.1:8000/campaigns/state-privacy-law/"' in html
    assert "source=" not in html.split("petition-share", 1)[1]
    assert "utm_" not in html


def test_draft_is_404_to_the_public_and_visible_to_staff(client, staff_client, seeded):
    make_campaign(slug="secret", status="draft", title="A secret draft")
    assert client.get("/campaigns/secret/").status_code == 404
    assert client.get("/campaigns/secret/preview.png").status_code == 404
    response = staff_client.get("/campaigns/secret/")
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Draft: only staff see this" in html and "A secret draft" in html
    image = staff_client.get("/campaigns/secret/preview.png")
    assert image.status_code == 200
    assert (
        "no-store" in image["Cache-Control"] and "public" not in image["Cache-Control"]
    )
    # Still 404 to the public after staff looked (nothing cached for everyone).
    assert client.get("/campaigns/secret/").status_code == 404


def test_publishing_a_draft_shows_it_at_once(client, seeded):
    campaign = make_campaign(slug="soon", status="draft")
    assert client.get("/campaigns/soon/").status_code == 404
    campaign.status = "live"
    campaign.save()
    assert client.get("/campaigns/soon/").status_code == 200
    assert campaign.title in unescape(client.get("/campaigns/").content.decode())


def test_closed_is_read_only_with_its_final_count(client, seeded):
    campaign = make_campaign(slug="done")
    LetterCampaign.objects.create(
        campaign=campaign, subject="S", opening="O", asks="A", closing="C"
    )
    confirm(campaign, 12)
    html = client.get("/campaigns/done/").content.decode()
    assert 'href="/petitions/done-petition/#sign"' in html
    assert "/letters/?campaign=done" in html

    campaign.status = "closed"
    campaign.save()
    html = client.get("/campaigns/done/").content.decode()
    assert "This campaign has closed" in html
    assert "Final count: <strong>12</strong> people signed" in html
    assert (
        "#sign" not in html
        and "/letters/" not in html.split("</nav>", 1)[1].split("<footer", 1)[0]
    )
    assert "done-petition" in html  # the petition itself stays readable
    # And the closed campaign is no longer listed.
    assert campaign.title not in unescape(client.get("/campaigns/").content.decode())


def test_detail_warm_makes_no_query(client, seeded, django_assert_num_queries):
    client.get(SEEDED)
    with django_assert_num_queries(0):
        assert client.get(SEEDED).status_code == 200
    # A draft's address costs no query either once its absence is cached.
    make_campaign(slug="secret", status="draft")
    client.get("/campaigns/secret/")
    with django_assert_num_queries(0):
        assert client.get("/campaigns/secret/").status_code == 404


def test_unknown_campaign_is_404(client, seeded):
    assert client.get("/campaigns/no-such-one/").status_code == 404
    assert client.get("/campaigns/no-such-one/preview.png").status_code == 404


# --- link previews ----------------------------------------------------------------


@pytest.mark.parametrize(
    "path, image",
    [
        (SEEDED, "/campaigns/state-privacy-law/preview.png"),
        ("/petitions/state-privacy-law/", "/campaigns/state-privacy-law/preview.png"),
        ("/guides/instagram/", "/share.png"),
    ],
)
def test_open_graph_and_twitter_tags_are_there_and_absolute(
    client, seeded, path, image
):
    html = client.get(path).content.decode()
    site = "http://127.0.0.1:8000"
    assert meta(html, "property", "og:url") == site + path
    assert meta(html, "property", "og:image") == site + image
    assert meta(html, "name", "twitter:image") == site + image
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    for name in ("og:title", "og:description", "og:type"):
        assert meta(html, "property", name), name
    for name in ("twitter:title", "twitter:description"):
        assert meta(html, "name", name), name
    if path == SEEDED:
        assert meta(html, "property", "og:title") == seeded.title
        assert meta(html, "property", "og:description") == seeded.summary
    # And the picture is there.
    assert client.get(image)["Content-Type"] == "image/png"


def test_pages_without_previews_carry_no_og_tags(client, seeded):
    assert "og:image" not in client.get("/privacy/").content.decode()


# --- the preview picture ----------------------------------------------------------


@pytest.fixture
def draws(monkeypatch):
    """Counts how often a picture is actually drawn."""
    calls = []
    real = preview.preview_png

    def counting(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(preview, "preview_png", counting)
    return calls


def test_preview_is_a_1200_by_630_png_with_cache_headers(client, seeded):
    response = client.get("/campaigns/state-privacy-law/preview.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"]
    assert "max-age=3600" in response["Cache-Control"]
    assert response["ETag"].startswith('"')
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG" and image.size == (1200, 630)
    # Not one flat colour: there is text on it.
    assert len(image.convert("RGB").getcolors(maxcolors=100_000)) > 20
    again = client.get(
        "/campaigns/state-privacy-law/preview.png",
        HTTP_IF_NONE_MATCH=response["ETag"],
    )
    assert again.status_code == 304 and again["ETag"] == response["ETag"]


def test_preview_shows_the_organization_title_and_milestone(seeded, draws, client):
    campaign = make_campaign()
    confirm(campaign, 27)
    client.get("/campaigns/kids-photos/preview.png")
    (drawn,) = draws
    assert drawn["title"] == campaign.title
    assert drawn["line"] == "More than 25 people have signed"
    assert drawn["kicker"]  # the organization's name (the seeded placeholder)
    assert drawn["kicker"] == campaign_selectors._kicker_and_footer()[0]


def test_preview_cache_hit_does_not_redraw(client, seeded, draws):
    campaign = make_campaign()
    confirm(campaign, 3)
    first = client.get("/campaigns/kids-photos/preview.png")
    confirm(campaign, 2)  # 5: still below the first milestone (10)
    second = client.get("/campaigns/kids-photos/preview.png")
    assert len(draws) == 1
    assert first.content == second.content and first["ETag"] == second["ETag"]
    assert draws[0]["line"] == "Be one of the first to sign"


def test_crossing_a_milestone_redraws(client, seeded, draws):
    campaign = make_campaign()
    confirm(campaign, 9)
    first = client.get("/campaigns/kids-photos/preview.png")
    confirm(campaign, 1)  # 10: a milestone
    second = client.get("/campaigns/kids-photos/preview.png")
    confirm(campaign, 1)  # 11: "more than 10"
    third = client.get("/campaigns/kids-photos/preview.png")
    confirm(campaign, 5)  # 16: still "more than 10"
    fourth = client.get("/campaigns/kids-photos/preview.png")
    assert [d["line"] for d in draws] == [
        "Be one of the first to sign",
        "10 people have signed",
        "More than 10 people have signed",
    ]
    assert len({first["ETag"], second["ETag"], third["ETag"]}) == 3
    assert fourth["ETag"] == third["ETag"] and fourth.content == third.content
    assert first.content != second.content


def test_editing_the_campaign_redraws(client, seeded, draws):
    campaign = make_campaign()
    first = client.get("/campaigns/kids-photos/preview.png")
    campaign.title = "No AI training on kids' photos, ever"
    campaign.save()
    second = client.get("/campaigns/kids-photos/preview.png")
    assert [d["title"] for d in draws] == [
        "No AI training on children's photos",
        "No AI training on kids' photos, ever",
    ]
    assert first["ETag"] != second["ETag"]


def test_closed_campaign_preview_says_closed(client, seeded, draws):
    campaign = make_campaign(status="closed")
    confirm(campaign, 60)
    client.get("/campaigns/kids-photos/preview.png")
    assert draws[0]["line"] == "Closed: more than 50 people signed"


def test_site_preview_for_guides(client, seeded, draws):
    response = client.get("/share.png")
    assert response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)
    client.get("/share.png")
    assert len(draws) == 1


@pytest.mark.parametrize(
    "count, milestone",
    [
        (0, 0),
        (9, 0),
        (10, 10),
        (24, 10),
        (25, 25),
        (99, 50),
        (100, 100),
        (249, 100),
        (250, 250),
        (999, 500),
        (1000, 1000),
        (1234, 1000),
        (2500, 2500),
        (9999, 5000),
        (10_000, 10_000),
        (26_000, 25_000),
        (1_000_001, 1_000_000),
    ],
)
def test_count_milestones(count, milestone):
    assert preview.count_milestone(count) == milestone


def test_long_titles_wrap_inside_the_picture():
    title = "A very long campaign title " * 12
    png = preview.preview_png(kicker="Org", title=title, line="More than 10")
    assert Image.open(io.BytesIO(png)).size == (1200, 630)
    font = preview._font(48, "Bold")
    lines = preview.wrap(title, font, 1200 - 2 * preview.MARGIN)
    assert all(font.getlength(line) <= 1200 - 2 * preview.MARGIN for line in lines)


def test_a_petition_without_a_campaign_shares_the_site_picture(client, seeded):
    PetitionFactory(slug="loose", title="A petition on its own")
    html = client.get("/petitions/loose/").content.decode()
    assert meta(html, "property", "og:image") == "http://127.0.0.1:8000/share.png"
    assert meta(html, "property", "og:url") == "http://127.0.0.1:8000/petitions/loose/"


def test_an_unknown_address_is_not_kept_in_the_cache(client, seeded):
    from django.core.cache import cache

    assert client.get("/campaigns/made-up-1/").status_code == 404
    assert cache.get("campaigns:entry:made-up-1") is None
    # Created later, it is there at once.
    make_campaign(slug="made-up-1")
    assert client.get("/campaigns/made-up-1/").status_code == 200
