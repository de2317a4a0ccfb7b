"""The take-action journey (/act/) through Django's test client: no JavaScript.

Each step, the skip links, the state carried in the address, the sign form's
errors and rules (which are the petition page's), and the cookies a visitor gets.
"""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse

from guides import content as guides_content
from guides.models import Platform
from petitions import content as petitions_content
from petitions.models import Petition, Signature
from states.models import State
from tests.factories import SIGNER

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    guides_content.load()
    return petitions_content.load()


def html(response):
    return unescape(response.content.decode())


def title(response):
    return re.search(r"<title>(.*?)</title>", html(response), re.S).group(1).strip()


def links(response, text):
    """The hrefs of the <a> elements whose text starts with `text`."""
    found = []
    for href, body in re.findall(
        r'<a[^>]*href="([^"]*)"[^>]*>(.*?)</a>', html(response), re.S
    ):
        plain = re.sub(r"<[^>]+>", "", body).strip()
        if plain.startswith(text):
            found.append(href)
    return found


def query(url):
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def sign(client, *, path="/act/sign/", ip="203.0.113.9", **overrides):
    data = {**SIGNER, **overrides}
    return client.post(
        path, {k: v for k, v in data.items() if v is not None}, REMOTE_ADDR=ip
    )


# --- Step 1: which platforms ------------------------------------------------


def test_home_links_to_the_journey(client, site):
    response = client.get("/")
    assert links(response, "Start here: take action") == ["/act/"]


def test_step_one_lists_every_published_guide_as_a_labelled_checkbox(client, site):
    Platform.objects.filter(slug="quora").update(is_published=False)
    response = client.get(reverse("act:start"))
    assert response.status_code == 200
    assert title(response).startswith(
        "Step 1 of 4: Which of these do you use? — Take action"
    )
    page = html(response)
    assert "<h1>Which of these do you use?</h1>" in page
    published = list(Platform.objects.published().values_list("slug", "name"))
    assert len(published) >= 10
    for slug, name in published:
        assert (
            f'<input class="form-check-input" type="checkbox" name="platform" value="{slug}" id="pick-{slug}">'
            in page
        )
        assert f'<label class="form-check-label" for="pick-{slug}">{name}' in page
    assert 'value="quora"' not in page
    assert '<form class="act-pick" method="get" action="/act/checklist/">' in page
    assert links(response, "Skip this step") == ["/act/sign/"]


def test_step_indicator_is_an_ordered_list_with_the_current_step_in_words(client, site):
    for path, number, name in [
        ("/act/", 1, "Protect your accounts"),
        ("/act/checklist/?platforms=x", 1, "Protect your accounts"),
        ("/act/sign/", 2, "Sign the petition"),
        ("/act/write/", 3, "Write your legislator"),
        ("/act/share/", 4, "Share"),
    ]:
        page = html(client.get(path))
        assert f"Step {number} of 4" in page
        nav = re.search(r'<nav class="act-steps".*?</nav>', page, re.S).group(0)
        assert "<ol" in nav
        items = re.findall(r"<li [^>]*>.*?</li>", nav, re.S)
        assert len(items) == 4
        current = [item for item in items if 'aria-current="step"' in item]
        assert len(current) == 1
        assert name in current[0] and "(this step)" in current[0]
        # The other steps are links, so any step can be reached directly.
        assert sum("<a " in item for item in items) == 3


def test_checkbox_form_redirects_to_the_short_address_in_the_order_chosen(client, site):
    response = client.get(
        "/act/checklist/?platform=x&platform=instagram&state=CA&zip=94110"
    )
    assert response.status_code == 302
    assert response.url == "/act/checklist/?platforms=x,instagram&state=CA&zip=94110"


