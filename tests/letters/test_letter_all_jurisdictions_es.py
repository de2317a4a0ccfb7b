"""The letter in all 52 jurisdictions with its fixed text in Spanish (issue 19).

The same letters as test_letter_all_jurisdictions (a real legislator of each
jurisdiction, a 1,000-character story, three points), composed in each
language: the checks that hold in both run for "en" and "es"; the Spanish
wording is checked on the Spanish ones. The PDFs are read back with pdftotext.
"""

import re

import pytest

from letters.compose import Sender, default_templates, letter_compose, letter_kind
from letters.compose import recipient_for as _recipient_for
from letters.models import Legislator
from letters.pdf import letter_pdf
from tests.letters.letter_helpers import pdf_pages, pdftotext
from tests.letters.test_letter_all_jurisdictions import (
    POINTS,
    STORY,
    TODAY,
    _jurisdictions,
    _pick,
    _word_boxes,
)
from tests.letters.test_letter_es import english_left

pytestmark = [pytest.mark.slow]

SALUTATION_TITLES = {
    "Senator": "Senador(a)",
    "Representative": "Representante",
    "Delegate": "Delegado(a)",
    "Assemblymember": "Asambleísta",
    "Assembly Member": "Asambleísta",
    "Councilmember": "Concejal(a)",
    "Chairman": "Presidente(a) del Concejo",
}


@pytest.fixture(scope="module", params=["en", "es"])
def language(request):
    return request.param


@pytest.fixture(scope="module")
def rendered(shared_data, tmp_path_factory, language):
    """{abbr: (row, letter, recipient, pdf path, text)} in `language`."""
    from tests.conftest import poppler

    tools = poppler.__wrapped__()
    folder = tmp_path_factory.mktemp(f"letters-{language}")
    result = {}
    pairs, states_with_law = _jurisdictions()
    templates = default_templates(language)
    for state, law in pairs:
        row = _pick(shared_data, state.abbr)
        legislator = Legislator(
            openstates_id=row["id"],
            chamber=row["current_chamber"],
            district=row["current_district"],
            name=row["name"],
            family_name=row["family_name"],
            email=row["email"],
            capitol_address=row["capitol_address"],
            capitol_voice=row["capitol_voice"],
        )
        recipient = _recipient_for(
            state=state,
            chamber=legislator.chamber,
            district=legislator.district,
            legislator=legislator,
        )
        letter = letter_compose(
            state=state,
            law=law,
            template=templates[letter_kind(law)],
            states_with_law=states_with_law,
            sender=Sender(
                name="Jordan Rivera",
                street="1234 Long Orchard Road, Apartment 56",
                city="Springfield",
                zip_code="12345",
                state_abbr=state.abbr,
                email="jordan.rivera@example.org",
                phone="555-0100",
            ),
            recipient=recipient,
            story=STORY,
            points=POINTS,
            today=TODAY,
            language=language,
        )
        path = folder / f"{state.abbr}.pdf"
        path.write_bytes(letter_pdf(letter))
        text = " ".join(pdftotext(tools, path).split())
        result[state.abbr] = (row, letter, recipient, path, text, tools)
    return result


def test_every_letter_is_one_page_with_the_story_and_points(rendered, language):
    assert len(rendered) == 52
    pages = {a: pdf_pages(r[5], r[3]) for a, r in rendered.items()}
    assert {abbr for abbr, n in pages.items() if n != 1} == set()
    points = "Consentimiento primero" if language == "es" else "Consent first"
    for abbr, (_, letter, _, _, text, _) in rendered.items():
        assert letter.language == language
        assert "I run a small photography studio" in text, abbr  # as written
        assert points in text, abbr
        assert text.rstrip().endswith("Jordan Rivera"), abbr


