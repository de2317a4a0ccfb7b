"""The take-action journey (/act/) in real Chromium.

(a) the whole journey with the mouse, down to the confirmed signature and the
letter PDF; (b) axe-core on every step, the sign errors included; (c) the
same journey with the keyboard only, checking the focus is visible at every
stop; (d) screenshots of every step at phone and laptop sizes; and the
journey with JavaScript switched off.
"""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from guides import content as guides_content
from guides.models import Platform
from letters import content as letters_content
from letters.models import Legislator, LetterCount
from petitions import content as petitions_content
from petitions.models import Signature
from states.models import State
from tests.letters.letter_helpers import pdf_text, pdftotext

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}
ZIP_FIXTURES = Path(__file__).parents[1] / "letters" / "fixtures" / "zip"
SIZES = [(390, 844), (1280, 800)]

# What the focused element looks like: an outline or a box shadow, and where it is.
FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), id: el.id || "",
    name: (el.getAttribute("aria-label") || el.innerText || el.value || "").trim().slice(0, 80),
    href: el.getAttribute("href") || "",
    outline: cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0,
    shadow: cs.boxShadow !== "none",
    inView: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 &&
            r.top < window.innerHeight && r.left < window.innerWidth,
  };
}"""


@pytest.fixture
def journey_site(live_server, settings, mailoutbox):
    """Guides, the petition, Washington's ZIP table and three of its legislators."""
    settings.SITE_URL = live_server.url
    guides_content.load()
    petitions_content.load()
    letters_content.load(stdout=io.StringIO())
    call_command("import_zip_districts", str(ZIP_FIXTURES), stdout=io.StringIO())
    wa = State.objects.get(abbr="WA")
    for i, (chamber, district, name) in enumerate(
        [
            ("upper", "22", "Sam Hunt"),
            ("upper", "35", "Drew MacEwen"),
            ("lower", "22", "Beth Doglio"),
        ]
    ):
        Legislator.objects.create(
            openstates_id=f"ocd-person/act-{i}",
            state=wa,
            chamber=chamber,
            district=district,
            name=name,
            given_name=name.split()[0],
            family_name=name.split()[-1],
            party="Democratic",
        )
    return live_server.url


def axe_clean(page):
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options=AXE_OPTIONS)
    assert result.violations_count == 0, f"{page.url}\n{result.generate_report()}"


def no_sideways_scroll(page):
    assert page.evaluate(
        "document.documentElement.scrollWidth <= window.innerWidth + 1"
    ), page.url


def confirm_link(mailoutbox, address):
    (message,) = [m for m in mailoutbox if m.to == [address]]
    return next(
        u for u in re.findall(r"https?://\S+", message.body) if "/confirm/" in u
    )


