"""The campaign page in a real browser, on a phone: actions, share box, and
the phone's share sheet button only where the browser has one."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE = "/campaigns/state-privacy-law/"

# Chromium on Linux has no Web Share API; make sure either way.
NO_SHARE = "delete Navigator.prototype.share; delete Navigator.prototype.canShare;"
# A stand-in share sheet that records what the page asked to share.
FAKE_SHARE = """
Navigator.prototype.share = function (data) {
  window.__shared = data;
  return Promise.resolve();
};
Navigator.prototype.canShare = function () { return true; };
"""


@pytest.fixture
def seeded(db):
    call_command("load_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_campaign_page_on_a_phone_without_web_share(
    page, live_server, seeded, screenshot_dir
):
    page.add_init_script(NO_SHARE)
    page.goto(live_server.url + PAGE)
    expect(page.get_by_role("heading", level=1)).to_contain_text("privacy laws")
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="Sign the petition")).to_be_visible()
    expect(main.get_by_role("link", name="Write a letter")).to_be_visible()
    expect(main.get_by_role("link", name="Send a text message")).to_be_visible()
    expect(main.get_by_role("link", name="Share on WhatsApp")).to_be_visible()
    expect(main.get_by_role("link", name="Email a friend")).to_be_visible()
    # No share sheet in this browser: its button stays hidden.
    share = page.locator("[data-share-native]")
    expect(share).to_be_hidden()
    assert page.evaluate("typeof navigator.share") == "undefined"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(screenshot_dir / "campaign-390.png"), full_page=True)


def test_campaign_page_offers_the_share_sheet_where_there_is_one(
    page, live_server, seeded
):
    page.add_init_script(FAKE_SHARE)
    page.goto(live_server.url + PAGE)
    button = page.get_by_role("button", name="Share…")
    expect(button).to_be_visible()
    button.click()
    page.wait_for_function("window.__shared !== undefined")
    shared = page.evaluate("window.__shared")
    assert shared["url"].endswith(PAGE) and "?" not in shared["url"]
    assert "privacy laws" in shared["title"]


def test_campaign_page_works_without_javascript(browser, live_server, seeded):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(live_server.url + PAGE)
    expect(page.locator("[data-share-native]")).to_be_hidden()
    expect(page.get_by_role("link", name="Send a text message")).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Sign the petition").click()
    expect(page).to_have_url(live_server.url + "/petitions/state-privacy-law/#sign")
    expect(page.get_by_role("button", name="Sign the petition")).to_be_visible()
    context.close()


def test_the_spanish_campaign_page_shares_and_copies_in_spanish(
    page, live_server, seeded
):
    page.add_init_script(FAKE_SHARE)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(live_server.url + "/es" + PAGE)
    assert page.evaluate("document.documentElement.lang") == "es"
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Leyes estatales de privacidad"
    )
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="Escribir una carta")).to_be_visible()
    expect(main.get_by_role("link", name="Compartir en WhatsApp")).to_be_visible()
    main.get_by_role("button", name="Copiar el enlace").click()
    expect(page.get_by_text("Enlace copiado.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()").endswith("/es" + PAGE)
    page.get_by_role("button", name="Compartir…").click()
    page.wait_for_function("window.__shared !== undefined")
    shared = page.evaluate("window.__shared")
    assert shared["url"].endswith("/es" + PAGE)
    assert shared["title"].startswith("Leyes estatales de privacidad")
