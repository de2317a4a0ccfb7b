"""The letter flow once in real Chromium, down to the downloaded PDF."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from letters import content
from letters.models import Legislator, LetterCount
from states.models import State

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def virginia():
    content.load()
    state = State.objects.get(abbr="VA")
    Legislator.objects.create(
        openstates_id="ocd-person/va-obrien",
        state=state,
        chamber="lower",
        district="12",
        name="Patrick O'Brien",
        given_name="Patrick",
        family_name="O'Brien",
        email="delobrien@house.virginia.gov",
        capitol_address="Pocahontas Building, Room E123 900 East Main Street, Richmond, VA 23219",
    )
    Legislator.objects.create(
        openstates_id="ocd-person/va-tobin",
        state=state,
        chamber="upper",
        district="12",
        name="Löki Tobin",
        given_name="Löki",
        family_name="Tobin",
        capitol_address="P.O. Box 396, Richmond, VA 23218",
    )
    return state


def check_page(page):
    assert page.evaluate(
        "document.documentElement.scrollWidth <= window.innerWidth + 1"
    )


def test_write_to_both_legislators_down_to_the_pdf(
    page, live_server, virginia, screenshot_dir
):
    # Step 1: arriving from the petition with the state prefilled.
    page.goto(live_server.url + "/letters/?state=VA")
    expect(page).to_have_title(re.compile(r"^Step 1 of 4: Choose your state"))
    expect(page.get_by_label("Your state")).to_have_value("VA")
    check_page(page)
    page.screenshot(
        path=str(screenshot_dir / "letters-1-state-390.png"), full_page=True
    )
    page.get_by_role("button", name="Next: choose your legislator").click()

    # Step 2: one district list per chamber.
    expect(page).to_have_url(live_server.url + "/letters/va/")
    page.get_by_label("Virginia Senate district").select_option("12")
    page.get_by_label("Virginia House district").select_option("12")
    page.get_by_role("button", name="Show these districts’ legislators").click()
    expect(page.get_by_label("Delegate Patrick O'Brien")).to_be_checked()
    expect(page.get_by_label("Senator Löki Tobin")).to_be_checked()
    check_page(page)
    page.screenshot(
        path=str(screenshot_dir / "letters-2-legislator-390.png"), full_page=True
    )
    page.get_by_role("button", name="Next: write your letter").click()

    # Step 3: an error first, then the real thing; the live counter counts down.
    expect(
        page.get_by_role("heading", name="Step 3 of 4: Write your letter")
    ).to_be_visible()
    page.get_by_label("Your full name").fill("Zoë Quayle-Ñúñez")
    page.get_by_label("Street address").fill("12 Elm Street")
    page.get_by_label("City or town").fill("Richmond")
    page.get_by_label("ZIP code").fill("2321")
    story = page.get_by_label("Your story (optional)")
    typed = "I posted <b>photos</b> & stories for 15 years."
    story.fill(typed)
    expect(page.locator("#story-counter")).to_have_text(
        f"{1000 - len(typed):,} of 1,000 characters left"
    )
    page.get_by_label("A right to delete").check()
    page.get_by_role("button", name="Preview your letter").click()
    expect(page).to_have_title(re.compile(r"^Error: Step 3 of 4"))
    expect(page.get_by_role("alert")).to_contain_text("ZIP code")
    expect(page.get_by_label("ZIP code")).to_have_attribute("aria-invalid", "true")
    page.screenshot(
        path=str(screenshot_dir / "letters-3-error-390.png"), full_page=True
    )
    page.get_by_label("ZIP code").fill("23219")
    page.get_by_role("button", name="Preview your letter").click()

    # Preview as a page.
    expect(page.get_by_role("heading", level=1)).to_have_text("Preview your letter")
    expect(page.get_by_text("Dear Delegate O'Brien:")).to_be_visible()
    expect(page.get_by_text("Dear Senator Tobin:")).to_be_visible()
    check_page(page)
    page.screenshot(
        path=str(screenshot_dir / "letters-3-preview-390.png"), full_page=True
    )
    page.get_by_role("link", name="Next: download and send").first.click()

    # Step 4: mailto for the legislator with an email, copy buttons, one PDF for both.
    expect(
        page.get_by_role("heading", name="Step 4 of 4: Download, copy or email")
    ).to_be_visible()
    mailto = page.get_by_role("link", name="Email it to Delegate Patrick O'Brien")
    assert mailto.get_attribute("href").startswith(
        "mailto:delobrien@house.virginia.gov?subject="
    )
    expect(page.get_by_role("button", name="Copy the text").first).to_be_visible()
    check_page(page)
    page.screenshot(path=str(screenshot_dir / "letters-4-send-390.png"), full_page=True)
    with page.expect_download() as info:
        page.get_by_role("button", name="Write to both my legislators").click()
    download = info.value
    assert download.suggested_filename == "letters-va-2.pdf"
    data = open(download.path(), "rb").read()
    assert data.startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Patrick O" in text and "Brien" in text
    assert "Löki Tobin" in text
    assert "Zoë Quayle-Ñúñez" in text
    assert "<b>photos</b> &" in text
    assert LetterCount.objects.filter(state=virginia).count() == 2
