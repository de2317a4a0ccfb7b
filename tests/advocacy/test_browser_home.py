import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_on_a_phone(page, live_server, screenshot_dir):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("training AI")
    # The three actions are reachable as buttons-looking links at 390 px.
    for label in (
        "Protect your accounts",
        "Sign the petition",
        "Write your legislator",
    ):
        expect(page.get_by_role("main").get_by_role("link", name=label)).to_be_visible()
    # Nothing overflows sideways on a phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    page.screenshot(path=str(screenshot_dir / "home-390.png"), full_page=True)
