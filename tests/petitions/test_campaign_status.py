"""A petition follows its campaign: a draft campaign's petition exists only for
staff (page, sign, thanks, count.json, embed); a closed one's is read-only and
says so with its final count; a status change reaches cached pages at once."""

import json

import pytest
from django.test import Client

from campaigns.models import Campaign
from core import pagecache
from petitions.models import Signature
from petitions.selectors import petition_generation_new
from tests.factories import SIGNER, PetitionFactory, SignatureFactory

pytestmark = pytest.mark.django_db

PATHS = ["", "thanks/?state=VA", "count.json", "embed/", "sign/"]


@pytest.fixture(autouse=True)
def _fresh_pages():
    pagecache.clear()
    yield
    pagecache.clear()


@pytest.fixture
def campaign(db):
    campaign = Campaign.objects.create(slug="kids", title="Kids", status="draft")
    PetitionFactory(slug="kids-petition", title="Protect kids", campaign=campaign)
    return campaign


@pytest.fixture
def staff_client(django_user_model):
    user = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    client = Client()
    client.force_login(user)
    return client


def url(path=""):
    return f"/petitions/kids-petition/{path}"


@pytest.mark.parametrize("path", PATHS)
def test_a_draft_campaigns_petition_is_404_to_the_public(client, campaign, path):
    assert client.get(url(path)).status_code == 404


def test_signing_a_draft_campaigns_petition_is_404_and_stores_nothing(client, campaign):
    response = client.post(url("sign/"), SIGNER, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 404
    assert not Signature.objects.exists()


def test_staff_see_a_draft_campaigns_petition(staff_client, campaign):
    page = staff_client.get(url())
    assert page.status_code == 200
    assert "Draft: only staff see this" in page.content.decode()
    count = staff_client.get(url("count.json"))
    assert count.status_code == 200
    assert json.loads(count.content)["signatures"] == 0
    assert "public" not in count["Cache-Control"]
    embed = staff_client.get(url("embed/"))
    assert embed.status_code == 200 and "public" not in embed["Cache-Control"]
    # Staff cannot sign a draft either: it takes no signatures until live.
    response = staff_client.post(url("sign/"), SIGNER)
    assert response.status_code == 302 and not Signature.objects.exists()


def test_going_live_opens_the_cached_pages_at_once(client, campaign):
    assert client.get(url()).status_code == 404
    assert client.get(url("count.json")).status_code == 404
    campaign.status = "live"
    campaign.save()
    page = client.get(url())
    assert page.status_code == 200 and 'action="/petitions/kids-petition/sign/"' in (
        page.content.decode()
    )
    assert client.get(url("count.json")).status_code == 200
    assert client.post(url("sign/"), SIGNER).status_code == 302
    assert Signature.objects.count() == 1


def test_closing_the_campaign_makes_the_cached_page_read_only(client, campaign):
    campaign.status = "live"
    campaign.save()
    SignatureFactory.create_batch(3, petition=campaign.petition, confirmed=True)
    petition_generation_new(slug="kids-petition")
    assert "sign/" in client.get(url()).content.decode()  # cached now

    campaign.status = "closed"
    campaign.save()
    html = client.get(url()).content.decode()
    assert "This campaign has closed" in html
    assert "Final count: <strong>3</strong> people signed" in html
    assert 'action="/petitions/kids-petition/sign/"' not in html
    # Signing is refused: back to the (closed) page, nothing stored.
    response = client.post(url("sign/"), SIGNER)
    assert response.status_code == 302 and response["Location"] == url()
    assert Signature.objects.count() == 3
    assert json.loads(client.get(url("count.json")).content)["signatures"] == 3
    embed = client.get(url("embed/")).content.decode()
    assert "#sign" not in embed


def test_making_a_live_campaign_draft_again_hides_its_cached_petition(client, campaign):
    campaign.status = "live"
    campaign.save()
    assert client.get(url()).status_code == 200
    assert client.get(url("count.json")).status_code == 200
    campaign.status = "draft"
    campaign.save()
    assert client.get(url()).status_code == 404
    assert client.get(url("count.json")).status_code == 404


def test_petition_page_warm_makes_no_query(client, campaign, django_assert_num_queries):
    campaign.status = "live"
    campaign.save()
    client.get(url())
    with django_assert_num_queries(0):
        assert client.get(url()).status_code == 200
        assert client.get(url("count.json")).status_code == 200
