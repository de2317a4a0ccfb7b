"""Campaign letters (issue 17, part B): a campaign's own letter through the
letter flow beside the standard one, its source code, its targets (one
chamber, another office), drafts and closed campaigns, and the admin's
preview for three sample states."""

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from django.utils.html import escape

from campaigns import content as campaigns_content
from campaigns.models import Campaign, SourceCode
from letters import content
from letters.compose import (
    TEMPLATE_PLACEHOLDERS,
    campaign_template,
    campaign_template_errors,
)
from letters.models import Legislator, LetterCampaign, LetterCount
from letters.services import SESSION_KEY
from states.models import State
from tests.letters.letter_helpers import pdftotext

pytestmark = pytest.mark.django_db

WRITER = {
    "name": "Rosa Campaigner",
    "street": "12 Elm Street",
    "city": "Richmond",
    "zip_code": "23219",
    "email": "",
    "phone": "",
    "story": "My daughter's photos were scraped.",
    "points": ["consent"],
}

BILL_LETTER = {
    "subject": "Support the AI Consent Bill in {state_name}",
    "opening": "As a constituent in {sender_city}, I write about the AI Consent "
    "Bill now before the {chamber_name}.",
    "asks": "{law_paragraph}\n\nPlease co-sponsor the AI Consent Bill this session.",
    "closing": "I will follow your vote on the AI Consent Bill closely.",
}


@pytest.fixture
def va():
    content.load()
    seeded = campaigns_content.load()
    state = State.objects.get(abbr="VA")
    delegate = Legislator.objects.create(
        openstates_id="ocd-person/va-obrien",
        state=state,
        chamber="lower",
        district="12",
        name="Patrick O'Brien",
        family_name="O'Brien",
        capitol_address="Pocahontas Building, Room E123 900 East Main Street, "
        "Richmond, VA 23219",
    )
    senator = Legislator.objects.create(
        openstates_id="ocd-person/va-tobin",
        state=state,
        chamber="upper",
        district="12",
        name="Löki Tobin",
        family_name="Tobin",
        capitol_address="P.O. Box 396, Richmond, VA 23218",
    )
    SourceCode.objects.create(code="newsletter-dec", name="December newsletter")
    return {"state": state, "delegate": delegate, "senator": senator, "seeded": seeded}


def make_campaign(slug="ai-consent-bill", letter=True, **fields):
    fields = {"title": "Pass the AI Consent Bill", "status": "live", **fields}
    campaign = Campaign.objects.create(slug=slug, **fields)
    if letter:
        LetterCampaign.objects.create(campaign=campaign, **BILL_LETTER)
    return campaign


def run_flow(client, *, picks, campaign="", source="", abbr="va", writer=None):
    """Steps 1 to 4 for legislators, as a reader's browser sends them; returns
    the pages and the PDF response."""
    query = {"state": abbr.upper(), "step": "2"}
    if campaign:
        query["campaign"] = campaign
    if source:
        query["source"] = source
    pages = {}
    step1 = client.get("/letters/", query)
    assert step1.status_code == 302, step1.content.decode()[:500]
    pages["step2"] = client.get(step1["Location"])
    assert pages["step2"].status_code == 200
    hidden = dict(
        re.findall(
            r'<input type="hidden" name="(campaign|source)" value="([^"]*)">',
            pages["step2"].content.decode(),
        )
    )
    chosen = client.post(f"/letters/{abbr}/", {"pick": picks, **hidden})
    assert chosen.status_code == 302, chosen.content.decode()[:2000]
    pages["write"] = client.get(chosen["Location"])
    written = client.post(f"/letters/{abbr}/write/", writer or WRITER)
    assert written.status_code == 302
    pages["preview"] = client.get(f"/letters/{abbr}/preview/")
    pages["send"] = client.get(f"/letters/{abbr}/send/")
    pages["pdf"] = client.post(f"/letters/{abbr}/download/")
    return pages