def test_checklist_shows_each_chosen_guide_in_words_with_its_steps_and_link(
    client, site
):
    response = client.get("/act/checklist/?platforms=x,instagram,chatgpt")
    assert response.status_code == 200
    assert title(response).startswith("Step 1 of 4: Your checklist")
    page = html(response)
    assert "3 platforms" in page
    order = [
        m
        for m in re.findall(
            r'<h2 class="act-checklist__title" id="check-([a-z-]+)"', page
        )
    ]
    assert order == ["x", "instagram", "chatgpt"]
    for slug in order:
        platform = Platform.objects.get(slug=slug)
        assert f'href="/guides/{slug}/"' in page
        # The opt-out status in words, not only a colour.
        assert platform.get_status_display() in page
        for step in platform.steps.all():
            assert step.text in page
    assert "Facebook" not in re.search(
        r'<ol class="act-checklist".*?</ol>\s*\n', page, re.S
    ).group(0)
    assert links(response, "Next: sign the petition") == [
        "/act/sign/?platforms=x,instagram,chatgpt"
    ]
    assert links(response, "Change my platforms") == [
        "/act/?platforms=x,instagram,chatgpt"
    ]


def test_change_my_platforms_comes_back_ticked(client, site):
    page = html(client.get("/act/?platforms=x,tiktok"))
    assert 'value="x" id="pick-x" checked>' in page
    assert 'value="tiktok" id="pick-tiktok" checked>' in page
    assert 'value="instagram" id="pick-instagram">' in page


def test_unknown_and_malformed_platforms_are_ignored(client, site):
    Platform.objects.filter(slug="quora").update(is_published=False)
    response = client.get(
        "/act/checklist/?platforms=nope,X,,instagram,instagram,quora,<script>,../etc"
    )
    assert response.status_code == 200
    page = html(response)
    assert re.findall(r'id="check-([a-z-]+)"', page) == ["x", "instagram"]
    assert "<script>," not in page
    assert links(response, "Next: sign the petition") == [
        "/act/sign/?platforms=x,instagram"
    ]


def test_checklist_with_nothing_chosen_says_so(client, site):
    response = client.get("/act/checklist/?platforms=nothing-like-this")
    assert response.status_code == 200
    page = html(response)
    assert "You have not chosen any platform yet." in page
    assert links(response, "Choose your platforms") == ["/act/"]
    assert links(response, "Next: sign the petition") == ["/act/sign/"]


# --- Step 2: sign ---------------------------------------------------------


def test_sign_step_shows_the_featured_petition_and_carries_the_platforms(client, site):
    response = client.get("/act/sign/?platforms=x,instagram&state=CA&zip=94110")
    assert response.status_code == 200
    assert title(response).startswith("Step 2 of 4: Sign the petition — Take action")
    page = html(response)
    assert site.title in page
    assert '<form method="post" action="/act/sign/"' in page
    assert '<input type="hidden" name="platforms" value="x,instagram">' in page
    # State and ZIP from the address prefill the form.
    assert re.search(r'<option value="CA" selected>', page)
    assert re.search(r'name="zip_code" value="94110"', page)
    # The honeypot is there, hidden by CSS and out of the tab order.
    assert 'name="website"' in page and 'tabindex="-1"' in page
    assert links(response, "Skip this step") == [
        "/act/write/?platforms=x,instagram&state=CA&zip=94110"
    ]


