"""The letter flow in Spanish in real Chromium (issue 19): the words the
scripts write (ZIP lookup status, story counter, copy button) come from the
page in Spanish, and the letter itself stays English by default."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from .test_browser import check_page, virginia  # noqa: F401 - the fixture
from .test_zip_browser import zip_data  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_accessible(page):
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(
        page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}
    )
    assert violations.violations_count == 0, violations.generate_report()


def test_the_zip_lookup_speaks_spanish(page, live_server, zip_data):  # noqa: F811
    page.goto(f"{live_server.url}/es/letters/wa/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    zip_input = page.get_by_label("Código postal (ZIP)", exact=True)
    zip_input.press_sequentially("98501")
    results = page.locator("#zip-results")
    expect(results.get_by_text("Senator Sam Hunt")).to_be_visible()
    expect(
        results.get_by_text("Su código postal abarca varios distritos")
    ).to_be_visible()
    expect(
        results.get_by_text("alrededor del 93% del área del código postal")
    ).to_be_visible()
    status = page.locator("#zip-status")
    expect(status).to_contain_text("Legisladores del código postal 98501.")
    expect(status).to_contain_text("2 distritos posibles")
    assert "Legislators for" not in status.text_content()
    assert page.url == f"{live_server.url}/es/letters/wa/"
    assert_accessible(page)


def test_write_in_spanish_down_to_the_english_pdf(
    page,
    live_server,
    virginia,  # noqa: F811
    screenshot_dir,
):
    page.goto(live_server.url + "/es/letters/?state=VA")
    expect(page).to_have_title(re.compile(r"^Paso 1 de 4: Elija su estado"))
    page.get_by_role("button", name="Siguiente: elija a su legislador").click()

    expect(page).to_have_url(live_server.url + "/es/letters/va/")
    page.get_by_label("Distrito: Virginia Senate").select_option("12")
    page.get_by_label("Distrito: Virginia House").select_option("12")
    page.get_by_role(
        "button", name="Mostrar los legisladores de estos distritos"
    ).click()
    expect(page.get_by_label("Delegate Patrick O'Brien")).to_be_checked()
    page.get_by_role("button", name="Siguiente: escriba su carta").click()

    expect(
        page.get_by_role("heading", name="Paso 3 de 4: Escriba su carta")
    ).to_be_visible()
    expect(page.get_by_text("La oficina lee en inglés")).to_be_visible()
    page.get_by_label("Su nombre completo").fill("Zoë Quayle-Ñúñez")
    page.get_by_label("Dirección (calle y número)").fill("12 Elm Street")
    page.get_by_label("Ciudad o pueblo").fill("Richmond")
    page.get_by_label("Código postal (ZIP)").fill("2321")
    story = page.get_by_label("Su historia (opcional)")
    typed = "Mis fotos entrenaron una IA sin que nadie me preguntara. ¡Basta!"
    story.fill(typed)
    expect(page.locator("#story-counter")).to_have_text(
        f"Le quedan {1000 - len(typed)} de 1.000 caracteres"
    )
    check_page(page)
    page.screenshot(
        path=str(screenshot_dir / "letters-es-3-write-390.png"), full_page=True
    )
    assert_accessible(page)
    page.get_by_role("button", name="Vea su carta").click()
    expect(page).to_have_title(re.compile(r"^Error: Paso 3 de 4"))
    expect(page.get_by_role("alert")).to_contain_text("código postal")
    page.get_by_label("Código postal (ZIP)").fill("23219")
    page.get_by_role("button", name="Vea su carta").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vea su carta")
    expect(page.get_by_text("Dear Delegate O'Brien:")).to_be_visible()
    page.get_by_role("link", name="Siguiente: descargar y enviar").first.click()

    expect(
        page.get_by_role("heading", name="Paso 4 de 4: Descargue, copie o envíe")
    ).to_be_visible()
    copy = page.get_by_role("button", name="Copiar el texto").first
    expect(copy).to_be_visible()
    copy.click()
    status = page.locator(".copy-status").first
    expect(status).to_have_text(re.compile(r"^(Copiado\.|Seleccione el texto)"))
    check_page(page)
    page.screenshot(
        path=str(screenshot_dir / "letters-es-4-send-390.png"), full_page=True
    )
    with page.expect_download() as info:
        page.get_by_role("button", name="Escribir a mis dos legisladores").click()
    data = open(info.value.path(), "rb").read()
    assert data.startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Dear Delegate" in text  # the office reads English
    assert "Zoë Quayle-Ñúñez" in text
    assert "¡Basta!" in text  # the writer's own words, as written
