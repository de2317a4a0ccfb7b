"""WCAG 2.2 AA on every public page, in real Chromium.

For each page of tests/advocacy/public_pages.py: axe-core reports no
violations at phone and desktop width; the page has `lang`, the landmarks,
one h1 and headings without skipped levels; the skip link is the first tab
stop and moves focus to <main>. Screenshots of each page at 390x844 and
1280x800 go to the screenshot folder. Key pages are checked again with the
text at 200%, and reduced motion is checked on a page with a progress bar.
"""

import pytest
from django.conf import settings

from .public_pages import PAGE_IDS, PAGES, BrowserAgent, seed_site, use_error_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

# Structure facts the checks below need, gathered in one pass in the page.
STRUCTURE_JS = """() => {
  const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
    .filter(visible)
    .map((h) => ({level: Number(h.tagName[1]), text: h.textContent.trim().slice(0, 60),
                  summary: !!h.closest("[data-error-summary]")}));
  const focusable = [...document.querySelectorAll(
      "a[href], button, input, select, textarea, summary, [tabindex]")]
    .filter((el) => el.tabIndex >= 0 && !el.disabled && visible(el) || el.matches(".skip-link"));
  return {
    lang: document.documentElement.lang,
    title: document.title,
    headings,
    mains: document.querySelectorAll("main").length,
    mainId: document.querySelector("main") ? document.querySelector("main").id : "",
    banners: document.querySelectorAll("body > header, [role=banner]").length,
    navs: document.querySelectorAll("nav").length,
    footers: document.querySelectorAll("body > footer, [role=contentinfo]").length,
    firstFocusable: focusable.length ? focusable[0].className : "",
    active: document.activeElement ? document.activeElement.tagName : "",
  };
}"""


@pytest.fixture
def site(live_server, settings, page):
    """The seeded site; the raising views are mounted for the 500/503 pages."""
    use_error_urls(settings)
    world = seed_site()
    return BrowserAgent(page, live_server.url), world


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        (v["id"], v["impact"], [", ".join(n["target"]) for n in v["nodes"]][:5])
        for v in results.response["violations"]
    ]


def assert_structure(info, spec):
    language = "es" if spec.name.startswith("es-") else "en"
    assert info["lang"] == language, "the page needs lang"
    assert info["title"].strip(), "the page needs a title"
    assert info["mains"] == 1 and info["mainId"] == "main", "exactly one <main id=main>"
    if not spec.embed:
        assert info["banners"] == 1, "one header landmark"
        assert info["navs"] >= 1, "a navigation landmark"
        assert info["footers"] == 1, "one footer landmark"
        assert "skip-link" in info["firstFocusable"], (
            f"first focusable element is {info['firstFocusable']!r}, not the skip link"
        )
    # An error summary may open the page, before the h1 (GOV.UK's pattern), as an h2.
    assert all(h["level"] == 2 for h in info["headings"] if h["summary"]), info[
        "headings"
    ]
    levels = [h["level"] for h in info["headings"] if not h["summary"]]
    assert levels.count(1) == 1, f"exactly one h1: {info['headings']}"
    assert levels[0] == 1, f"the first heading is the h1: {info['headings']}"
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"heading level skipped: {info['headings']}"


def assert_skip_link_works(page):
    """Tab from a fresh load reaches the skip link first; Enter focuses <main>."""
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "skip-link" in focused, f"first tab stop is {focused!r}"
    assert (
        page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    ), "the focused skip link shows a focus outline"
    page.keyboard.press("Enter")
    page.wait_for_function(
        "document.activeElement && document.activeElement.id === 'main'"
    )