def pdf_words(poppler, tmp_path, response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "letter.pdf"
    path.write_bytes(response.content)
    return " ".join(pdftotext(poppler, path).split())


def counts():
    return sorted(
        (row.campaign.slug, row.state.abbr, row.chamber, row.source, row.count)
        for row in LetterCount.objects.select_related("campaign", "state")
    )


# --------------------------------------------------------------------------
# Composition


def test_campaign_template_puts_the_writer_between_opening_and_asks():
    template = campaign_template(**BILL_LETTER)
    assert template["subject"] == BILL_LETTER["subject"]
    parts = template["body"].split("\n\n")
    assert parts[0] == BILL_LETTER["opening"]
    assert parts[1:3] == ["{story}", "{points}"]
    assert parts[-1] == BILL_LETTER["closing"]
    assert "{law_paragraph}" in template["body"]


def test_campaign_template_errors_by_field():
    assert campaign_template_errors(**BILL_LETTER) == {}
    errors = campaign_template_errors(
        **{**BILL_LETTER, "asks": "Pass {bill_number}.", "closing": ""}
    )
    assert set(errors) == {"asks", "closing"}
    assert "unknown placeholder {bill_number}" in errors["asks"][0]
    assert "must not be empty" in errors["closing"][0]
    assert set(campaign_template_errors(**{**BILL_LETTER, "subject": "{law_name"})) == {
        "subject"
    }


# --------------------------------------------------------------------------
# Two live campaigns side by side


def test_two_campaigns_side_by_side_texts_counts_and_source(
    client, va, poppler, tmp_path
):
    bill = make_campaign()
    standard = run_flow(client, picks=[va["delegate"].pk])
    words = pdf_words(poppler, tmp_path, standard["pdf"])
    assert "AI Consent Bill" not in words
    assert "Dear Delegate O'Brien:" in words

    pages = run_flow(
        client,
        picks=[va["delegate"].pk, va["senator"].pk],
        campaign=bill.slug,
        source="newsletter-dec",
    )
    words = pdf_words(poppler, tmp_path, pages["pdf"])
    # The campaign's own subject, opening, asks and closing, filled in per state.
    assert "Re: Support the AI Consent Bill in Virginia" in words
    assert (
        "As a constituent in Richmond, I write about the AI Consent Bill now "
        "before the Virginia House." in words
    )
    assert "before the Virginia Senate." in words  # the second letter's own chamber
    assert "Please co-sponsor the AI Consent Bill this session." in words
    assert "I will follow your vote on the AI Consent Bill closely." in words
    # The state's facts through {law_paragraph}, and the writer's own words.
    assert "Virginia Consumer Data Protection Act" in words
    assert "My daughter's photos were scraped." in words
    assert "Dear Senator Tobin:" in words and "Dear Delegate O'Brien:" in words
    # Each campaign its own count; the source code only on the campaign's.
    assert counts() == [
        ("ai-consent-bill", "VA", "lower", "newsletter-dec", 1),
        ("ai-consent-bill", "VA", "upper", "newsletter-dec", 1),
        ("state-privacy-law", "VA", "lower", "", 1),
    ]


def test_every_page_of_the_flow_names_the_campaign(client, va):
    bill = make_campaign()
    step1 = client.get("/letters/", {"campaign": bill.slug})
    assert "Pass the AI Consent Bill" in step1.content.decode()
    pages = run_flow(client, picks=[va["delegate"].pk], campaign=bill.slug)
    for name in ("step2", "write", "preview", "send"):
        page = pages[name].content.decode()
        assert "This letter is for the campaign <strong>Pass the AI Consent Bill" in (
            page
        ), name
    assert (
        "Support the AI Consent Bill in Virginia" in pages["preview"].content.decode()
    )
    # The standard letter names no campaign.
    standard = run_flow(client, picks=[va["delegate"].pk])
    for name in ("step2", "write", "preview", "send"):
        assert "This letter is for the campaign" not in standard[name].content.decode()


def test_campaign_and_source_live_in_the_session_flow_not_a_cookie(client, va):
    bill = make_campaign()
    step1 = client.get(
        "/letters/",
        {"campaign": bill.slug, "source": "newsletter-dec", "state": "VA", "step": "2"},
    )
    assert step1["Location"] == (
        "/letters/va/?campaign=ai-consent-bill&source=newsletter-dec"
    )
    step2 = client.get(step1["Location"])
    assert not step2.cookies  # just looking: no session, no cookie of its own
    page = step2.content.decode()
    # The district form, the name search and the ZIP form all carry them.
    assert (
        page.count('<input type="hidden" name="campaign" value="ai-consent-bill">') >= 2
    )
    client.post(
        "/letters/va/",
        {
            "pick": [va["delegate"].pk],
            "campaign": bill.slug,
            "source": "newsletter-dec",
        },
    )
    flow = client.session[SESSION_KEY]
    assert (flow["campaign"], flow["source"]) == ("ai-consent-bill", "newsletter-dec")
    assert set(client.cookies) == {"sessionid"}


def test_campaign_link_redirects_into_the_flow(client, va):
    bill = make_campaign()
    response = client.get(
        f"/letters/campaign/{bill.slug}/", {"source": "newsletter-dec"}
    )
    assert response.status_code == 302
    assert response["Location"] == (
        "/letters/?campaign=ai-consent-bill&source=newsletter-dec"
    )
    page = client.get(response["Location"]).content.decode()
    assert '<input type="hidden" name="source" value="newsletter-dec">' in page


@pytest.mark.parametrize(
    "source", ["unknown-partner", "Bad Code!", "x" * 60, "<script>", "../etc"]
)
def test_unknown_and_malformed_sources_are_dropped(client, va, source):
    bill = make_campaign()
    pages = run_flow(
        client, picks=[va["delegate"].pk], campaign=bill.slug, source=source
    )
    assert pages["pdf"].status_code == 200
    assert counts() == [("ai-consent-bill", "VA", "lower", "", 1)]
    assert source not in pages["step2"].content.decode()


def test_a_campaign_without_its_own_letter_uses_the_standard_letter(
    client, va, poppler, tmp_path
):
    other = make_campaign(slug="second-petition", letter=False, title="Second")
    pages = run_flow(client, picks=[va["delegate"].pk], campaign=other.slug)
    words = pdf_words(poppler, tmp_path, pages["pdf"])
    assert "AI Consent Bill" not in words
    assert "I live in Richmond, and I ask you to" in words
    assert counts() == [("second-petition", "VA", "lower", "", 1)]


# --------------------------------------------------------------------------
# Targets


def test_a_senate_only_campaign_offers_only_senators(client, va):
    bill = make_campaign(target="upper")
    step2 = client.get(
        "/letters/va/", {"campaign": bill.slug, "upper": "12", "lower": "12"}
    )
    page = step2.content.decode()
    assert 'name="upper"' in page and 'name="lower"' not in page
    assert "Löki Tobin" in page and "O&#x27;Brien" not in page
    # Searching by name finds only senators too.
    search = client.get("/letters/va/", {"campaign": bill.slug, "q": "o"}).content
    assert "Tobin" in search.decode() and "Brien" not in search.decode()
    # A delegate posted anyway is refused.
    refused = client.post(
        "/letters/va/", {"pick": [va["delegate"].pk], "campaign": bill.slug}
    )
    assert refused.status_code == 400
    assert "other chamber" in refused.content.decode()
    typed = client.post(
        "/letters/va/", {"typed:lower:12": "Someone Else", "campaign": bill.slug}
    )
    assert typed.status_code == 400
    pages = run_flow(client, picks=[va["senator"].pk], campaign=bill.slug)
    assert pages["pdf"].status_code == 200
    assert "Write to both your legislators" not in pages["send"].content.decode()
    assert counts() == [("ai-consent-bill", "VA", "upper", "", 1)]


def test_a_house_only_campaign_still_writes_to_nebraska(client, va):
    bill = make_campaign(target="lower")
    state = State.objects.get(abbr="NE")
    senator = Legislator.objects.create(
        openstates_id="ocd-person/ne-1",
        state=state,
        chamber="legislature",
        district="1",
        name="Ann Prairie",
        family_name="Prairie",
    )
    step2 = client.get("/letters/ne/", {"campaign": bill.slug, "legislature": "1"})
    assert "Ann Prairie" in step2.content.decode()
    pages = run_flow(client, picks=[senator.pk], campaign=bill.slug, abbr="ne")
    assert pages["pdf"].status_code == 200
    assert counts() == [("ai-consent-bill", "NE", "legislature", "", 1)]


def custom_campaign():
    return make_campaign(
        slug="write-the-governor",
        title="Ask the Governor",
        target="custom",
        target_name="Office of the Governor of Virginia",
        target_salutation="Dear Governor Spanberger",
        target_address="P.O. Box 1475\nRichmond, VA 23218",
    )


def test_a_custom_target_skips_the_legislators_and_addresses_the_office(
    client, va, poppler, tmp_path
):
    governor = custom_campaign()
    step1 = client.get(
        "/letters/", {"campaign": governor.slug, "source": "newsletter-dec"}
    )
    page = step1.content.decode()
    assert (
        'method="post"' in page
        and "Write to Office of the Governor of Virginia" in (page)
    )
    assert "csrfmiddlewaretoken" in page
    # Step 2 (legislators) is skipped: the state goes straight to writing.
    started = client.post(
        "/letters/",
        {"state": "VA", "campaign": governor.slug, "source": "newsletter-dec"},
    )
    assert started.status_code == 302
    assert started["Location"] == "/letters/va/write/"
    assert client.get("/letters/va/")["Location"].startswith("/letters/?")
    write = client.get("/letters/va/write/").content.decode()
    assert "Office of the Governor of Virginia" in write
    assert "Change who you are writing to" not in write
    client.post("/letters/va/write/", WRITER)
    preview = client.get("/letters/va/preview/").content.decode()
    assert "Dear Governor Spanberger:" in preview
    assert "Change legislators" not in preview
    response = client.post("/letters/va/download/")
    assert response["Content-Disposition"] == (
        'attachment; filename="letter-va-office-of-the-governor-of-virginia.pdf"'
    )
    path = tmp_path / "governor.pdf"
    path.write_bytes(response.content)
    text = pdftotext(poppler, path)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    at = lines.index("Office of the Governor of Virginia")
    assert lines[at : at + 3] == [
        "Office of the Governor of Virginia",
        "P.O. Box 1475",
        "Richmond, VA 23218",
    ]
    words = " ".join(text.split())
    assert "The Honorable" not in words
    assert "Dear Governor Spanberger:" in words
    # The writer's state still brings its law's facts.
    assert "Virginia Consumer Data Protection Act" in words
    assert counts() == [("write-the-governor", "VA", "custom", "newsletter-dec", 1)]


def test_a_custom_target_without_a_salutation_says_sir_or_madam(
    client, va, poppler, tmp_path
):
    governor = custom_campaign()
    Campaign.objects.filter(pk=governor.pk).update(target_salutation="")
    client.post("/letters/", {"state": "VA", "campaign": governor.slug})
    client.post("/letters/va/write/", WRITER)
    words = pdf_words(poppler, tmp_path, client.post("/letters/va/download/"))
    assert "Dear Sir or Madam:" in words


# --------------------------------------------------------------------------
# Drafts and closed campaigns


def test_a_draft_is_404_to_the_public_and_staff_may_try_it(client, va):
    draft = make_campaign(status="draft")
    assert client.get("/letters/", {"campaign": draft.slug}).status_code == 404
    assert client.get("/letters/va/", {"campaign": draft.slug}).status_code == 404
    assert (
        client.post(
            "/letters/va/", {"pick": [va["delegate"].pk], "campaign": draft.slug}
        ).status_code
        == 404
    )
    assert client.get("/letters/", {"campaign": "no-such-campaign"}).status_code == 404
    staff = User.objects.create_user("organizer", is_staff=True)
    client.force_login(staff)
    pages = run_flow(client, picks=[va["delegate"].pk], campaign=draft.slug)
    assert "Draft: only staff can see it" in pages["preview"].content.decode()
    assert pages["pdf"].status_code == 200
    assert counts() == []  # staff trying a draft are not counted


def test_a_closed_campaign_takes_no_letters(client, va):
    closed = make_campaign(status="closed")
    response = client.get("/letters/", {"campaign": closed.slug})
    page = response.content.decode()
    assert "This campaign has closed" in page
    assert 'name="state"' not in page
    step2 = client.get("/letters/va/", {"campaign": closed.slug}).content.decode()
    assert "This campaign has closed" in step2 and 'name="pick"' not in step2


def test_a_campaign_closed_during_the_flow_refuses_the_download(client, va):
    bill = make_campaign()
    client.post("/letters/va/", {"pick": [va["delegate"].pk], "campaign": bill.slug})
    client.post("/letters/va/write/", WRITER)
    Campaign.objects.filter(pk=bill.pk).update(status="closed")
    response = client.post("/letters/va/download/")
    assert response["Content-Type"].startswith("text/html")
    assert "This campaign has closed" in response.content.decode()
    assert counts() == []


def test_a_standard_letter_after_an_unfinished_campaign_letter_is_standard(client, va):
    """A reader leaves a campaign's letter half-written (the campaign closes
    meanwhile) and starts the standard letter: it is not the campaign's."""
    bill = make_campaign()
    client.post("/letters/va/", {"pick": [va["delegate"].pk], "campaign": bill.slug})
    Campaign.objects.filter(pk=bill.pk).update(status="closed")
    pages = run_flow(client, picks=[va["delegate"].pk])
    assert "This campaign has closed" not in pages["step2"].content.decode()
    assert pages["pdf"]["Content-Type"] == "application/pdf"
    assert counts() == [("state-privacy-law", "VA", "lower", "", 1)]


# --------------------------------------------------------------------------
# Admin: the letter inline and the preview


def admin_user(*perms, username="organizer"):
    user = User.objects.create_user(username, password="pw", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["campaigns", "letters"], codename__in=perms
        )
    )
    return user


