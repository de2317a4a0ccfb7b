"""A campaign's letter in real Chromium: the ZIP lookup (script and no script)
keeps the campaign and source code, and a Senate-only campaign shows senators
only."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from campaigns.models import Campaign, SourceCode
from letters import content
from letters.models import Legislator, LetterCampaign, LetterCount
from states.models import State

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIXTURES = Path(__file__).parent / "fixtures" / "zip"
START = "/letters/campaign/senate-bill/?source=newsletter-dec"
WRITER = {
    "name": "Rosa Campaigner",
    "street": "1 Capitol Way",
    "city": "Olympia",
    "zip_code": "98501",
}


@pytest.fixture
def campaign_data():
    content.load(stdout=io.StringIO())
    call_command("import_zip_districts", str(FIXTURES), stdout=io.StringIO())
    wa = State.objects.get(abbr="WA")
    for i, (chamber, district, name) in enumerate(
        [("upper", "22", "Sam Hunt"), ("lower", "22", "Beth Doglio")]
    ):
        Legislator.objects.create(
            openstates_id=f"ocd-person/campaign-browser-{i}",
            state=wa,
            chamber=chamber,
            district=district,
            name=name,
            family_name=name.split()[-1],
        )
    campaign = Campaign.objects.create(
        slug="senate-bill",
        title="Pass the Senate AI bill",
        status="live",
        target="upper",
    )
    LetterCampaign.objects.create(
        campaign=campaign,
        subject="The Senate AI bill in {state_name}",
        opening="I live in {sender_city} and ask you to vote for the Senate AI bill.",
        asks="{law_paragraph}",
        closing="Thank you for your vote.",
    )
    SourceCode.objects.create(code="newsletter-dec", name="December newsletter")
    return campaign


def _through_the_zip_lookup(page, base, *, script):
    page.goto(base + START)
    expect(page.get_by_text("This letter is for the campaign")).to_contain_text(
        "Pass the Senate AI bill"
    )
    page.get_by_label("Your state").select_option("WA")
    page.get_by_role("button", name="Next: choose your legislator").click()
    page.wait_for_url("**/letters/wa/?campaign=senate-bill&source=newsletter-dec")
    zip_input = page.get_by_label("ZIP code", exact=True)
    results = page.locator("#zip-results")
    if script:
        zip_input.press_sequentially("98501")
    else:
        zip_input.fill("98501")
        page.get_by_role("button", name="Find my legislators").click()
    expect(results.get_by_text("Senator Sam Hunt")).to_be_visible()
    # A Senate-only campaign: no representatives offered.
    expect(page.get_by_text("Beth Doglio")).to_have_count(0)
    page.get_by_label("Senator Sam Hunt").check()
    results.get_by_role("button", name="Next: write your letter").click()
    page.wait_for_url("**/letters/wa/write/")
    expect(page.get_by_text("This letter is for the campaign")).to_be_visible()
    for name, value in WRITER.items():
        page.locator(f"form.letter-form [name={name}]").fill(value)
    page.get_by_role("button", name="Preview your letter").click()
    page.wait_for_url("**/letters/wa/preview/")
    expect(page.get_by_text("Re: The Senate AI bill in Washington")).to_be_visible()
    page.get_by_role("link", name="Next: download and send").first.click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download your letter (PDF)").click()
    assert download.value.suggested_filename == "letter-wa-senator-hunt.pdf"


@pytest.mark.parametrize("script", [True, False], ids=["script", "no-script"])
def test_the_zip_lookup_keeps_the_campaign_and_source(
    browser, live_server, campaign_data, script
):
    context = browser.new_context(
        java_script_enabled=script,
        viewport={"width": 390, "height": 844},
        accept_downloads=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    _through_the_zip_lookup(page, live_server.url, script=script)
    if script:
        assert any(
            "/letters/zip/98501.json" in url and "campaign=senate-bill" in url
            for url in requests
        ), requests
    rows = list(LetterCount.objects.values_list("campaign__slug", "chamber", "source"))
    assert rows == [("senate-bill", "upper", "newsletter-dec")]
    assert {c["name"] for c in context.cookies()} <= {"csrftoken", "sessionid"}
    context.close()
