"""Real Chromium at phone size: write a letter, choose "send it for me",
confirm from the development outbox, see "Sent" (issue 18)."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from letters.models import LetterDelivery
from petitions import outbox

from .sending_helpers import ORG_NAME, seed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def same_request(url, other):
    """Two status links for one request: the same public id before the signature."""
    return urlsplit(url).path.split(":")[0] == urlsplit(other).path.split(":")[0]


@pytest.fixture
def outbox_site(settings, tmp_path, live_server):
    """The embedded default: DEBUG on, no EMAIL_HOST, mail to the file outbox."""
    settings.DEBUG = True
    settings.EMAIL_HOST = ""
    settings.EMAIL_BACKEND = "core.mail.PrivateFileEmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    settings.EMAIL_OUTBOX_DIR = tmp_path
    settings.SITE_URL = live_server.url
    seed()
    return live_server.url


def test_write_send_confirm_from_the_outbox_and_see_sent(
    page, outbox_site, screenshot_dir
):
    page.goto(outbox_site + "/letters/va/")
    page.get_by_label("Virginia House district").select_option("12")
    page.get_by_role("button", name="Show these districts’ legislators").click()
    page.get_by_role("button", name="Next: write your letter").click()
    page.get_by_label("Your full name").fill("Ann Lee")
    page.get_by_label("Street address").fill("12 Elm Street")
    page.get_by_label("City or town").fill("Richmond")
    page.get_by_label("ZIP code").fill("23219")
    page.get_by_label("Your story (optional)").fill(
        "My daughter's school photos ended up in a training set without anyone asking."
    )
    page.get_by_role("button", name="Preview your letter").click()
    page.get_by_role("link", name="Next: download and send").first.click()

    # Step 4: beside "Download PDF", "Send it by email for me".
    expect(page.get_by_role("heading", name="Send it by email for me")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "letters-send-4-390.png"), full_page=True)
    page.get_by_role("link", name="Send it by email for me").click()
    page.get_by_label("Your email address").fill("ann.lee@example.org")
    page.get_by_role("button", name="Email me the confirmation link").click()
    expect(page.get_by_role("alert")).to_contain_text("live at the address")
    page.get_by_label("I live at the address on my letter.").check()
    page.get_by_role("button", name="Email me the confirmation link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your letters")
    expect(page.get_by_text("Waiting for you to confirm.")).to_be_visible()
    status_url = page.url
    assert not [m for m in outbox.outbox_messages() if "virginia.gov" in m["to"]]

    page.goto(outbox_site + "/dev/outbox/")
    page.get_by_role("link", name=re.compile("^Confirm your letter")).first.click()
    expect(page.get_by_text("Hello Ann Lee,")).to_be_visible()
    page.locator("a[href*='/confirm/']").first.click()
    # Opening the link alone sends nothing: there is a button.
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your letters")
    assert LetterDelivery.objects.get().status == LetterDelivery.Status.AWAITING
    page.screenshot(
        path=str(screenshot_dir / "letters-send-confirm-390.png"), full_page=True
    )
    page.get_by_role("button", name="Send my letters").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your letters")
    expect(page.locator("[data-delivery-status=sent]")).to_contain_text("Sent at")
    # The same writer's page (its link is signed again, with a later time).
    assert same_request(page.url, status_url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(
        path=str(screenshot_dir / "letters-send-sent-390.png"), full_page=True
    )

    # What would have gone to the office is in the outbox, signed "via" us.
    [letter] = [m for m in outbox.outbox_messages() if "virginia.gov" in m["to"]]
    assert letter["from"].startswith(f"Ann Lee via {ORG_NAME}")
