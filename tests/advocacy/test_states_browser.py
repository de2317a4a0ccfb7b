"""The state map in real Chromium: tap targets, focus, sorting, axe-core."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from letters import content as letters_content

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def seeded(monkeypatch):
    monkeypatch.setattr(
        timezone, "localdate", lambda *a, **k: datetime.date(2026, 11, 29)
    )
    letters_content.load()


def tile_sizes(page):
    return page.eval_on_selector_all(
        "svg.tilemap__svg a rect.tile",
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return [r.width, r.height]; })",
    )


def test_map_on_a_phone_and_a_desktop(page, live_server, seeded, screenshot_dir):
    page.goto(live_server.url + "/states/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Where does your state stand?"
    )
    sizes = tile_sizes(page)
    assert len(sizes) == 51
    smallest = min(min(w, h) for w, h in sizes)
    assert smallest >= 24, f"tiles are {smallest:.1f} px at 390 px wide"
    # Equal squares.
    assert max(w for w, _ in sizes) - smallest < 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator(".tilemap").screenshot(path=str(screenshot_dir / "states-map-390.png"))
    page.screenshot(path=str(screenshot_dir / "states-390.png"), full_page=True)

    # Each tile is a link with its name; a tap opens the state's page.
    expect(
        page.get_by_role("link", name="Virginia: law in effect since 2023")
    ).to_have_count(1)
    page.get_by_role(
        "link", name="Vermont: law enacted, takes effect January 1, 2028"
    ).click()
    expect(page).to_have_url(live_server.url + "/states/vt/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vermont")
    page.screenshot(path=str(screenshot_dir / "states-vt-390.png"), full_page=True)

    # The home page's small map keeps tappable tiles on a phone too.
    page.goto(live_server.url + "/")
    assert len(tile_sizes(page)) == 51
    assert min(min(w, h) for w, h in tile_sizes(page)) >= 24
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator(".home-states").screenshot(
        path=str(screenshot_dir / "home-states-390.png")
    )

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/states/")
    assert min(min(w, h) for w, h in tile_sizes(page)) >= 60
    page.locator(".tilemap").screenshot(
        path=str(screenshot_dir / "states-map-1280.png")
    )
    page.screenshot(path=str(screenshot_dir / "states-1280.png"), full_page=True)
    page.goto(live_server.url + "/states/va/")
    page.screenshot(path=str(screenshot_dir / "states-va-1280.png"), full_page=True)
    page.goto(live_server.url + "/")
    page.locator(".home-states").screenshot(
        path=str(screenshot_dir / "home-states-1280.png")
    )


def test_tiles_show_keyboard_focus(page, live_server, seeded):
    page.goto(live_server.url + "/states/")
    tile = page.get_by_role("link", name="Alaska: no comprehensive privacy law")
    rect = tile.locator("rect.tile")
    before = rect.evaluate("e => getComputedStyle(e).strokeWidth")
    tile.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
    expect(tile).to_be_focused()
    after = rect.evaluate("e => getComputedStyle(e).strokeWidth")
    outline = tile.evaluate("e => getComputedStyle(e).outlineStyle")
    assert float(after.rstrip("px")) > float(before.rstrip("px"))
    assert outline == "solid"
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + "/states/ak/")

    # Keyboard users can jump over the 51 tiles to the table.
    page.goto(live_server.url + "/states/")
    page.get_by_role("button", name="Show").focus()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip the map")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#states-table")).to_be_focused()


def test_table_sorts_with_javascript_in_place(page, live_server, seeded):
    page.goto(live_server.url + "/states/")
    table = page.locator(".states-table")
    page.get_by_role("link", name="EPIC/PIRG grade").click()
    expect(table.locator("thead th").nth(4)).to_have_attribute("aria-sort", "ascending")
    expect(table.locator("tbody tr").first).to_have_attribute("data-abbr", "CA")
    assert page.url.endswith("?sort=grade#states-table")
    page.get_by_role("link", name="EPIC/PIRG grade").click()
    expect(table.locator("thead th").nth(4)).to_have_attribute(
        "aria-sort", "descending"
    )
    # Worst grades first, the ungraded still last.
    expect(table.locator("tbody tr").first.locator("td").nth(3)).to_have_text("F")
    expect(table.locator("tbody tr").last.locator("td").nth(3)).to_have_text(
        "Not graded"
    )
    # The same order the server gives for ?sort=-grade.
    js_order = table.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.abbr)"
    )
    page.goto(live_server.url + "/states/?sort=-grade")
    server_order = table.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.abbr)"
    )
    assert js_order == server_order


def test_table_sorts_with_javascript_off(browser, live_server, seeded):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(live_server.url + "/states/")
    page.get_by_role("link", name="In effect from").click()
    expect(page).to_have_url(live_server.url + "/states/?sort=effective#states-table")
    first = page.locator(".states-table tbody tr").first
    expect(first).to_have_attribute("data-abbr", "CA")  # in force since 2020
    # The map is there and linked without any script.
    expect(page.locator("svg.tilemap__svg a")).to_have_count(51)
    context.close()


def test_states_pages_have_no_axe_violations(page, live_server, seeded):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    for url in ("/states/", "/states/va/", "/states/vt/", "/states/ak/", "/"):
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(live_server.url + url)
            results = axe.run(page, options={"runOnly": AXE_RULES})
            assert results.violations_count == 0, (
                url,
                width,
                results.generate_report(),
            )


def test_an_organizer_edit_in_the_admin_redraws_the_map(page, live_server, seeded):
    from django.contrib.auth import get_user_model

    from states.models import PrivacyLaw

    get_user_model().objects.create_superuser("organizer", "o@example.com", "pw-12345")
    # Seen once, so the map and the page are cached before the edit.
    page.goto(live_server.url + "/states/")
    expect(
        page.get_by_role("link", name="Alaska: no comprehensive privacy law")
    ).to_have_count(1)
    page.goto(live_server.url + "/states/ak/")

    page.goto(live_server.url + "/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("organizer")
    page.get_by_label("Password").fill("pw-12345")
    page.get_by_role("button", name="Log in").click()
    law = PrivacyLaw.objects.get(state__abbr="AK")
    page.goto(live_server.url + f"/admin/states/privacylaw/{law.pk}/change/")
    page.locator("#id_has_comprehensive_law").check()
    page.locator("#id_law_name").fill("Alaska Consumer Data Privacy Act")
    page.locator("#id_effective_date").fill("2026-07-01")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")

    page.goto(live_server.url + "/states/")
    expect(
        page.get_by_role("link", name="Alaska: law in effect since 2026")
    ).to_have_count(1)
    page.goto(live_server.url + "/states/ak/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Alaska has a privacy law in effect"
    )