def test_preview_shows_three_states_with_their_own_facts(client, va, poppler, tmp_path):
    bill = make_campaign(status="draft")
    client.force_login(admin_user("change_campaign", "view_campaign"))
    change = client.get(reverse("admin:campaigns_campaign_change", args=[bill.pk]))
    url = reverse("admin:campaigns_campaign_letter_preview", args=[bill.pk])
    assert url in change.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    sections = re.findall(r'data-standing="(\w+)">(.*?)</section>', page, flags=re.S)
    assert [standing for standing, _ in sections] == ["strong", "weak", "none"]
    states = {}
    for standing, html in sections:
        name = re.search(r"<h2>([^:<]+):", html).group(1)
        state = State.objects.select_related("privacy_law").get(name=name)
        assert state.privacy_law.standing == standing
        states[standing] = state
        assert "Support the AI Consent Bill in" in html
        assert "Sam Sample" in html
    assert len({s.abbr for s in states.values()}) == 3
    for standing in ("strong", "weak"):
        law = states[standing].privacy_law
        html = dict(sections)[standing]
        assert (law.short_name or law.law_name) in html
    assert "has no comprehensive consumer privacy law" in dict(sections)["none"]
    assert "has no comprehensive consumer privacy law" not in dict(sections)["strong"]
    # Each sample's PDF.
    pdf_url = reverse(
        "admin:campaigns_campaign_letter_preview_pdf", args=[bill.pk, "weak"]
    )
    assert pdf_url in page
    words = pdf_words(poppler, tmp_path, client.get(pdf_url))
    assert f"Support the AI Consent Bill in {states['weak'].name}" in words
    assert "Please co-sponsor the AI Consent Bill this session." in words
    assert client.get(pdf_url.replace("weak.pdf", "nowhere.pdf")).status_code == 404
    assert counts() == []


