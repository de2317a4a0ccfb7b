"""The page's script when the ZIP lookup says "too many" (429), in real Chromium.

It shows the server's sentence in the status line, stops asking, and the
"Find my legislators" button then looks the ZIP up the no-JS way (a page
load), so the reader still gets their legislators.
"""

import pytest
from playwright.sync_api import expect

from .test_zip_browser import zip_data  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("zip_data")
def test_a_limited_lookup_falls_back_to_the_page(page, live_server, settings):
    settings.ZIP_LOOKUP_RATE_LIMIT = 1
    settings.ZIP_LOOKUP_RATE_WINDOW_SECONDS = 3600
    answers = []
    page.on(
        "response",
        lambda r: answers.append(r.status) if "/letters/zip/" in r.url else None,
    )
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/letters/wa/")
    zip_input = page.get_by_label("ZIP code", exact=True)
    results = page.locator("#zip-results")

    zip_input.press_sequentially("02554")  # the one lookup allowed
    expect(results.get_by_text("is in Massachusetts")).to_be_visible()
    zip_input.fill("")
    zip_input.press_sequentially("98501")  # over the limit
    status = page.locator("#zip-status")
    expect(status).to_contain_text("Too many ZIP code lookups from your network")
    expect(status).to_contain_text("press “Find my legislators”")
    assert answers == [200, 429]
    expect(results).not_to_have_attribute("aria-busy", "true")

    # Typing on asks nothing more; the button loads the page, which looks it up.
    zip_input.fill("")
    zip_input.press_sequentially("98502")
    zip_input.fill("98501")
    page.get_by_role("button", name="Find my legislators").click()
    page.wait_for_url(f"{live_server.url}/letters/wa/?zip=98501")
    expect(results.get_by_text("Senator Sam Hunt")).to_be_visible()
    assert answers == [200, 429]