def field(page, label):
    """A form control by its label (required labels end with an asterisk)."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def check_letter_pdf(path, poppler, *names):
    data = Path(path).read_bytes()
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    layout = pdftotext(poppler, path)
    for name in names:
        assert name in text, (name, text[:500])
        assert name in layout
    return text


# --- (a) the journey with the mouse ----------------------------------------


def test_the_journey_down_to_the_confirmed_signature_and_the_letter(
    page, journey_site, mailoutbox, poppler
):
    base = journey_site
    page.set_default_timeout(10_000)
    page.goto(base + "/")
    page.get_by_role("link", name="Start here: take action step by step").click()
    expect(page).to_have_title(re.compile(r"^Step 1 of 4: Which of these do you use\?"))
    expect(page.locator("[aria-current=step]")).to_contain_text("Protect your accounts")

    # 1. Pick two platforms: the checklist shows their guides in words.
    page.get_by_label("Instagram").check()
    page.get_by_label("X (formerly Twitter)").check()
    page.get_by_role("button", name="Show my checklist").click()
    expect(page).to_have_url(re.compile(r"/act/checklist/\?platforms=instagram,x$"))
    expect(page).to_have_title(re.compile(r"^Step 1 of 4: Your checklist"))
    checklist = page.locator("[data-act-checklist]")
    expect(checklist.get_by_role("heading", level=2)).to_have_text(
        ["Instagram", "X (formerly Twitter)"]
    )
    instagram = Platform.objects.get(slug="instagram")
    card = checklist.locator("[data-slug=instagram]")
    expect(card).to_contain_text(instagram.get_status_display())
    steps = instagram.steps.count()
    assert steps >= 2

    # Tick a step on the guide; back on the checklist, the count shows it.
    card.get_by_role("link", name="Open the guide for Instagram").click()
    expect(page).to_have_url(base + "/guides/instagram/")
    page.get_by_label("Mark app step 1 done").check()
    expect(page.locator("[data-steps-progress]")).to_have_text(
        f"1 of {steps} steps done"
    )
    page.go_back()
    expect(card.locator("[data-card-partial]")).to_have_text(f"1 of {steps} steps done")

    # 2. Sign: a mistake first, then the real thing.
    page.get_by_role("link", name="Next: sign the petition").click()
    expect(page).to_have_title(re.compile(r"^Step 2 of 4: Sign the petition"))
    field(page, "First name").fill("Ada")
    field(page, "Last name").fill("Lovelace")
    field(page, "Email").fill("ada@example")
    field(page, "ZIP code").fill("98501")
    field(page, "State").select_option("WA")
    page.get_by_role("button", name="Sign the petition").click()
    expect(page).to_have_title(re.compile(r"^Error: Step 2 of 4: Sign the petition"))
    expect(page.get_by_role("alert")).to_be_focused()
    expect(field(page, "Email")).to_have_attribute("aria-invalid", "true")
    field(page, "Email").fill("ada@example.com")
    page.get_by_role("button", name="Sign the petition").click()

    # 3. Told to check the email; state and ZIP carried into the letter link.
    expect(page).to_have_title(re.compile(r"^Step 3 of 4: Write your legislator"))
    expect(page.get_by_role("status")).to_contain_text("Now check your email.")
    expect(page.get_by_role("heading", name="Your state: Washington")).to_be_visible()
    letter_link = page.get_by_role("link", name=re.compile("^Write your letter"))
    expect(letter_link).to_have_attribute("href", "/letters/wa/?zip=98501")
    share_url = page.get_by_role("link", name="Next: share").get_attribute("href")
    assert share_url == "/act/share/?platforms=instagram,x&state=WA&zip=98501"

    # The email the worker (eager here) sent: confirm in a second tab.
    signature = Signature.objects.get(email="ada@example.com")
    assert signature.confirmed_at is None and signature.state == "WA"
    mail_tab = page.context.new_page()
    mail_tab.goto(confirm_link(mailoutbox, "ada@example.com"))
    mail_tab.get_by_role("button", name="Confirm my signature").click()
    expect(mail_tab.get_by_role("heading", level=1)).to_have_text(
        "Thank you! Your signature is confirmed"
    )
    mail_tab.close()
    signature.refresh_from_db()
    assert signature.confirmed_at is not None

    # The letter: the ZIP found the districts; add the senator, write, download.
    letter_link.click()
    expect(page).to_have_url(base + "/letters/wa/?zip=98501")
    expect(page.get_by_label("Representative Beth Doglio")).to_be_checked()
    page.get_by_label("Senator Sam Hunt").check()
    page.get_by_role("button", name="Next: write your letter").first.click()
    expect(page).to_have_url(base + "/letters/wa/write/")
    page.get_by_label("Your full name").fill("Ada Lovelace")
    page.get_by_label("Street address").fill("1 Capitol Way")
    page.get_by_label("City or town").fill("Olympia")
    page.get_by_label("ZIP code").fill("98501")
    page.get_by_role("button", name="Preview your letter").click()
    page.get_by_role("link", name="Next: download and send").first.click()
    with page.expect_download() as info:
        page.get_by_role(
            "button", name=re.compile("^Write to both my legislators")
        ).click()
    check_letter_pdf(
        info.value.path(), poppler, "Beth Doglio", "Sam Hunt", "Ada Lovelace"
    )
    assert LetterCount.objects.filter(state__abbr="WA").exists()

    # 4. Share: plain links to /act/ with nothing about the visitor in them.
    page.goto(base + share_url)
    expect(page).to_have_title(re.compile(r"^Step 4 of 4: Share"))
    expect(page.get_by_label("Link to share")).to_have_value(base + "/act/")
    for name in (
        "Email a friend",
        "Share on X",
        "Share on Facebook",
        "Share on Bluesky",
    ):
        href = page.get_by_role("link", name=re.compile(f"^{name}")).get_attribute(
            "href"
        )
        assert "98501" not in href and "utm_" not in href and "instagram" not in href
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_text("Link copied.")).to_be_visible()
    cookies = {c["name"] for c in page.context.cookies()}
    # The letters flow keeps the letter in the session; /act/ itself adds nothing.
    assert cookies <= {"csrftoken", "sessionid"}


def test_skipping_every_step(page, journey_site):
    page.goto(journey_site + "/act/")
    for title in ("Step 2 of 4", "Step 3 of 4", "Step 4 of 4"):
        page.get_by_role("link", name=re.compile("^Skip this step")).click()
        expect(page).to_have_title(re.compile(f"^{title}"))
    page.get_by_role("link", name=re.compile("^Skip this step")).click()
    expect(page).to_have_url(journey_site + "/")
    assert {c["name"] for c in page.context.cookies()} <= {"csrftoken"}
    assert Signature.objects.count() == 0


def test_the_journey_without_javascript(browser, journey_site, mailoutbox):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(journey_site + "/act/")
    page.get_by_label("TikTok").check()
    page.get_by_role("button", name="Show my checklist").click()
    expect(page).to_have_url(re.compile(r"/act/checklist/\?platforms=tiktok$"))
    page.get_by_role("link", name="Next: sign the petition").click()
    field(page, "First name").fill("Grace")
    field(page, "Last name").fill("Hopper")
    field(page, "Email").fill("grace@example.com")
    field(page, "ZIP code").fill("98501")
    field(page, "State").select_option("WA")
    page.get_by_role("button", name="Sign the petition").click()
    expect(page.get_by_role("status")).to_contain_text("Now check your email.")
    assert len(mailoutbox) == 1
    page.get_by_role("link", name=re.compile("^Write your letter")).click()
    expect(page).to_have_url(journey_site + "/letters/wa/?zip=98501")
    expect(page.get_by_label("Representative Beth Doglio")).to_be_checked()
    context.close()


# --- (b) axe on every step and (d) screenshots --------------------------------


def test_every_step_has_no_axe_violations_and_is_photographed(
    page, journey_site, screenshot_dir
):
    base = journey_site
    page.set_default_timeout(10_000)
    shots = [
        ("act-1-choose", "/act/?platforms=instagram"),
        ("act-1-checklist", "/act/checklist/?platforms=instagram,x,chatgpt,linkedin"),
        ("act-2-sign", "/act/sign/?platforms=instagram,x"),
        ("act-3-write", "/act/write/?platforms=instagram&state=WA&zip=98501&signed=1"),
        ("act-3-write-no-state", "/act/write/"),
        ("act-4-share", "/act/share/?platforms=instagram&state=WA&zip=98501"),
    ]
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        for name, path in shots:
            page.goto(base + path)
            expect(page.locator("[aria-current=step]")).to_have_count(1)
            no_sideways_scroll(page)
            axe_clean(page)
            page.screenshot(
                path=str(screenshot_dir / f"{name}-{width}.png"), full_page=True
            )
        # The sign step with errors: listed at the top, tied to their fields.
        page.goto(base + "/act/sign/?platforms=instagram")
        field(page, "Email").fill("not-an-email")
        field(page, "ZIP code").fill("10001")
        field(page, "State").select_option("WA")
        page.get_by_role("button", name="Sign the petition").click()
        expect(page).to_have_title(re.compile(r"^Error: Step 2 of 4"))
        expect(page.get_by_role("alert")).to_contain_text("There are 4 problems")
        no_sideways_scroll(page)
        axe_clean(page)
        page.screenshot(
            path=str(screenshot_dir / f"act-2-sign-errors-{width}.png"), full_page=True
        )


def test_no_open_petition_step_is_clean_too(page, journey_site):
    from petitions.models import Petition

    Petition.objects.update(is_open=False)
    page.goto(journey_site + "/act/sign/")
    expect(
        page.get_by_text("There is no petition open for signatures right now.")
    ).to_be_visible()
    axe_clean(page)
    page.get_by_role("link", name=re.compile("^Skip this step")).click()
    expect(page).to_have_title(re.compile(r"^Step 3 of 4"))


# --- (c) the keyboard alone ----------------------------------------------------


class Keyboard:
    """Tab, Enter and Space only; typing only into the focused field. Every
    focus stop must be visible (an outline or a shadow) and on screen."""

    def __init__(self, page):
        self.page = page
        self.stops = 0

    def focused(self):
        return self.page.evaluate(FOCUS_JS)

    def tab_to(self, matches, *, limit=120):
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            self.stops += 1
            info = self.focused()
            # Bootstrap scrolls smoothly (unless reduced motion is asked for):
            # give the scroll that brings the focused element on screen a moment.
            for _ in range(20):
                if info is None or info["inView"]:
                    break
                self.page.wait_for_timeout(50)
                info = self.focused()
            assert info is not None, f"focus lost on {self.page.url}"
            assert info["outline"] or info["shadow"], f"invisible focus: {info}"
            assert info["inView"], f"focused element off screen: {info}"
            if matches(info):
                return info
        raise AssertionError(f"never reached the element on {self.page.url}")

    def to_id(self, ident):
        return self.tab_to(lambda info: info["id"] == ident)

    def to_name(self, pattern):
        return self.tab_to(lambda info: re.search(pattern, info["name"]) is not None)

    def type_into(self, ident, text):
        self.to_id(ident)
        self.page.keyboard.type(text)

    def press(self, key):
        assert key in ("Enter", "Space")
        self.page.keyboard.press(key)


def test_the_journey_with_the_keyboard_only(page, journey_site, mailoutbox, poppler):
    base = journey_site
    page.set_default_timeout(10_000)
    keys = Keyboard(page)
    page.goto(base + "/")
    keys.to_name(r"^Start here: take action")
    keys.press("Enter")
    expect(page).to_have_title(re.compile(r"^Step 1 of 4"))

    keys.to_id("pick-instagram")
    keys.press("Space")
    keys.to_id("pick-x")
    keys.press("Space")
    keys.to_name(r"^Show my checklist$")
    keys.press("Enter")
    expect(page).to_have_url(re.compile(r"/act/checklist/\?platforms=instagram,x$"))

    # Open a guide, tick its first step, come back with the browser's Back.
    keys.to_name(r"^Open the guide\s*for Instagram")
    keys.press("Enter")
    expect(page).to_have_url(base + "/guides/instagram/")
    first_step = page.locator("[data-step-checkbox]").first.get_attribute("id")
    keys.to_id(first_step)
    keys.press("Space")
    expect(page.locator(f"#{first_step}")).to_be_checked()
    page.go_back()
    expect(page.locator("[data-slug=instagram] [data-card-partial]")).to_contain_text(
        "1 of"
    )

    keys.to_name(r"^Next: sign the petition$")
    keys.press("Enter")
    expect(page).to_have_title(re.compile(r"^Step 2 of 4"))
    # The first name left out, to meet the errors.
    keys.type_into("id_last_name", "Lovelace")
    keys.type_into("id_email", "ada@example.com")
    keys.type_into("id_zip_code", "98501")
    keys.type_into("id_state", "Washington")  # type-ahead in a closed <select>
    expect(page.locator("#id_state")).to_have_value("WA")
    keys.to_name(r"^Sign the petition$")
    keys.press("Enter")
    expect(page).to_have_title(re.compile(r"^Error: Step 2 of 4"))
    # The summary has focus; its link takes the keyboard to the field.
    expect(page.get_by_role("alert")).to_be_focused()
    keys.to_name(r"^First name")
    keys.press("Enter")
    expect(page.locator("#id_first_name")).to_be_focused()
    page.keyboard.type("Ada")
    keys.to_name(r"^Sign the petition$")
    keys.press("Enter")

    expect(page).to_have_title(re.compile(r"^Step 3 of 4"))
    expect(page.get_by_role("status")).to_contain_text("Now check your email.")

    # Confirm from the email in another tab, with the keyboard there too.
    mail_tab = page.context.new_page()
    mail_tab.goto(confirm_link(mailoutbox, "ada@example.com"))
    Keyboard(mail_tab).to_name(r"^Confirm my signature$")
    mail_tab.keyboard.press("Enter")
    expect(mail_tab.get_by_role("heading", level=1)).to_contain_text("confirmed")
    mail_tab.close()
    assert Signature.objects.get().confirmed_at is not None

    keys.to_name(r"^Write your letter")
    keys.press("Enter")
    expect(page).to_have_url(base + "/letters/wa/?zip=98501")
    expect(page.get_by_label("Representative Beth Doglio")).to_be_checked()
    hunt = page.get_by_label("Senator Sam Hunt").first.get_attribute("id")
    keys.to_id(hunt)
    keys.press("Space")
    keys.to_name(r"^Next: write your letter$")
    keys.press("Enter")
    expect(page).to_have_url(base + "/letters/wa/write/")
    for label, text in (
        ("Your full name", "Ada Lovelace"),
        ("Street address", "1 Capitol Way"),
        ("City or town", "Olympia"),
        ("ZIP code", "98501"),
    ):
        keys.type_into(page.get_by_label(label).get_attribute("id"), text)
    keys.to_name(r"^Preview your letter$")
    keys.press("Enter")
    expect(page).to_have_url(base + "/letters/wa/preview/")
    keys.to_name(r"^Next: download and send$")
    keys.press("Enter")
    expect(page).to_have_url(base + "/letters/wa/send/")
    keys.to_name(r"^Write to both my legislators")
    with page.expect_download() as info:
        keys.press("Enter")
    check_letter_pdf(info.value.path(), poppler, "Beth Doglio", "Sam Hunt")

    # Back to the journey for step 4, from the letter page's own link.
    keys.to_name(r"^Next: share the campaign$")
    keys.press("Enter")
    expect(page).to_have_url(base + "/act/share/?state=WA")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    keys.to_name(r"^Copy link$")
    keys.press("Space")
    expect(page.get_by_text("Link copied.")).to_be_visible()
    keys.to_name(r"^Finish$")
    keys.press("Enter")
    expect(page).to_have_url(base + "/")
    assert keys.stops > 20