def test_address_block_sits_in_the_window(rendered):
    for abbr, (_, _, recipient, path, _, tools) in rendered.items():
        boxes = _word_boxes(tools, path)
        top = next(b for b in boxes if b[0] == "Honorable")
        assert 2.1 * 72 <= top[2] <= 2.2 * 72, (abbr, top)
        last = recipient.address_lines[-1].split()[-1]
        bottom = max(b[4] for b in boxes if b[0] == last and b[2] < 3.3 * 72)
        assert bottom <= 3.15 * 72, (abbr, bottom)


def test_spanish_fixed_text_in_every_jurisdiction(rendered, language):
    if language != "es":
        pytest.skip("the Spanish wording")
    for abbr, (row, letter, recipient, _, text, _) in rendered.items():
        title = SALUTATION_TITLES[recipient.title]
        family = row["family_name"].strip()
        assert letter.salutation == f"Honorable {title} {family}:", abbr
        assert "1 de diciembre de 2026" in text, abbr
        assert "Atentamente," in text and "Asunto:" in text, abbr
        assert "Esto ya está ocurriendo." in text, abbr
        # The fixed text: without the writer's story and the law's official name.
        fixed = text.replace(" ".join(STORY.split()), "")
        assert fixed != text, abbr
        law = law_name_in(text)
        if law:
            fixed = fixed.replace(law, "")
        assert english_left(fixed, letter) == [], (abbr, english_left(fixed, letter))


def law_name_in(text):
    match = re.search(r"refuerce la ([^,]+),|deja la (.+?) sobre", text)
    return (match.group(1) or match.group(2)) if match else None


def test_spanish_facts_by_standing(rendered, language):
    if language != "es":
        pytest.skip("the Spanish wording")
    texts = {abbr: r[4] for abbr, r in rendered.items()}
    for abbr in ("CA", "MD"):
        assert "le pido que cierre el vacío que deja la" in texts[abbr], abbr
        assert "o, como mínimo, una forma sencilla de excluirse" in texts[abbr]
    for abbr in ("TX", "VA", "FL", "CT"):
        assert "le pido que refuerce la" in texts[abbr], abbr
        assert "la minimización de datos" in texts[abbr]
        assert "una aplicación real de la ley" in texts[abbr]
    for abbr in ("WA", "GA", "NY"):
        assert "apoye una ley de privacidad del consumidor sólida para" in texts[abbr]
        assert "no tiene una ley integral de privacidad del consumidor" in texts[abbr]
    assert "Nueva York no tiene una ley integral" in texts["NY"]
    assert "Oregon, estado vecino, ya tiene una" in texts["WA"]
    assert "My Health My Data Act" in texts["WA"]
    assert "Florida Digital Bill of Rights" in texts["FL"]
    assert "Pero solo cubre a empresas muy grandes" in texts["FL"]
    assert "SB 1295 (Public Act 25-113)" in texts["CT"]
    assert "HB 2008" in texts["OR"]
    assert "el fiscal general y los fiscales de distrito" in texts["CO"]
    for abbr, name, when in (
        ("OK", "Oklahoma", "2027"),
        ("AL", "Alabama", "2027"),
        ("LA", "Luisiana", "2027"),
        ("VT", "Vermont", "1 de enero de 2028"),
    ):
        assert re.search(
            rf"{name} ha aprobado una ley, la [^.]+, que entrará en vigor el [^.]*{when}",
            texts[abbr],
        ), abbr
        assert "no obligará a una empresa" in texts[abbr], abbr
    pr = texts["PR"]
    assert "apoye protecciones de privacidad sólidas para Puerto Rico" in pr
    for claim in ("no tiene una ley", "vigente desde", "Ninguna ley estatal"):
        assert claim not in pr
    assert "Presidente(a) del Concejo" in texts["DC"]
    assert "Representante, Distrito 12 del condado de Hillsborough" in texts["NH"]
    assert "Representante, Distrito 1st Barnstable" in texts["MA"]
    assert "Senador(a), At-Large" in texts["PR"]
