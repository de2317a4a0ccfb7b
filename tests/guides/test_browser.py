import re

import pytest
from playwright.sync_api import expect

from guides import content
from guides.models import Platform

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def guides_loaded():
    content.load()
    return Platform.objects.published().count()


def test_ticked_steps_survive_a_reload_and_show_on_the_list(
    page, live_server, guides_loaded, screenshot_dir
):
    page.goto(live_server.url + "/guides/instagram/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Instagram")
    boxes = page.get_by_role("checkbox")
    # Instagram's guide has an app group and a website group; a step shown in
    # both counts once.
    total_steps = Platform.objects.get(slug="instagram").steps.count()
    assert total_steps >= 3
    page.get_by_label("Mark app step 1 done").check()
    page.get_by_label("Mark app step 3 done").check()
    expect(page.locator("[data-steps-progress]")).to_have_text(
        f"2 of {total_steps} steps done"
    )

    page.reload()
    expect(page.get_by_label("Mark app step 1 done")).to_be_checked()
    expect(page.get_by_label("Mark app step 3 done")).to_be_checked()
    expect(page.get_by_label("Mark app step 2 done")).not_to_be_checked()
    page.screenshot(
        path=str(screenshot_dir / "guides-instagram-390.png"), full_page=True
    )

    # The list shows partial progress, nothing finished yet.
    page.goto(live_server.url + "/guides/")
    expect(page.locator("[data-progress-text]")).to_have_text(
        f"0 of {guides_loaded} done"
    )
    card = page.locator('[data-guide-card][data-slug="instagram"]')
    expect(card).to_contain_text(f"2 of {total_steps} steps done")
    expect(card.get_by_text("Done", exact=True)).to_be_hidden()

    # Tick every step: the guide is finished, and the list says so.
    page.goto(live_server.url + "/guides/instagram/")
    for i in range(boxes.count()):
        boxes.nth(i).check()
    expect(page.locator("[data-guide-finished]")).to_be_visible()
    page.goto(live_server.url + "/guides/")
    expect(page.locator("[data-progress-text]")).to_have_text(
        f"1 of {guides_loaded} done"
    )
    expect(card.locator("[data-card-done]")).to_be_visible()
    expect(card.locator("[data-card-done]")).to_have_text(re.compile("Done"))
    # Nothing overflows sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(screenshot_dir / "guides-index-390.png"), full_page=True)

    # Progress never leaves the browser: the server has no record of it.
    assert "guides.progress.v1" in page.evaluate("Object.keys(localStorage).join(',')")


def test_search_and_status_filter_work_live(page, live_server, guides_loaded):
    page.goto(live_server.url + "/guides/")
    cards = page.locator("[data-guide-card]:visible")
    expect(cards).to_have_count(guides_loaded)

    # Meta's guides: Instagram, Facebook, WhatsApp, Threads and the Meta AI app.
    page.get_by_label("Search platforms").fill("meta")
    expect(cards).to_have_count(4)
    expect(page.locator("[data-guides-count]")).to_have_text(
        f"Showing 4 of {guides_loaded} guides."
    )

    page.get_by_label("Search platforms").fill("")
    page.get_by_label("Opt-out status").select_option(label="No opt-out")
    slugs = cards.evaluate_all("cs => cs.map(c => c.dataset.slug)")
    assert "tiktok" in slugs and "reddit" in slugs and "instagram" not in slugs

    page.get_by_label("Search platforms").fill("zzzz")
    expect(cards).to_have_count(0)
    expect(page.locator("[data-guides-empty]")).to_be_visible()


def test_search_works_with_javascript_off(browser, live_server, guides_loaded):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(live_server.url + "/guides/")
    page.get_by_label("Search platforms").fill("linkedin")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"q=linkedin"))
    expect(page.locator("[data-guide-card]:visible")).to_have_count(1)
    # Checkboxes still show without JavaScript.
    page.goto(live_server.url + "/guides/linkedin/")
    expect(page.get_by_label("Mark app step 1 done")).to_be_visible()
    context.close()


def test_report_form_in_the_browser(page, live_server, guides_loaded):
    page.goto(live_server.url + "/guides/x/")
    page.get_by_role("button", name="Send report").click()
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.get_by_role("alert")).to_contain_text("Tell us what no longer matches")
    page.get_by_label("Which step? (optional)").select_option(index=2)
    page.get_by_label("What do you see instead?").fill(
        "The box is now called Grok training."
    )
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you")


def test_wide_screenshots(page, live_server, guides_loaded, screenshot_dir):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/guides/")
    page.screenshot(path=str(screenshot_dir / "guides-index-1280.png"), full_page=True)
    page.goto(live_server.url + "/guides/slack/")
    page.screenshot(path=str(screenshot_dir / "guides-slack-1280.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(screenshot_dir / "guides-slack-390.png"), full_page=True)


def test_guide_pages_have_no_axe_violations(page, live_server, guides_loaded):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    for url in ("/guides/", "/guides/instagram/", "/guides/slack/", "/guides/claude/"):
        page.goto(live_server.url + url)
        if url != "/guides/":
            page.get_by_role("checkbox").first.check()  # the "done" styling, too
        results = axe.run(
            page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}
        )
        assert results.violations_count == 0, (url, results.generate_report())
    # The form with errors, too.
    page.goto(live_server.url + "/guides/x/")
    page.get_by_role("button", name="Send report").click()
    results = axe.run(
        page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}
    )
    assert results.violations_count == 0, results.generate_report()