def test_preview_of_a_custom_target_and_of_the_standard_letter(client, va):
    client.force_login(admin_user("change_campaign", "view_campaign"))
    governor = custom_campaign()
    page = client.get(
        reverse("admin:campaigns_campaign_letter_preview", args=[governor.pk])
    ).content.decode()
    assert page.count("Dear Governor Spanberger:") == 3
    page = client.get(
        reverse("admin:campaigns_campaign_letter_preview", args=[va["seeded"].pk])
    ).content.decode()
    assert "uses the standard letter" in page
    assert page.count("I live in Springfield, and I ask you to") == 3


@pytest.mark.parametrize(
    "perms", [(), ("view_campaign",), ("change_lettertemplate", "view_lettertemplate")]
)
def test_preview_needs_change_permission(client, va, perms):
    bill = make_campaign()
    client.force_login(admin_user(*perms))
    for url in (
        reverse("admin:campaigns_campaign_letter_preview", args=[bill.pk]),
        reverse("admin:campaigns_campaign_letter_preview_pdf", args=[bill.pk, "weak"]),
    ):
        assert client.get(url).status_code == 403


def test_preview_is_for_staff_only(client, va):
    bill = make_campaign()
    url = reverse("admin:campaigns_campaign_letter_preview", args=[bill.pk])
    assert client.get(url)["Location"].startswith("/admin/login/")
    client.force_login(User.objects.create_user("reader"))
    assert client.get(url)["Location"].startswith("/admin/login/")


