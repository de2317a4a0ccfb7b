"""Who runs this site: /about/, the organization in every page's footer and in
the emails, the logo served from our own origin, and the home page and /act/
following the featured campaign."""

import io
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from campaigns.models import Campaign
from core.models import Organization
from core.selectors import organization_get
from letters.models import LetterCampaign
from petitions.models import Petition, Signature
from tests.factories import SIGNER

pytestmark = pytest.mark.django_db

REAL = {
    "name": "Data Dignity Coalition",
    "description": "We help people keep their posts out of AI training.",
    "postal_address": "1200 K Street NW, Suite 800\nWashington, DC 20005",
    "email": "office@datadignity.org",
    "phone": "202 555 0142",
    "website": "https://datadignity.org/",
}
PLACEHOLDER_TEXTS = ["(edit in the admin)", "example.org", "City, ST 00000"]


@pytest.fixture
def site():
    call_command("load_content", stdout=io.StringIO())


@pytest.fixture
def real_org(site):
    organization = Organization.objects.get()
    for field, value in REAL.items():
        setattr(organization, field, value)
    organization.save()
    return organization


@pytest.fixture
def storage_root(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return tmp_path / "private"


def page(response):
    return unescape(response.content.decode())


def footer(response):
    html = page(response)
    return html[html.index('<footer class="site-footer"') :]


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def png_logo(size=(800, 200)):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, "#123456").save(out, format="PNG")
    return SimpleUploadedFile("logo.png", out.getvalue(), content_type="image/png")


# --- /about/ ------------------------------------------------------------------


def test_about_with_the_placeholder_says_the_details_are_missing(client, site):
    response = client.get("/about/")
    assert response.status_code == 200
    html = page(response)
    assert "<h1>Who runs this site</h1>" in html
    assert "have not filled in their details here yet" in html
    for text in PLACEHOLDER_TEXTS:
        assert text not in html, text
    assert "<img" not in html
    # Still the data summary, the privacy link and the live campaign.
    assert 'href="/privacy/"' in html
    assert "Strong state privacy laws: no AI training on our data without consent" in (
        html
    )


def test_about_with_a_real_organization(client, real_org):
    html = page(client.get("/about/"))
    body = text_of(html[html.index("<main") : html.index("</main>")])
    assert "Keep Your Data Out of AI is run by Data Dignity Coalition ." in body
    assert REAL["description"] in body
    assert "1200 K Street NW, Suite 800 Washington, DC 20005" in body
    assert 'href="mailto:office@datadignity.org"' in html
    assert 'href="tel:2025550142"' in html
    assert '<a href="https://datadignity.org/">datadignity.org</a>' in html
    assert "have not filled in" not in html
    assert "<img" not in html  # no logo uploaded: no picture
    # The live campaigns, each linked (the campaign page once it exists, else
    # its petition); drafts are not listed.
    Campaign.objects.create(slug="draft-one", title="A secret draft", status="draft")
    html = page(client.get("/about/"))
    assert "A secret draft" not in html
    seeded = re.search(r'<a href="([^"]+)">Strong state privacy laws', html).group(1)
    assert seeded in ("/campaigns/state-privacy-law/", "/petitions/state-privacy-law/")


