"""Real Chromium at phone size: sign, open the dev outbox, confirm, see the count."""

import re

import pytest
from playwright.sync_api import expect

from petitions import content

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_RULES = {"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}


@pytest.fixture
def outbox_site(settings, tmp_path, live_server):
    """The embedded default: DEBUG on, email written to a file outbox."""
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    settings.EMAIL_OUTBOX_DIR = tmp_path
    settings.SITE_URL = live_server.url
    content.load()
    return live_server.url


def fill_form(page, **overrides):
    values = {
        "First name": "Ada",
        "Last name": "Lovelace",
        "Email": "ada@example.com",
        "ZIP code": "94110",
        **overrides,
    }
    for label, value in values.items():
        field(page, label).fill(value)
    field(page, "State").select_option("CA")


def field(page, label):
    """A form control by its label (required labels end with an asterisk)."""
    return page.get_by_label(re.compile(rf"^\s*{label}\s*\*?\s*$"))


def test_sign_confirm_from_outbox_and_count_goes_up(page, outbox_site, screenshot_dir):
    page.goto(outbox_site + "/petitions/")
    expect(page).to_have_url(re.compile(r"/petitions/state-privacy-law/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("privacy law")
    expect(page.locator("[data-petition-count]")).to_have_text("0")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(screenshot_dir / "petition-390.png"), full_page=True)

    fill_form(page)
    page.get_by_label("List my name publicly").check()
    page.get_by_role("button", name="Sign the petition").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your email to confirm your signature"
    )
    expect(
        page.get_by_role("main").get_by_role("link", name="Write your legislator")
    ).to_have_attribute("href", "/letters/?state=CA&zip=94110")
    page.screenshot(
        path=str(screenshot_dir / "petition-thanks-390.png"), full_page=True
    )

    page.goto(outbox_site + "/dev/outbox/")
    page.get_by_role("link", name=re.compile("^Confirm your signature")).first.click()
    expect(page.get_by_text("Hello Ada,")).to_be_visible()
    page.screenshot(
        path=str(screenshot_dir / "petition-outbox-390.png"), full_page=True
    )
    page.locator("a[href*='/confirm/']").first.click()

    # Opening the link alone does not confirm: there is a button.
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your signature")
    page.screenshot(
        path=str(screenshot_dir / "petition-confirm-390.png"), full_page=True
    )
    page.get_by_role("button", name="Confirm my signature").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you! Your signature is confirmed"
    )

    page.goto(outbox_site + "/petitions/state-privacy-law/")
    expect(page.locator("[data-petition-count]")).to_have_text("1")
    expect(page.get_by_text("Ada L., California")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "petition-after-390.png"), full_page=True)


def test_form_errors_are_announced_and_linked(page, outbox_site):
    page.goto(outbox_site + "/petitions/state-privacy-law/")
    fill_form(page, **{"ZIP code": "10001", "Email": "not-an-email"})
    page.get_by_role("button", name="Sign the petition").click()
    expect(page).to_have_title(re.compile("^Error: "))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There are 2 problems")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name=re.compile("ZIP code")).click()
    expect(field(page, "ZIP code")).to_be_focused()
    expect(field(page, "ZIP code")).to_have_attribute("aria-invalid", "true")


def test_copy_link_button_appears_with_javascript(page, outbox_site):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(outbox_site + "/petitions/state-privacy-law/")
    button = page.get_by_role("button", name="Copy link")
    expect(button).to_be_visible()
    button.click()
    expect(page.get_by_text("Link copied.")).to_be_visible()


def test_petition_pages_have_no_axe_violations(page, outbox_site):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    for url in (
        "/petitions/state-privacy-law/",
        "/petitions/state-privacy-law/thanks/?state=CA",
        "/petitions/state-privacy-law/embed/",
        "/petitions/state-privacy-law/confirm/bad-token/",
        "/dev/outbox/",
    ):
        page.goto(outbox_site + url)
        results = axe.run(page, options=AXE_RULES)
        assert results.violations_count == 0, (url, results.generate_report())
    page.goto(outbox_site + "/petitions/state-privacy-law/")
    page.get_by_role("button", name="Sign the petition").click()
    results = axe.run(page, options=AXE_RULES)
    assert results.violations_count == 0, results.generate_report()