def test_signing_saves_the_signature_sends_the_email_and_carries_the_state(
    client, site, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign(client, platforms="x,instagram")
    assert response.status_code == 302
    assert (
        response.url == "/act/write/?platforms=x,instagram&state=CA&zip=94110&signed=1"
    )
    signature = Signature.objects.get()
    assert signature.petition == site
    assert (signature.first_name, signature.state, signature.zip_code) == (
        "Ada",
        "CA",
        "94110",
    )
    assert signature.confirmed_at is None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ada@example.com"]
    assert "/confirm/" in mailoutbox[0].body

    page = client.get(response.url)
    assert "Now check your email." in html(page)
    assert 'role="status"' in html(page)


def test_zip_plus_four_carries_five_digits(
    client, site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign(client, zip_code="94110-1234")
    assert query(response.url)["zip"] == "94110"


def test_sign_errors_are_listed_at_the_top_and_tied_to_their_fields(client, site):
    response = sign(
        client, platforms="x", email="not-an-email", zip_code="10001", first_name=""
    )
    assert response.status_code == 200
    assert title(response).startswith("Error: Step 2 of 4: Sign the petition")
    page = html(response)
    summary = re.search(
        r'<div class="alert alert-danger error-summary" role="alert".*?</div>',
        page,
        re.S,
    ).group(0)
    assert "There are 3 problems with your signature" in summary
    assert page.index("error-summary") < page.index("<h1>")  # at the very top
    assert 'href="#id_first_name"' in summary and 'href="#id_email"' in summary
    assert 'href="#id_zip_code"' in summary
    for name in ("first_name", "email", "zip_code"):
        tag = re.search(rf'<(?:input|select)[^>]*id="id_{name}"[^>]*>', page).group(0)
        assert 'aria-invalid="true"' in tag
        described = re.search(r'aria-describedby="([^"]+)"', tag).group(1).split()
        assert f"id_{name}_error" in described
        for ident in described:
            assert f'id="{ident}"' in page
    # What was typed stays, and the platforms stay carried.
    assert 'value="Lovelace"' in page
    assert '<input type="hidden" name="platforms" value="x">' in page
    assert Signature.objects.count() == 0


def test_honeypot_looks_like_success_but_saves_nothing(client, site, mailoutbox):
    response = sign(client, website="http://spam.example")
    assert response.status_code == 302
    assert "/act/write/" in response.url
    assert Signature.objects.count() == 0
    assert mailoutbox == []


def test_signing_twice_counts_once(client, site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign(client)
        second = sign(client, email="ADA@example.com")
    assert second.status_code == 302
    assert Signature.objects.count() == 1


def test_sign_rate_limit_is_the_petitions_one(client, site, settings):
    settings.PETITION_SIGN_RATE_LIMIT = 2
    cache.clear()
    for n in range(2):
        assert sign(client, email=f"p{n}@example.com").status_code == 302
    blocked = sign(client, email="p9@example.com")
    assert blocked.status_code == 429
    assert title(blocked).startswith("Error: Step 2 of 4")
    assert "Too many signatures from your network" in html(blocked)
    assert Signature.objects.count() == 2
    # A different network still signs.
    assert sign(client, email="other@example.com", ip="198.51.100.7").status_code == 302


def test_no_open_petition_says_so_and_offers_skip(client, site):
    Petition.objects.update(is_open=False)
    response = client.get("/act/sign/?state=VA")
    assert response.status_code == 200
    page = html(response)
    assert "There is no petition open for signatures right now." in page
    assert '<form method="post"' not in page
    assert links(response, "Skip this step") == ["/act/write/?state=VA"]
    # A POST with no petition creates nothing and errs nowhere.
    assert sign(client).status_code == 200
    assert Signature.objects.count() == 0


def test_sign_get_needs_no_account_and_sets_only_the_csrf_cookie(client, site):
    response = client.get("/act/sign/")
    assert set(response.cookies) == {"csrftoken"}


# --- Step 3: write --------------------------------------------------------


def test_write_step_links_to_the_state_legislators_with_the_zip(client, site):
    State.objects.get_or_create(abbr="CA", defaults={"name": "California"})
    response = client.get("/act/write/?platforms=x&state=CA&zip=94110")
    assert title(response).startswith(
        "Step 3 of 4: Write your legislator — Take action"
    )
    page = html(response)
    assert "Your state: California" in page
    assert links(response, "Write your letter") == ["/letters/ca/?zip=94110"]
    assert links(response, "Next: share") == [
        "/act/share/?platforms=x&state=CA&zip=94110"
    ]
    assert links(response, "Skip this step") == [
        "/act/share/?platforms=x&state=CA&zip=94110"
    ]
    assert "Now check your email" not in page  # only straight after signing


def test_write_step_without_the_state_row_goes_to_the_letters_start(client, site):
    State.objects.filter(abbr="CA").delete()
    response = client.get("/act/write/?state=CA&zip=94110")
    assert links(response, "Write your letter") == ["/letters/?state=CA&zip=94110"]


def test_write_step_without_a_state_starts_the_letter_flow_at_the_state(client, site):
    response = client.get("/act/write/?state=ZZ&zip=ABCDE")
    page = html(response)
    assert "Find your legislators" in page
    assert links(response, "Write your letter") == ["/letters/"]


def test_a_zip_outside_the_state_is_dropped(client, site):
    State.objects.get_or_create(abbr="CA", defaults={"name": "California"})
    response = client.get("/act/write/?state=CA&zip=10001")
    assert links(response, "Write your letter") == ["/letters/ca/"]


def test_the_letters_flow_accepts_what_step_three_links_to(client, site):
    from letters import content as letters_content

    letters_content.load()
    write = client.get("/act/write/?state=VA&zip=23219")
    (url,) = links(write, "Write your letter")
    assert url == "/letters/va/?zip=23219"
    response = client.get(url)
    assert response.status_code == 200
    assert "Virginia" in html(response)


# --- Step 4: share ---------------------------------------------------------


def test_share_step_has_plain_links_without_tracking(client, site, settings):
    settings.SITE_URL = "https://keep.example"
    response = client.get("/act/share/?platforms=x&state=CA&zip=94110")
    assert title(response).startswith("Step 4 of 4: Share — Take action")
    page = html(response)
    assert 'value="https://keep.example/act/"' in page
    assert '<script src="http' not in page and "<iframe" not in page
    share_hrefs = re.findall(
        r'<ul class="petition-share__links">(.*?)</ul>', page, re.S
    )[0]
    hrefs = re.findall(r'href="([^"]+)"', share_hrefs)
    # Email, text message, WhatsApp, X, Facebook, Bluesky.
    assert len(hrefs) == 6 and hrefs[0].startswith("mailto:")
    assert hrefs[1].startswith("sms:?&body=")
    assert hrefs[2].startswith("https://wa.me/?text=")
    for href in hrefs:
        assert "utm_" not in href and "94110" not in href and "platforms" not in href
        assert "keep.example%2Fact%2F" in href or "keep.example/act/" in href
    assert links(response, "Finish") == ["/"]
    assert links(response, "Skip this step") == ["/"]
    # Links back to the earlier steps keep what was chosen.
    assert links(response, "Step 1: Protect your accounts") == [
        "/act/?platforms=x&state=CA&zip=94110"
    ]


# --- The whole journey, no JavaScript, and its cookies ---------------------


def test_whole_journey_without_javascript_sets_no_cookie_but_csrf(
    client, site, django_capture_on_commit_callbacks
):
    State.objects.get_or_create(abbr="CA", defaults={"name": "California"})
    cookies = set()

    def get(url):
        response = client.get(url)
        cookies.update(response.cookies)
        return response

    start = get("/")
    url = links(start, "Start here: take action")[0]
    get(url)
    checklist = client.get("/act/checklist/", {"platform": ["instagram", "x"]})
    cookies.update(checklist.cookies)
    checklist = get(checklist.url)
    sign_url = links(checklist, "Next: sign the petition")[0]
    sign_page = get(sign_url)
    platforms = re.search(r'name="platforms" value="([^"]+)"', html(sign_page)).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        signed = sign(client, platforms=platforms)
    cookies.update(signed.cookies)
    write = get(signed.url)
    assert links(write, "Write your letter") == ["/letters/ca/?zip=94110"]
    share = get(links(write, "Next: share")[0])
    assert "Step 4 of 4" in html(share)
    assert cookies == {"csrftoken"}
    assert "sessionid" not in client.cookies


@pytest.mark.parametrize(
    "path",
    ["/act/", "/act/checklist/?platforms=x", "/act/write/?state=CA", "/act/share/"],
)
def test_pages_without_a_form_set_no_cookie(client, site, path):
    response = client.get(path)
    assert response.status_code == 200
    assert not response.cookies


def test_no_inline_script_or_style(client, site):
    for path in [
        "/act/",
        "/act/checklist/?platforms=x",
        "/act/sign/",
        "/act/write/",
        "/act/share/",
    ]:
        page = html(client.get(path))
        assert "<style" not in page and " style=" not in page
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
