"""The ZIP lookup in real Chromium: type a ZIP, see legislators appear, pick one."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from letters import content
from letters.models import Legislator
from states.models import State

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIXTURES = Path(__file__).parent / "fixtures" / "zip"


@pytest.fixture
def zip_data():
    content.load(stdout=io.StringIO())
    call_command("import_zip_districts", str(FIXTURES), stdout=io.StringIO())
    wa = State.objects.get(abbr="WA")
    for i, (chamber, district, name) in enumerate(
        [
            ("upper", "22", "Sam Hunt"),
            ("upper", "35", "Drew MacEwen"),
            ("lower", "22", "Beth Doglio"),
            ("lower", "22", "Jessica Bateman"),
        ]
    ):
        Legislator.objects.create(
            openstates_id=f"ocd-person/browser-{i}",
            state=wa,
            chamber=chamber,
            district=district,
            name=name,
            family_name=name.split()[-1],
            party="Democratic",
        )


def test_type_a_zip_see_legislators_pick_one(
    page, live_server, zip_data, screenshot_dir
):
    from axe_playwright_python.sync_playwright import Axe

    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{live_server.url}/letters/wa/")
    results = page.locator("#zip-results")
    expect(results).to_have_attribute("aria-live", "polite")

    # Typing the fifth digit is enough: no button press, no page load.
    page.get_by_label("ZIP code", exact=True).press_sequentially("98501")
    expect(results.get_by_text("Senator Sam Hunt")).to_be_visible()
    expect(results.get_by_text("Your ZIP code spans several districts")).to_be_visible()
    expect(results.get_by_text("about 93% of the ZIP code’s area")).to_be_visible()
    assert page.url == f"{live_server.url}/letters/wa/"
    # The House district is the only one: its members come ticked.
    expect(page.get_by_label("Representative Beth Doglio")).to_be_checked()
    expect(page.locator("#zip-status")).to_contain_text("Senate: 2 possible districts")
    page.screenshot(
        path=str(screenshot_dir / "letters-zip-lookup-390.png"), full_page=True
    )

    # Everything stayed on this site.
    assert all(url.startswith(live_server.url) for url in requests), requests
    assert any("/letters/zip/98501.json" in url for url in requests)

    violations = Axe().run(
        page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}
    )
    assert violations.violations_count == 0, violations.generate_report()

    # A ZIP in another state says so; back to a good one.
    zip_input = page.get_by_label("ZIP code", exact=True)
    zip_input.fill("")
    zip_input.press_sequentially("02554")
    expect(
        results.get_by_text("is in Massachusetts, not in the state you chose")
    ).to_be_visible()
    zip_input.fill("")
    zip_input.press_sequentially("98501")
    expect(results.get_by_text("Senator Sam Hunt")).to_be_visible()

    page.get_by_label("Senator Sam Hunt").check()
    page.get_by_label("Representative Jessica Bateman").uncheck()
    results.get_by_role("button", name="Next: write your letter").click()
    page.wait_for_url(f"{live_server.url}/letters/wa/write/")
    expect(page.get_by_text("Sam Hunt").first).to_be_visible()
    expect(page.get_by_text("Beth Doglio").first).to_be_visible()
    expect(page.get_by_text("Jessica Bateman")).to_have_count(0)


def test_without_javascript_the_form_still_works(browser, live_server, zip_data):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/letters/wa/")
    zip_input = page.get_by_label("ZIP code", exact=True)
    zip_input.fill("98501-1234")
    page.get_by_role("button", name="Find my legislators").click()
    page.wait_for_url(f"{live_server.url}/letters/wa/?zip=98501-1234")
    page.get_by_label("Senator Drew MacEwen").check()
    page.get_by_role("button", name="Next: write your letter").click()
    page.wait_for_url(f"{live_server.url}/letters/wa/write/")
    expect(page.get_by_text("Drew MacEwen").first).to_be_visible()
    context.close()


def test_a_zip_that_is_not_a_zip_is_an_error(page, live_server, zip_data):
    from axe_playwright_python.sync_playwright import Axe

    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/letters/wa/")
    page.get_by_label("ZIP code", exact=True).fill("98x")
    page.get_by_role("button", name="Find my legislators").click()
    expect(page).to_have_title(re.compile(r"^Error: Step 2 of 4"))
    expect(page.get_by_label("ZIP code", exact=True)).to_have_attribute(
        "aria-invalid", "true"
    )
    options = {"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}
    results = Axe().run(page, options=options)
    assert results.violations_count == 0, results.generate_report()
