"""Issue 19: the journey in Spanish in real Chromium, at phone size: a guide
at /es/guides/instagram/, sign the petition at /es/petitions/..., confirm from
the development outbox, write a letter at /es/letters/, download the PDF.

Parts of these pages are being translated in other branches while this test
is written, so it asserts only what is language-neutral or this branch's own:
every page is lang="es" and stays under /es/, the confirmation email arrives
in the outbox with a link back under /es/, the signature is confirmed, the
PDF downloads and carries the writer's story and the legislator's name.
Controls are found by their form names, not their (changing) labels.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from petitions import outbox
from petitions.models import Signature
from tests.letters.letter_helpers import pdf_text, pdftotext

from .public_pages import seed_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STORY = "Mis fotos de 2009 ahora están en un modelo de IA, y nadie me preguntó."


@pytest.fixture
def spanish_site(settings, tmp_path, live_server):
    """DEBUG on, mail to the file outbox (as `make run`), the seeded site."""
    settings.DEBUG = True
    settings.EMAIL_HOST = ""
    settings.EMAIL_BACKEND = "core.mail.PrivateFileEmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    settings.EMAIL_OUTBOX_DIR = tmp_path
    settings.SITE_URL = live_server.url
    seed_site()
    return live_server.url


def in_spanish(page, base):
    """The page is Spanish and its path stays under /es/."""
    assert page.url.startswith(base + "/es/"), page.url
    expect(page.locator("html")).to_have_attribute("lang", "es")


def submit(page, form):
    form.locator("button[type=submit]").last.click()


def test_the_journey_in_spanish(page, spanish_site, poppler, screenshot_dir):
    base = spanish_site
    page.set_default_timeout(10_000)

    # A guide, in Spanish; its petition link stays in Spanish.
    page.goto(base + "/es/guides/instagram/")
    in_spanish(page, base)
    page.screenshot(path=str(screenshot_dir / "es-journey-1-guide.png"), full_page=True)

    # Sign the petition.
    page.goto(base + "/es/petitions/state-privacy-law/")
    in_spanish(page, base)
    form = page.locator("form.petition-sign__form")
    form.locator("[name=first_name]").fill("Ana")
    form.locator("[name=last_name]").fill("Quiñones")
    form.locator("[name=email]").fill("ana.journey@example.org")
    form.locator("[name=zip_code]").fill("23219")
    form.locator("[name=state]").select_option("VA")
    submit(page, form)
    expect(page).to_have_url(re.compile(r"/es/petitions/state-privacy-law/"))
    in_spanish(page, base)
    signature = Signature.objects.get(email="ana.journey@example.org")
    assert signature.confirmed_at is None

    # The confirmation email is in the outbox; its link leads back under /es/.
    [message] = [m for m in outbox.outbox_messages() if "ana.journey" in m["to"]]
    # The email is in Spanish: the signer used the Spanish page.
    assert message["subject"].startswith("Confirme su firma"), message["subject"]
    page.goto(base + "/dev/outbox/")
    page.locator(f"a[href='/dev/outbox/{message['key']}/']").click()
    expect(page.locator("main")).to_contain_text("Confirme su firma")
    confirm = page.locator("a[href*='/confirm/']").first
    href = confirm.get_attribute("href")
    assert urlsplit(href).path.startswith("/es/"), href
    confirm.click()
    in_spanish(page, base)
    page.screenshot(
        path=str(screenshot_dir / "es-journey-2-confirm.png"), full_page=True
    )
    submit(page, page.locator("main form[method=post]").first)
    in_spanish(page, base)
    signature.refresh_from_db()
    assert signature.confirmed_at is not None

    # Write a letter: state, legislators from the ZIP, the letter, the PDF.
    page.goto(base + "/es/letters/?state=VA")
    in_spanish(page, base)
    submit(page, page.locator("main form").first)
    expect(page).to_have_url(re.compile(r"/es/letters/va/"))
    page.goto(base + "/es/letters/va/?zip=23219")
    in_spanish(page, base)
    choose = page.locator("main form[method=post]").first
    boxes = choose.locator("input[type=checkbox]")
    if boxes.count():
        boxes.first.check()
    submit(page, choose)
    expect(page).to_have_url(re.compile(r"/es/letters/va/write/"))
    in_spanish(page, base)
    form = page.locator("form.letter-form")
    form.locator("[name=name]").fill("Ana Quiñones")
    form.locator("[name=street]").fill("12 Elm Street")
    form.locator("[name=city]").fill("Richmond")
    form.locator("[name=zip_code]").fill("23219")
    form.locator("[name=story]").fill(STORY)
    submit(page, form)
    in_spanish(page, base)
    page.locator("a[href='/es/letters/va/send/']").first.click()
    in_spanish(page, base)
    page.screenshot(path=str(screenshot_dir / "es-journey-3-send.png"), full_page=True)
    with page.expect_download() as info:
        page.locator("[data-download-button]").first.click()
    path = Path(info.value.path())
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    layout = pdftotext(poppler, path)
    text = pdf_text(data)
    for words in ("Ana Quiñones", "nadie me preguntó", "Richmond"):
        assert words in " ".join(layout.split()), words
        assert words in " ".join(text.split()), words
