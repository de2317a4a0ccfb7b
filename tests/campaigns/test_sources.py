"""?source=<code> end to end: a link with a registered code → the hidden field
in the sign form → stored on the signature; on the petition page and through
/act/. Unknown and malformed codes are dropped; a cached page never carries
one visitor's source to another; no cookie, no session."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse

from campaigns.models import SourceCode
from core import pagecache
from guides import content as guides_content
from petitions import content as petitions_content
from petitions import services
from petitions.models import Signature
from states.models import State
from tests.factories import SIGNER

pytestmark = pytest.mark.django_db

HIDDEN = re.compile(r'<input type="hidden" name="source" value="([^"]*)">')


@pytest.fixture
def petition():
    petition = petitions_content.load()
    SourceCode.objects.create(code="newsletter-dec", name="December newsletter")
    SourceCode.objects.create(code="partner_a", name="Partner A")
    return petition


def hidden_sources(response):
    return HIDDEN.findall(unescape(response.content.decode()))


def sign_form_data(response, **overrides):
    """What a browser posts from the page: the visible fields typed in, plus
    the hidden fields exactly as the page carried them."""
    page = unescape(response.content.decode())
    form = re.search(r'<form method="post"[^>]*>(.*?)</form>', page, re.S).group(1)
    data = dict(
        re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
    )
    data.pop("csrfmiddlewaretoken", None)
    return {**data, **SIGNER, **overrides}


def query(url):
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_a_link_with_a_source_reaches_the_stored_signature(client, petition):
    url = petition.get_absolute_url()
    page = client.get(f"{url}?source=newsletter-dec")
    assert hidden_sources(page) == ["newsletter-dec"]
    response = client.post(
        reverse("petitions:sign", kwargs={"slug": petition.slug}),
        sign_form_data(page),
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 302
    assert query(response["Location"])["source"] == "newsletter-dec"
    assert Signature.objects.get().source == "newsletter-dec"
    # Carried to the letter flow (part of the same journey), never a cookie.
    thanks = client.get(response["Location"])
    letters = re.search(
        r'class="btn btn-primary" href="([^"]*)">Write your legislator',
        unescape(thanks.content.decode()),
    ).group(1)
    assert letters == "/letters/?state=CA&zip=94110&source=newsletter-dec"
    assert set(client.cookies) <= {"csrftoken"}


def test_a_case_and_space_variant_is_the_same_code(client, petition):
    page = client.get(f"{petition.get_absolute_url()}?source=%20Partner_A%20")
    assert hidden_sources(page) == ["partner_a"]


@pytest.mark.parametrize(
    "raw",
    [
        "unknown-code",
        "<script>",
        "a" * 60,
        "news letter",
        "-leading",
        "newsletter-dec'",
    ],
)
def test_unknown_and_malformed_codes_are_dropped(client, petition, raw):
    page = client.get(petition.get_absolute_url(), {"source": raw})
    assert hidden_sources(page) == []
    assert "newsletter-dec'" not in unescape(page.content.decode())
    client.post(
        reverse("petitions:sign", kwargs={"slug": petition.slug}),
        {**SIGNER, "source": raw},
        REMOTE_ADDR="203.0.113.8",
    )
    assert Signature.objects.get().source == ""


def test_the_server_cleans_the_hidden_field_again(client, petition):
    """A forged hidden field with an unregistered code is not stored."""
    client.post(
        reverse("petitions:sign", kwargs={"slug": petition.slug}),
        {**SIGNER, "source": "made-up"},
        REMOTE_ADDR="203.0.113.8",
    )
    assert Signature.objects.get().source == ""
    client.post(
        reverse("petitions:sign", kwargs={"slug": petition.slug}),
        {**SIGNER, "email": "b@example.com", "source": "NEWSLETTER-DEC"},
        REMOTE_ADDR="203.0.113.8",
    )
    assert Signature.objects.get(email="b@example.com").source == "newsletter-dec"


def test_a_deleted_code_is_no_longer_kept(client, petition):
    SourceCode.objects.filter(code="partner_a").delete()
    cache.clear()  # the signal forgets the cached set; be sure in any case
    page = client.get(f"{petition.get_absolute_url()}?source=partner_a")
    assert hidden_sources(page) == []


def test_a_form_with_errors_keeps_the_source(client, petition):
    response = client.post(
        reverse("petitions:sign", kwargs={"slug": petition.slug}),
        {**SIGNER, "email": "", "source": "partner_a"},
        REMOTE_ADDR="203.0.113.8",
    )
    assert response.status_code == 200
    assert hidden_sources(response) == ["partner_a"]
    assert not Signature.objects.exists()


def test_a_cached_page_never_serves_one_visitors_source_to_another(client, petition):
    pagecache.clear()
    url = petition.get_absolute_url()
    # The first visitor comes from the newsletter: that copy is cached.
    assert hidden_sources(client.get(f"{url}?source=newsletter-dec")) == [
        "newsletter-dec"
    ]
    # The next visitors, with no source, another source or an unknown one,
    # get their own copies.
    assert hidden_sources(client.get(url)) == []
    assert hidden_sources(client.get(f"{url}?source=partner_a")) == ["partner_a"]
    assert hidden_sources(client.get(f"{url}?source=nobody-knows")) == []
    assert hidden_sources(client.get(f"{url}?source=newsletter-dec")) == [
        "newsletter-dec"
    ]
    # And the copies really are shared per code (no fresh render each time).
    keys = {entry_key[0] for entry_key in pagecache._pages}
    assert keys == {
        f"petitions:detail:{petition.slug}:newsletter-dec",
        f"petitions:detail:{petition.slug}:",
        f"petitions:detail:{petition.slug}:partner_a",
    }


def test_the_service_drops_anything_not_shaped_like_a_code(petition):
    result = services.signature_create(
        petition=petition, **{**SIGNER, "source": "Not A Code!"}
    )
    assert result.signature.source == ""


# --- /act/ -------------------------------------------------------------------


@pytest.fixture
def journey(petition):
    guides_content.load()
    State.objects.get_or_create(abbr="CA", defaults={"name": "California"})
    return petition


def test_the_act_journey_carries_the_source_to_the_signature(client, journey):
    start = client.get("/act/?source=partner_a")
    assert hidden_sources(start) == ["partner_a"]  # the platform picker's GET form
    page = unescape(start.content.decode())
    sign_link = re.search(r'href="(/act/sign/[^"]*)"', page).group(1)
    assert query(sign_link)["source"] == "partner_a"

    checklist = client.get("/act/checklist/?platform=x&source=partner_a")
    assert query(checklist["Location"]) == {"platforms": "x", "source": "partner_a"}

    sign_page = client.get(sign_link)
    assert hidden_sources(sign_page) == ["partner_a"]
    response = client.post(
        "/act/sign/", sign_form_data(sign_page), REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 302
    assert query(response["Location"])["source"] == "partner_a"
    assert Signature.objects.get().source == "partner_a"

    write = client.get(response["Location"])
    letters = re.search(
        r'href="([^"]*)"[^>]*>Write your letter', unescape(write.content.decode())
    ).group(1)
    assert letters == "/letters/ca/?zip=94110&source=partner_a"
    assert set(client.cookies) <= {"csrftoken"}
    assert "sessionid" not in client.cookies


def test_act_drops_unknown_codes_everywhere(client, journey):
    start = client.get("/act/?source=unknown&state=CA")
    assert hidden_sources(start) == []
    assert "unknown" not in start.content.decode()
    client.post(
        "/act/sign/", {**SIGNER, "source": "unknown"}, REMOTE_ADDR="203.0.113.9"
    )
    assert Signature.objects.get().source == ""