def inline_post(campaign, **letter):
    data = {
        "title": campaign.title,
        "slug": campaign.slug,
        "summary": "",
        "status": campaign.status,
        "target": campaign.target,
        "target_name": "",
        "target_salutation": "",
        "target_address": "",
        "letter-TOTAL_FORMS": "1",
        "letter-INITIAL_FORMS": "0",
        "letter-MIN_NUM_FORMS": "0",
        "letter-MAX_NUM_FORMS": "1",
        "letter-0-campaign": str(campaign.pk),
    }
    data.update({f"letter-0-{name}": value for name, value in letter.items()})
    return data


def test_the_letter_is_edited_inline_on_the_campaign_page(client, va):
    campaign = make_campaign(slug="inline", letter=False, status="draft")
    client.force_login(User.objects.create_superuser("admin", password="pw"))
    url = reverse("admin:campaigns_campaign_change", args=[campaign.pk])
    page = client.get(url).content.decode()
    assert 'name="letter-TOTAL_FORMS"' in page
    # The inserts and their meaning are listed under the fields.
    for name, meaning in TEMPLATE_PLACEHOLDERS.items():
        assert f"<code>{{{name}}}</code>: {escape(meaning)}" in page
    assert "Which nearby states already have a law" in page
    bad = client.post(
        url, inline_post(campaign, **{**BILL_LETTER, "asks": "Pass {bill_number}."})
    )
    assert bad.status_code == 200
    assert "unknown placeholder {bill_number}" in bad.content.decode()
    assert not LetterCampaign.objects.filter(campaign=campaign).exists()
    good = client.post(url, inline_post(campaign, **BILL_LETTER))
    assert good.status_code == 302, good.content.decode()[:3000]
    saved = LetterCampaign.objects.get(campaign=campaign)
    assert saved.closing == BILL_LETTER["closing"]
