"""Real Chromium: the delivery build's progress bar moves without a manual reload.

With JavaScript, static/js/delivery_progress.js polls the JSON endpoint and
updates the same page (no navigation); without it, a <noscript> meta refresh
reloads the page every 3 s. The test moves the build's progress in the
database, as the worker would, and watches the page follow.
"""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from petitions.models import DeliveryBuild, Petition, Signature

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def running_build(client, live_server, settings, tmp_path):
    settings.DELIVERY_ROOT = tmp_path
    petition = Petition.objects.create(
        slug="browser-delivery", title="Browser delivery", text="Please.", target="All"
    )
    Signature.objects.create(
        petition=petition,
        first_name="Ada",
        last_name="L",
        email="ada@example.com",
        zip_code="94110",
        state="CA",
        confirmed_at=timezone.now(),
    )
    build = DeliveryBuild.objects.create(
        petition=petition, status="running", progress_total=200, states_total=4
    )
    user = User.objects.create_superuser("organizer", "o@example.com", "pw")
    client.force_login(user)
    cookie = {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }
    url = live_server.url + reverse(
        "admin:petitions_deliverybuild_status", args=[build.pk]
    )
    return build, cookie, url, tmp_path


def advance(build, **fields):
    DeliveryBuild.objects.filter(pk=build.pk).update(
        updated_at=timezone.now(), **fields
    )


def finish(build, folder):
    (folder / "packets.zip").write_bytes(b"PK\x05\x06" + b"\0" * 18)  # an empty ZIP
    advance(
        build,
        status="done",
        progress_done=200,
        states_done=4,
        file_name="packets.zip",
        file_size=22,
        message="4 PDFs for 200 signers in 4 states, built in 3 s.",
    )


def test_progress_updates_in_place_with_javascript(page, running_build, screenshot_dir):
    build, cookie, url, folder = running_build
    page.context.add_cookies([cookie])
    page.goto(url)
    bar = page.locator("progress#delivery-progress")
    expect(page.get_by_role("status")).to_have_text("Building")
    expect(bar).to_have_attribute("value", "0")
    page.evaluate("window.__samePage = true")  # lost if the page reloads

    advance(build, progress_done=120, states_done=2)
    expect(page.get_by_text("120 of 200 signers · 2 of 4 states")).to_be_visible(
        timeout=10_000
    )
    assert bar.evaluate("el => el.value") == 120
    page.screenshot(
        path=str(screenshot_dir / "delivery-progress-running.png"), full_page=True
    )

    finish(build, folder)
    link = page.get_by_role("link", name="Download the delivery packets")
    expect(link).to_be_visible(timeout=10_000)
    expect(page.get_by_role("status")).to_have_text("Ready")
    assert bar.evaluate("el => el.value") == 200
    assert page.evaluate("window.__samePage") is True  # updated without a reload
    page.screenshot(
        path=str(screenshot_dir / "delivery-progress-done.png"), full_page=True
    )
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "packets.zip"


def test_failure_shows_the_message_with_javascript(page, running_build):
    build, cookie, url, _ = running_build
    page.context.add_cookies([cookie])
    page.goto(url)
    advance(
        build,
        status="failed",
        message="The build failed and nothing was saved (OSError: disk full).",
    )
    expect(page.get_by_text("nothing was saved (OSError: disk full)")).to_be_visible(
        timeout=10_000
    )
    expect(page.get_by_role("status")).to_have_text("Failed")
    expect(
        page.get_by_role("link", name="Download the delivery packets")
    ).to_be_hidden()


def test_progress_updates_without_javascript(browser, running_build):
    build, cookie, url, folder = running_build
    context = browser.new_context(java_script_enabled=False)
    try:
        context.add_cookies([cookie])
        page = context.new_page()
        page.goto(url)
        expect(page.get_by_text("0 of 200 signers")).to_be_visible()
        advance(build, progress_done=80, states_done=1)
        # The <noscript> meta refresh reloads the page every 3 seconds.
        expect(page.get_by_text("80 of 200 signers · 1 of 4 states")).to_be_visible(
            timeout=10_000
        )
        finish(build, folder)
        expect(
            page.get_by_role("link", name="Download the delivery packets")
        ).to_be_visible(timeout=10_000)
    finally:
        context.close()


def test_progress_page_has_no_accessibility_violations(page, running_build):
    from axe_playwright_python.sync_playwright import Axe

    build, cookie, url, folder = running_build
    page.context.add_cookies([cookie])
    page.goto(url)
    advance(build, progress_done=50, states_done=1)
    expect(page.get_by_text("50 of 200 signers")).to_be_visible(timeout=10_000)
    results = Axe().run(
        page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}
    )
    assert results.violations_count == 0, results.generate_report()