@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_public_page_meets_wcag_22_aa(site, spec, screenshot_dir):
    agent, world = site
    page = agent.page
    page.set_viewport_size(PHONE)
    spec.visit(agent, world)
    assert agent.status == spec.status, (
        f"{spec.name}: HTTP {agent.status} {page.content()[:800]}"
    )
    assert "Traceback" not in page.content()
    if spec.image:  # a picture, not a page: it loads, as a PNG, and sets no cookie
        shown = page.evaluate(
            "[document.contentType, document.images.length && document.images[0].naturalWidth]"
        )
        assert shown == ["image/png", 1200], f"{spec.name}: {shown}"
        assert not page.context.cookies(), f"{spec.name} set a cookie"
        return

    info = page.evaluate(STRUCTURE_JS)
    assert_structure(info, spec)
    if spec.errors:
        assert info["title"].startswith("Error: "), f"title {info['title']!r}"
    else:
        assert not info["title"].startswith("Error"), f"title {info['title']!r}"

    violations = axe_violations(page)
    assert violations == [], f"{spec.name} at 390 px: {violations}"
    page.screenshot(
        path=str(screenshot_dir / f"sweep-{spec.name}-390.png"), full_page=True
    )
    overflow = page.evaluate("document.scrollingElement.scrollWidth - innerWidth")
    assert overflow <= 1, f"{spec.name} scrolls sideways at 390 px by {overflow}px"

    page.set_viewport_size(DESKTOP)
    violations = axe_violations(page)
    assert violations == [], f"{spec.name} at 1280 px: {violations}"
    page.screenshot(
        path=str(screenshot_dir / f"sweep-{spec.name}-1280.png"), full_page=True
    )

    # /privacy/ promises two cookies at most, whatever the page's scripts do.
    cookies = {cookie["name"] for cookie in page.context.cookies()}
    allowed = {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    assert cookies <= allowed, f"{spec.name} set cookies {cookies - allowed}"

    if not spec.embed and info["active"] == "BODY":
        # Nothing took focus on load (an error summary does): Tab starts at the top.
        assert_skip_link_works(page)


# --- text at 200% -----------------------------------------------------------------

ZOOM_PAGES = [
    "home",
    "guides-index",
    "guide-instagram",
    "petition",
    "petition-sign-empty",
    "petition-confirmed",
    "letters-start",
    "letters-recipients-districts",
    "letters-write-errors",
    "letters-send",
    "states",
    "state-va",
    "privacy",
    "404",
]

# Elements whose right edge passes the viewport, outside any scrolling box
# (a wide data table may scroll inside its own box: WCAG 1.4.10 allows that).
CLIPPED_JS = """() => {
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if ((o === "auto" || o === "scroll") && p !== document.scrollingElement) return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(el).visibility === "hidden") continue;
    if (r.right > innerWidth + 1 && !scrolls(el)) {
      out.push(el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : ""));
    }
  }
  return out.slice(0, 10);
}"""


@pytest.mark.parametrize("name", ZOOM_PAGES)
def test_text_at_200_percent_fits_a_phone(site, name, screenshot_dir):
    agent, world = site
    spec = PAGES[PAGE_IDS.index(name)]
    agent.page.set_viewport_size(PHONE)
    spec.visit(agent, world)
    page = agent.page
    before = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    # Script-set CSSOM styles are not inline markup: the CSP allows them.
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    after = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert after >= 2 * before - 0.5, (before, after)
    overflow = page.evaluate("document.scrollingElement.scrollWidth - innerWidth")
    clipped = page.evaluate(CLIPPED_JS)
    page.screenshot(
        path=str(screenshot_dir / f"sweep-{name}-390-text200.png"), full_page=True
    )
    assert overflow <= 1, f"{name}: scrolls sideways by {overflow}px at 200%: {clipped}"
    assert clipped == [], f"{name}: cut off at the right edge at 200% text: {clipped}"


# --- reduced motion ------------------------------------------------------------------

MOTION_JS = """() => {
  const moving = [];
  for (const el of [document.documentElement, ...document.querySelectorAll("body, body *")]) {
    const s = getComputedStyle(el);
    const durations = (s.transitionDuration + "," + s.animationDuration).split(",");
    const moves = durations.some((d) => parseFloat(d) > 0) && (
      s.transitionProperty !== "none" || s.animationName !== "none");
    if (moves) moving.push(el.tagName.toLowerCase() + "." + String(el.className).split(" ")[0]);
  }
  return {
    moving: [...new Set(moving)].slice(0, 10),
    scroll: getComputedStyle(document.documentElement).scrollBehavior,
  };
}"""


@pytest.mark.parametrize("name", ["petition", "letters-write", "guide-instagram"])
def test_reduced_motion_is_respected(site, name):
    agent, world = site
    spec = PAGES[PAGE_IDS.index(name)]
    page = agent.page
    # Without the preference the site animates (Bootstrap's transitions and
    # smooth scrolling), so the check below measures something real.
    page.emulate_media(reduced_motion="no-preference")
    spec.visit(agent, world)
    normal = page.evaluate(MOTION_JS)
    assert normal["moving"] and normal["scroll"] == "smooth", normal

    page.emulate_media(reduced_motion="reduce")
    reduced = page.evaluate(MOTION_JS)
    assert reduced == {"moving": [], "scroll": "auto"}, reduced