def test_about_shows_the_logo_from_our_own_origin(client, real_org, storage_root):
    from core.images import logo_png

    real_org.logo = logo_png(png_logo())  # what the admin form stores
    real_org.save()
    organization = organization_get()
    html = page(client.get("/about/"))
    src = f"/about/logo.png?v={organization.version}"
    assert f'<img src="{src}" alt="Data Dignity Coalition logo">' in html
    response = client.get(src)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\x89PNG")
    assert body == (storage_root / "organization" / organization.logo_name).read_bytes()
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "max-age=31536000" in cache_control
    assert "immutable" in cache_control
    assert not response.cookies  # no cookie for a picture
    assert response["X-Content-Type-Options"] == "nosniff"
    # The same file again costs nothing: a 304 on its ETag.
    again = client.get(src, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    # An old ?v= (or none) is still answered, but kept only briefly.
    stale = client.get("/about/logo.png?v=1")
    assert stale.status_code == 200 and "max-age=300" in stale["Cache-Control"]
    # A new logo gets a new address, and the old one is no longer immutable.
    real_org.logo = logo_png(png_logo((300, 300)))
    real_org.save()
    newer = organization_get()
    assert newer.version != organization.version
    assert f"/about/logo.png?v={newer.version}" in page(client.get("/about/"))
    assert "immutable" not in client.get(src)["Cache-Control"]
    assert client.get(src, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 200


def test_no_logo_no_picture(client, real_org):
    assert client.get("/about/logo.png").status_code == 404


# --- the footer ---------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/guides/",
        "/guides/instagram/",
        "/petitions/state-privacy-law/",
        "/letters/",
        "/states/",
        "/privacy/",
        "/about/",
        "/act/",
        "/no-such-page/",
    ],
)
def test_every_page_names_the_organization_in_its_footer(client, real_org, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    html = footer(response)
    assert '<a href="/about/">Data Dignity Coalition</a>' in html
    for line in ["1200 K Street NW, Suite 800", "Washington, DC 20005"]:
        assert f'<span class="site-footer__line">{line}</span>' in html
    assert 'href="mailto:office@datadignity.org"' in html
    assert '<a href="/about/">Who runs this site</a>' in html


@pytest.mark.parametrize("path", ["/", "/guides/instagram/", "/about/", "/act/sign/"])
def test_the_placeholder_never_reaches_a_footer(client, site, path):
    html = footer(client.get(path))
    for text in PLACEHOLDER_TEXTS:
        assert text not in html, text
    assert '<a href="/about/">Keep Your Data Out of AI</a>' in html


def test_a_cached_guide_page_shows_an_edit_of_the_organization(
    client, real_org, django_capture_on_commit_callbacks
):
    assert "Data Dignity Coalition" in footer(client.get("/guides/instagram/"))
    with django_capture_on_commit_callbacks(execute=True):
        real_org.name = "Renamed Coalition"
        real_org.save()
    assert "Renamed Coalition" in footer(client.get("/guides/instagram/"))


def test_the_footer_costs_no_query_once_the_organization_is_cached(
    client, real_org, django_assert_num_queries
):
    client.get("/privacy/")
    with django_assert_num_queries(0):
        response = client.get("/privacy/")
    assert "Data Dignity Coalition" in footer(response)


def test_every_form_links_to_about(client, site):
    from letters.models import Legislator
    from states.models import State

    for path in ["/petitions/state-privacy-law/", "/act/sign/", "/guides/instagram/"]:
        html = page(client.get(path))
        main = html[html.index("<main") : html.index("</main>")]
        assert '<a href="/about/">Who runs this site</a>' in main, path
    # The letter flow's write step.
    va = State.objects.get(abbr="VA")
    legislator = Legislator.objects.create(
        openstates_id="ocd-person/va-about",
        state=va,
        chamber="lower",
        district="12",
        name="Pat Doe",
        given_name="Pat",
        family_name="Doe",
    )
    response = client.post("/letters/va/", {"pick": [legislator.pk]}, follow=True)
    assert response.request["PATH_INFO"] == "/letters/va/write/"
    html = page(response)
    main = html[html.index("<main") : html.index("</main>")]
    assert '<a href="/about/">Who runs this site</a>' in main


# --- emails -------------------------------------------------------------------


def sign_petition(client, django_capture_on_commit_callbacks, slug="state-privacy-law"):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/petitions/{slug}/sign/", SIGNER)
    assert response.status_code == 302, page(response)[:3000]


def test_the_confirmation_email_ends_with_the_organization(
    client, real_org, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://act.datadignity.org"
    sign_petition(client, django_capture_on_commit_callbacks)
    (message,) = mailoutbox
    text = message.body
    tail = text[text.rindex("\n--\n") :]
    for line in [
        "Data Dignity Coalition",
        "1200 K Street NW, Suite 800",
        "Washington, DC 20005",
        "office@datadignity.org",
        "202 555 0142",
        "Who we are: https://act.datadignity.org/about/",
    ]:
        assert line in tail.splitlines(), (line, tail)
    html = message.alternatives[0][0]
    assert "Data Dignity Coalition<br>1200 K Street NW, Suite 800<br>" in html
    assert 'href="mailto:office@datadignity.org"' in html
    assert 'href="https://act.datadignity.org/about/"' in html


def test_with_the_placeholder_the_email_signs_off_with_the_site_name_only(
    client, site, mailoutbox, django_capture_on_commit_callbacks, settings
):
    sign_petition(client, django_capture_on_commit_callbacks)
    (message,) = mailoutbox
    tail = message.body[message.body.rindex("\n--\n") :]
    assert tail.split("\n")[2:5] == [
        settings.SITE_NAME,
        settings.SITE_URL,
        f"Who runs this site: {settings.SITE_URL}/about/",
    ]
    for text in PLACEHOLDER_TEXTS:
        assert text not in message.body and text not in message.alternatives[0][0]


# --- home and /act/ follow the featured campaign ------------------------------


@pytest.fixture
def second(site):
    campaign = Campaign.objects.create(
        slug="kids-photos",
        title="Keep children's photos out of AI",
        summary="Ask lawmakers to ban training AI on photos of children.",
        status="live",
        featured=True,
    )
    Petition.objects.create(
        slug="kids-photos",
        title="Ban training AI on children's photos",
        summary="Children cannot consent.",
        text="Children cannot consent.\n\nPlease act.",
        target="State legislators",
        goal=500,
        campaign=campaign,
    )
    LetterCampaign.objects.create(
        campaign=campaign,
        subject="Children's photos and AI",
        opening="I live in {sender_city} and I ask you to protect children's photos.",
        asks="{law_paragraph}",
        closing="Thank you.",
    )
    return campaign


def test_a_featured_campaign_without_its_own_letter_sends_writers_to_the_standard_one(
    client, site
):
    Campaign.objects.create(
        slug="only-sign", title="Only sign", status="live", featured=True
    )
    html = page(client.get("/"))
    write = re.search(r'<a class="btn[^"]*" href="([^"]+)">Write your legislator', html)
    assert write.group(1) == "/letters/"


def test_home_and_act_follow_a_newly_featured_campaign(
    client, second, mailoutbox, django_capture_on_commit_callbacks
):
    html = page(client.get("/"))
    assert 'href="/petitions/kids-photos/"' in html
    assert "Keep children's photos out of AI" in html
    # Its letter too: part B's /letters/campaign/<slug>/ once merged.
    write = re.search(r'<a class="btn[^"]*" href="([^"]+)">Write your legislator', html)
    assert write.group(1) in (
        "/letters/campaign/kids-photos/",
        "/letters/?campaign=kids-photos",
    )
    step3 = page(client.get("/act/write/?state=VA&zip=23219"))
    assert 'href="/letters/va/?zip=23219&campaign=kids-photos"' in step3
    sign_page = page(client.get("/act/sign/"))
    assert "Ban training AI on children's photos" in sign_page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/act/sign/", SIGNER)
    assert response.status_code == 302
    signature = Signature.objects.get()
    assert signature.petition.slug == "kids-photos"
    assert "Ban training AI on children" in mailoutbox[0].subject
    # The seeded petition still works where it always was.
    assert client.get("/petitions/state-privacy-law/").status_code == 200
    # Featuring the seeded campaign again sends people back to it.
    seeded = Campaign.objects.get(slug="state-privacy-law")
    seeded.featured = True
    seeded.save()
    html = page(client.get("/"))
    assert 'href="/petitions/state-privacy-law/"' in html
    assert re.search(
        r'<a class="btn[^"]*" href="/letters/">Write your legislator', html
    )
    assert "Ban training AI on children" not in page(client.get("/act/sign/"))
    assert "campaign=" not in page(client.get("/act/write/?state=VA&zip=23219"))


def test_a_featured_campaign_without_a_petition_is_skipped_on_act(client, site):
    Campaign.objects.create(
        slug="letters-only", title="Write to the governor", status="live", featured=True
    )
    response = client.get("/act/sign/?state=VA")
    html = page(response)
    assert (
        "Our current campaign, “Write to the governor”, has no petition to sign."
        in (html)
    )
    assert '<form method="post"' not in html
    assert 'href="/act/write/?state=VA"' in html  # the skip link
    assert 'href="/petitions/state-privacy-law/"' not in page(client.get("/"))
    assert "Write to the governor" in page(client.get("/"))


def test_without_any_campaign_the_featured_petition_is_as_before(client):
    from petitions import content as petitions_content

    petitions_content.load()
    assert not Campaign.objects.exists()
    assert 'href="/petitions/state-privacy-law/"' in page(client.get("/"))
    html = page(client.get("/act/sign/"))
    assert petitions_content.PETITION["title"] in html
    assert '<form method="post" action="/act/sign/"' in html
