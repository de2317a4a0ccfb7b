"""Guide pages in Chromium: the phone path first, shared steps counted once,
the stale banner and "What changed" accessible."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from guides import content
from guides.models import GuideChange, Platform, Step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}


@pytest.fixture
def facebook(db):
    """The Facebook guide with app and website steps (built here: its content
    file is being rewritten), stale, with two "What changed" entries."""
    content.load()
    platform = Platform.objects.get(slug="facebook")
    platform.steps.all().delete()
    for order, applies_to, text in [
        (10, "all", "Sign in to Facebook."),
        (20, "app", "In the app, tap the menu, then Settings & privacy."),
        (30, "ios", "On iPhone, tap Settings at the top."),
        (40, "android", "On Android, tap the gear icon."),
        (50, "web", "On the website, click your profile picture."),
        (60, "web", "Choose Settings & privacy, then Settings."),
        (70, "all", "Under Audience and visibility, set future posts to Friends."),
    ]:
        Step.objects.create(
            platform=platform, order=order, applies_to=applies_to, text=text
        )
    GuideChange.objects.create(
        platform=platform,
        date=datetime.date(2026, 12, 1),
        text="Meta now shows the audience setting under Audience and visibility.",
    )
    GuideChange.objects.create(
        platform=platform,
        date=datetime.date(2026, 6, 1),
        text="Meta started training on public posts in the EU.",
    )
    platform.last_verified = timezone.localdate() - datetime.timedelta(
        days=settings.GUIDES_STALE_DAYS + 30
    )
    platform.save()
    return platform


def group_boxes(page):
    app = page.locator('[data-step-group="app"]')
    web = page.locator('[data-step-group="web"]')
    return app, web


def test_phone_reader_sees_the_app_steps_first(page, live_server, facebook):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/guides/facebook/")
    app, web = group_boxes(page)
    expect(app.get_by_role("heading", level=3)).to_have_text(
        "In the app (iPhone and Android)"
    )
    expect(web.get_by_role("heading", level=3)).to_have_text("On the website")
    assert app.bounding_box()["y"] < web.bounding_box()["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_wide_screen_reader_sees_the_website_steps_first(
    page, live_server, facebook, screenshot_dir
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/guides/facebook/")
    app, web = group_boxes(page)
    assert web.bounding_box()["y"] < app.bounding_box()["y"]
    page.screenshot(
        path=str(screenshot_dir / "guides-facebook-groups-1280.png"), full_page=True
    )


def test_a_shared_step_is_ticked_and_counted_once(page, live_server, facebook):
    page.goto(live_server.url + "/guides/facebook/")
    total = facebook.steps.count()
    progress = page.locator("[data-steps-progress]")
    expect(progress).to_have_text(f"0 of {total} steps done")
    app, web = group_boxes(page)
    # Step 1 of each group is the shared "Sign in" step.
    app.get_by_label("Mark app step 1 done").check()
    expect(web.get_by_label("Mark website step 1 done")).to_be_checked()
    expect(progress).to_have_text(f"1 of {total} steps done")
    web.get_by_label("Mark website step 2 done").check()
    expect(progress).to_have_text(f"2 of {total} steps done")
    page.reload()
    expect(app.get_by_label("Mark app step 1 done")).to_be_checked()
    expect(web.get_by_label("Mark website step 2 done")).to_be_checked()
    # Every box ticked (shared ones from either group): the guide is finished.
    for box in page.locator("[data-step-checkbox]").all():
        box.check()
    expect(progress).to_have_text(
        f"{total} of {total} steps done. You finished this guide!"
    )
    stored = page.evaluate("JSON.parse(localStorage.getItem('guides.progress.v1'))")
    assert len(stored["facebook"]) == len(set(stored["facebook"])) == total
    # Unticking a shared step in one group unticks its copy.
    web.get_by_label("Mark website step 1 done").uncheck()
    expect(app.get_by_label("Mark app step 1 done")).not_to_be_checked()
    expect(progress).to_have_text(f"{total - 1} of {total} steps done")


def test_stale_banner_links_to_the_report_form_without_javascript(
    browser, live_server, facebook
):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(live_server.url + "/guides/facebook/")
    banner = page.locator("[data-stale-banner]")
    expect(banner).to_contain_text("This guide may be out of date: last checked on")
    banner.get_by_role("link", name="tell us").click()
    expect(page).to_have_url(live_server.url + "/guides/facebook/#report")
    expect(page.get_by_label("What do you see instead?")).to_be_in_viewport()
    page.get_by_label("What do you see instead?").fill("The menu is called Meta now.")
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you")
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_stale_banner_and_what_changed_pass_axe(page, live_server, facebook, width):
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/guides/facebook/")
    expect(page.locator("[data-stale-banner]")).to_be_visible()
    expect(page.get_by_role("heading", name="What changed")).to_be_visible()
    page.locator("[data-step-checkbox]").first.check()
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    # The list (stale cards) and the home page (What changed lately) too.
    for url in ("/guides/", "/"):
        page.goto(live_server.url + url)
        results = Axe().run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, (url, results.generate_report())
    expect(page.get_by_role("heading", name="What changed lately")).to_be_visible()
    expect(
        page.get_by_role("link", name="Open the Facebook guide").first
    ).to_be_visible()
