"""The take-action journey end to end on the production shape (issue 5).

Real Chromium against gunicorn (production settings, PostgreSQL, Redis cache)
with a real Celery worker on the Redis broker: choose platforms, tick a step
on a guide, sign, confirm through the link in the email the worker wrote to
the outbox, write the letter and check the downloaded PDF names the state's
legislators, then share. Legislators come from the Open States fixture CSV
through the real import_legislators command.
"""

import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.letters.letter_helpers import pdftotext

from . import harness

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.slow,
    pytest.mark.browser,
]

VA_CSV = (
    Path(__file__).parents[1]
    / "letters"
    / "fixtures"
    / "openstates"
    / "first"
    / "va.csv"
)
CONFIRM_RE = re.compile(r"https?://\S+/confirm/[^/\s\"<>]+/")


def confirm_path(message):
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            match = CONFIRM_RE.search(part.get_payload(decode=True).decode())
            if match:
                # The email names SITE_URL; this server listens on another port.
                return urlsplit(match.group(0)).path
    raise AssertionError(f"no confirm link in the email to {message['To']}")


def test_journey_on_gunicorn_with_a_celery_worker(stack, page, poppler):
    stack.manage("import_legislators", str(VA_CSV))
    web = stack.start_web(workers=2)
    worker = stack.start_worker()
    base = web.url
    page.set_default_timeout(15_000)

    page.goto(base + "/")
    page.get_by_role("link", name="Start here: take action step by step").click()
    expect(page).to_have_title(re.compile(r"^Step 1 of 4: Which of these do you use\?"))

    # 1. Platforms, their checklist, and a step ticked on a guide.
    page.get_by_label("Instagram").check()
    page.get_by_label("LinkedIn").check()
    page.get_by_role("button", name="Show my checklist").click()
    expect(page).to_have_url(
        re.compile(r"/act/checklist/\?platforms=instagram,linkedin$")
    )
    checklist = page.locator("[data-act-checklist]")
    expect(checklist.get_by_role("heading", level=2)).to_have_text(
        ["Instagram", "LinkedIn"]
    )
    checklist.get_by_role("link", name="Open the guide for LinkedIn").click()
    expect(page).to_have_url(base + "/guides/linkedin/")
    page.get_by_label("Mark app step 1 done").check()
    expect(page.locator("[data-steps-progress]")).to_contain_text("1 of ")
    page.go_back()
    expect(
        checklist.locator("[data-slug=linkedin] [data-card-partial]")
    ).to_contain_text("1 of ")

    # 2. Sign (through the petition app's form and services, on PostgreSQL).
    page.get_by_role("link", name="Next: sign the petition").click()
    expect(page).to_have_title(re.compile(r"^Step 2 of 4: Sign the petition"))
    for label, value in (
        ("First name", "Ada"),
        ("Last name", "Lovelace"),
        ("Email", "ada@example.test"),
        ("ZIP code", "23219"),
    ):
        page.get_by_label(re.compile(rf"^\s*{label}\s*\*?\s*$")).fill(value)
    page.get_by_label(re.compile(r"^\s*State\s*\*?\s*$")).select_option("VA")
    page.get_by_role("button", name="Sign the petition").click()
    expect(page).to_have_title(re.compile(r"^Step 3 of 4: Write your legislator"))
    expect(page.get_by_role("status")).to_contain_text("Now check your email.")
    rows = stack.sql(
        "SELECT state, zip_code, confirmed_at FROM petitions_signature "
        "WHERE email = 'ada@example.test'"
    )
    assert rows == [("VA", "23219", None)]

    # The worker sends the confirmation email; confirm in a second tab.
    harness.wait_for(lambda: len(stack.emails()) == 1, timeout=60, message="the email")
    (message,) = stack.emails()
    assert message["To"] == "ada@example.test"
    harness.wait_for(
        lambda: re.search(
            r"signature_confirmation_send\[[^\]]+\] succeeded", worker.log()
        ),
        timeout=30,
        message="the worker's log line for the email task",
    )
    mail_tab = page.context.new_page()
    mail_tab.goto(base + confirm_path(message))
    mail_tab.get_by_role("button", name="Confirm my signature").click()
    expect(mail_tab.get_by_role("heading", level=1)).to_have_text(
        "Thank you! Your signature is confirmed"
    )
    mail_tab.close()
    rows = stack.sql(
        "SELECT confirmed_at IS NOT NULL FROM petitions_signature "
        "WHERE email = 'ada@example.test'"
    )
    assert rows == [(True,)]

    # 3. The letter, with Virginia carried over from the signature.
    share_url = page.get_by_role("link", name="Next: share").get_attribute("href")
    page.get_by_role("link", name=re.compile("^Write your letter")).click()
    expect(page).to_have_url(base + "/letters/va/?zip=23219")
    page.get_by_label("Virginia Senate district").select_option("12")
    page.get_by_label("Virginia House district").select_option("12")
    page.get_by_role("button", name="Show these districts’ legislators").click()
    expect(page.get_by_label("Delegate Patrick O'Brien")).to_be_checked()
    expect(page.get_by_label("Senator Löki Tobin")).to_be_checked()
    page.get_by_role("button", name="Next: write your letter").click()
    page.get_by_label("Your full name").fill("Ada Lovelace")
    page.get_by_label("Street address").fill("12 Elm Street")
    page.get_by_label("City or town").fill("Richmond")
    page.get_by_label("ZIP code").fill("23219")
    page.get_by_role("button", name="Preview your letter").click()
    page.get_by_role("link", name="Next: download and send").first.click()
    with page.expect_download() as info:
        page.get_by_role(
            "button", name=re.compile("^Write to both my legislators")
        ).click()
    path = info.value.path()
    data = Path(path).read_bytes()
    assert data.startswith(b"%PDF")
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    assert "Löki Tobin" in text and "Patrick O" in text and "Ada Lovelace" in text
    layout = pdftotext(poppler, path)
    assert "Löki Tobin" in layout and "Virginia" in layout

    # 4. Share: plain links, nothing about the visitor in them.
    page.goto(base + share_url)
    expect(page).to_have_title(re.compile(r"^Step 4 of 4: Share"))
    expect(page.get_by_label("Link to share")).to_have_value(
        "http://127.0.0.1:8000/act/"
    )

    # Nothing but the CSRF cookie (and the letter flow's session) in the browser.
    assert {c["name"] for c in page.context.cookies()} <= {"csrftoken", "sessionid"}
    assert "Traceback" not in web.log()
