"""Issue 19 in Chromium: a browser that prefers Spanish is offered the Spanish
page (never sent there), and the Spanish guide pages' JavaScript speaks Spanish."""

import pytest
from playwright.sync_api import expect

from guides import content
from guides.models import Platform

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def guides_loaded():
    content.load()
    return Platform.objects.published().count()


@pytest.fixture
def spanish_page(browser):
    context = browser.new_context(
        locale="es-US", viewport={"width": 390, "height": 844}
    )
    yield context.new_page()
    context.close()


def test_a_spanish_browser_is_offered_the_spanish_guide_and_ticks_in_spanish(
    spanish_page, live_server, guides_loaded, screenshot_dir
):
    page = spanish_page
    page.goto(live_server.url + "/guides/instagram/")
    assert page.url == live_server.url + "/guides/instagram/"  # no redirect
    suggestion = page.locator("[data-language-suggestion]")
    expect(suggestion).to_be_visible()
    expect(suggestion).to_have_text(
        "¿Prefiere leer en español? Ver esta página en español"
    )
    suggestion.get_by_role("link").click()
    page.wait_for_url(live_server.url + "/es/guides/instagram/")
    assert page.locator("html").get_attribute("lang") == "es"
    expect(page.locator("[data-language-suggestion]")).to_have_count(0)

    total = Platform.objects.get(slug="instagram").steps.count()
    page.get_by_label("Marcar como hecho el paso 1 en la app").check()
    expect(page.locator("[data-steps-progress]")).to_have_text(
        f"1 de {total} pasos hechos"
    )
    page.screenshot(path=str(screenshot_dir / "guides-instagram-es-390.png"))

    # The list counts in Spanish too, and the language link goes back.
    page.goto(live_server.url + "/es/guides/")
    expect(page.locator("[data-progress-text]")).to_have_text(
        f"0 de {guides_loaded} hechas"
    )
    page.get_by_role("searchbox").fill("instagram")
    expect(page.locator("[data-guides-count]")).to_contain_text("Se muestran")
    page.locator("[data-language-switch]").click()
    page.wait_for_url(live_server.url + "/guides/")
    assert page.locator("html").get_attribute("lang") == "en"
    cookies = {cookie["name"] for cookie in page.context.cookies()}
    assert cookies <= {"csrftoken"}


@pytest.mark.parametrize(
    "path", ["/es/guides/", "/es/guides/linkedin/", "/es/guides/slack/", "/guides/x/"]
)
def test_spanish_pages_and_the_suggestion_meet_wcag(
    spanish_page, live_server, guides_loaded, path
):
    """axe-core as in the a11y sweep (tests/advocacy/test_a11y_sweep.py), on the
    Spanish guide pages and on an English page showing the suggestion."""
    from tests.advocacy.test_a11y_sweep import axe_violations

    spanish_page.goto(live_server.url + path)
    if not path.startswith("/es/"):
        expect(spanish_page.locator("[data-language-suggestion]")).to_be_visible()
    assert axe_violations(spanish_page) == []
