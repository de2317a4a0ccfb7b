"""The letter's fixed text in Spanish (issue 19): composition, PDF and the flow.

A writer may choose to send the letter's fixed text in Spanish; the English
letter stays the default and unchanged. Letters are composed from the real
state facts (letters.content.load: states/data), rendered to PDF and read back
with pdftotext, pdffonts and pypdf, as the office would read them.
"""

import datetime
import io
import re
from urllib.parse import unquote

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from letters import content
from letters.compose import Sender, letter_compose, letter_text, recipient_for
from letters.models import Legislator, LetterCount
from letters.pdf import letter_pdf
from letters.selectors import letter_facts_get
from states.models import State
from tests.letters.letter_helpers import pdf_fonts, pdf_pages, pdftotext, qpdf_check

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)
STORY = (
    "Soy fotógrafa y comparto mi trabajo en línea desde hace diez años. ¿Quién me "
    "preguntó si mis fotos podían entrenar una IA? Nadie. ¡Ya basta! Mi hija, mi "
    "pingüino de peluche y yo merecemos que se nos pida permiso. "
) * 4
# Fragments of every English fixed sentence a letter can carry: none may be left
# in a Spanish letter.
ENGLISH = [
    "Dear ",
    "Sincerely",
    "The Honorable",
    "Re:",
    "I live in",
    "I ask you to",
    "so that companies cannot",
    "This is already happening",
    "Please sponsor",
    "Please support",
    "Please let me know",
    "Thank you",
    "in effect since",
    "lets us opt out",
    "has passed a law",
    "takes effect on",
    "Only the attorney general",
    "people cannot sue",
    "enforce it",
    "Like every state privacy law",
    "No state law requires",
    "has no comprehensive consumer privacy law",
    "already has one",
    "already have one",
    "gave it",
    "best grades",
    "These protections matter most",
    "Consent first",
    "Data minimization:",
    "A right to sue",
    "A right to delete",
    "District ",
    "Senator",
    "Delegate",
    "Councilmember",
    "December",
    "Page ",
    " and ",
    " the ",
]


@pytest.fixture
def states():
    content.load()
    return {s.abbr: s for s in State.objects.all()}


def compose(state, *, language="es", chamber="upper", district="1", name="", **kw):
    """A letter to a typed-name member of `state`, with a story and three points."""
    recipient = recipient_for(
        state=state, chamber=chamber, district=district, typed_name=name
    )
    return letter_compose(
        **{
            **letter_facts_get(state=state, language=language),
            "state": state,
            "sender": Sender(
                name="Zoë Ñúñez",
                street="12 Calle Elm",
                city="Springfield",
                zip_code="23219",
                state_abbr=state.abbr,
                email="zoe@example.org",
            ),
            "recipient": recipient,
            "story": kw.pop("story", STORY),
            "points": kw.pop("points", ["consent", "minimization", "delete"]),
            "today": TODAY,
            **kw,
        }
    )


def rendered(tmp_path, poppler, letter, name="letter.pdf"):
    path = tmp_path / name
    path.write_bytes(letter_pdf(letter))
    return path, " ".join(pdftotext(poppler, path).split())


def english_left(text, letter=None):
    """The English fragments in `text`, once the official names an office's
    address is written with (the chamber's name, the postal lines) are taken out."""
    if letter is not None:
        for line in [letter.recipient.chamber_name, *letter.recipient.address_lines]:
            text = text.replace(" ".join(line.split()), "")
    return [
        fragment
        for fragment in ENGLISH
        if re.search(rf"(?<![\w]){re.escape(fragment)}(?![\w])", text)
    ]


# (abbr, chamber, district, typed name, salutation, law name or None, sentence)
CASES = [
    # A strong law: California.
    (
        "CA",
        "upper",
        "1",
        "María José García",
        "Honorable Senador(a) García:",
        "California Consumer Privacy Act",
        "le pido que cierre el vacío que deja la California Consumer Privacy Act",
    ),
    # A weak law: Virginia (a Delegate).
    (
        "VA",
        "lower",
        "12",
        "Jane O'Brien",
        "Honorable Delegado(a) O'Brien:",
        "Virginia Consumer Data Protection Act",
        "Solo el fiscal general puede hacerla cumplir; la gente no puede demandar.",
    ),
    # No law: Washington.
    (
        "WA",
        "upper",
        "12",
        "Brad Hawkins",
        "Honorable Senador(a) Hawkins:",
        None,
        "Washington no tiene una ley integral de privacidad del consumidor. Oregon, "
        "estado vecino, ya tiene una",
    ),
    # DC: the Council, no law.
    (
        "DC",
        "legislature",
        "Ward 1",
        "Brianne K. Nadeau",
        "Honorable Concejal(a) Nadeau:",
        None,
        "El Distrito de Columbia no tiene una ley integral de privacidad del consumidor.",
    ),
]


@pytest.mark.parametrize(
    "abbr,chamber,district,name,salutation,law_name,sentence",
    CASES,
    ids=[case[0] for case in CASES],
)
def test_spanish_letter_pdf(
    states,
    tmp_path,
    poppler,
    abbr,
    chamber,
    district,
    name,
    salutation,
    law_name,
    sentence,
):
    letter = compose(states[abbr], chamber=chamber, district=district, name=name)
    path, text = rendered(tmp_path, poppler, letter)
    assert letter.language == "es"
    assert "1 de diciembre de 2026" in text
    assert salutation in text
    assert "Atentamente," in text
    assert f"Honorable {name}" in text  # the address block
    assert "Asunto:" in text
    assert sentence in text
    if law_name:
        assert law_name in text  # the law's official English name
    assert "Lo que más me importa:" in text
    # The writer's story as written, every accent and sign kept.
    assert "¿Quién me preguntó" in text and "¡Ya basta!" in text
    assert "pingüino" in text and "Ñúñez" in text
    # No English fixed sentence left (the story and law names are not fixed text).
    fixed = text.replace(law_name or "\0", "")
    assert english_left(fixed, letter) == []
    assert pdf_pages(poppler, path) == 1
    assert len(PdfReader(io.BytesIO(path.read_bytes())).pages) == 1
    assert all(font["emb"] == "yes" for font in pdf_fonts(poppler, path))
    assert qpdf_check(poppler, path).returncode == 0


def test_fonts_cover_spanish_letters_and_signs(states, tmp_path, poppler):
    """Every Spanish letter and sign comes back out of the PDF as itself
    (a missing glyph would come back as nothing or as another character)."""
    signs = (
        "árbol éxito íntimo óvalo último niño pingüino ¿Qué? ¡Sí! "
        "ÁNGEL ÉXITO ÍNDICE ÓRGANO ÚNICO ÑANDÚ PINGÜINO"
    )
    letter = compose(states["VA"], story=signs, points=[])
    path, text = rendered(tmp_path, poppler, letter)
    assert signs in text
    fonts = pdf_fonts(poppler, path)
    assert fonts and all(f["emb"] == "yes" and f["uni"] == "yes" for f in fonts)


def test_spanish_law_facts_carry_over(states):
    """The same facts as the English letter: dates, grade, enforcers, the note."""
    ca = compose(states["CA"])
    body = " ".join(ca.paragraphs)
    assert "vigente desde el 1 de enero de 2020" in body
    assert "B+" in body and "EPIC y U.S. PIRG" in body
    assert "La California Privacy Protection Agency (CPPA) y el fiscal general" in body
    # The Spanish letter_note (states/data/es/ca.yaml), not the English one.
    assert "AB 2013 obliga a quienes desarrollan IA" in body
    assert "a summary is not consent" not in body
    fl = " ".join(compose(states["FL"]).paragraphs)
    assert "Pero solo cubre a empresas muy grandes" in fl
    assert "Florida Digital Bill of Rights" in fl
    english = compose(states["CA"], language="en")
    assert "in effect since January 1, 2020" in " ".join(english.paragraphs)


def test_a_law_not_yet_in_effect_is_in_the_future_tense(states):
    ok = " ".join(compose(states["OK"]).paragraphs)
    assert re.search(
        r"Oklahoma ha aprobado una ley, la [^,]+, que entrará en vigor el 1 de enero "
        r"de 2027",
        ok,
    ), ok
    assert "no obligará a una empresa a pedir permiso" in ok


def test_puerto_rico_makes_no_claim_in_spanish_either(states):
    pr = " ".join(compose(states["PR"], district="At-Large").paragraphs)
    assert "apoye protecciones de privacidad sólidas para Puerto Rico" in pr
    for claim in ("no tiene una ley", "vigente desde", "Ninguna ley estatal"):
        assert claim not in pr


def test_every_point_and_ask_is_in_spanish(states):
    letter = compose(
        states["TX"], points=["consent", "minimization", "private_right", "delete"]
    )
    text = letter_text(letter)
    for expected in (
        "Consentimiento primero:",
        "Minimización de datos:",
        "Derecho a demandar:",
        "Un derecho a borrar que alcance a la IA: borrar nuestros datos en virtud de "
        "la TDPSA",
        "Le solicito que presente o apoye enmiendas a la TDPSA que incluyan",
        "una aplicación real de la ley, el derecho a demandar y un derecho a borrar",
    ):
        assert expected in text, expected
    assert english_left(text.replace("Texas Data Privacy and Security Act", "")) == []


def test_titles_in_spanish(states):
    ny = compose(states["NY"], chamber="lower", name="Ana Pérez")
    assert ny.salutation == "Honorable Asambleísta Pérez:"
    assert "Asambleísta, Distrito 1" in letter_text(ny)
    md = compose(states["MD"], chamber="lower", district="1A", name="")
    assert md.salutation == "Honorable Delegado(a):"
    nh = compose(states["NH"], chamber="lower", district="Hillsborough 12", name="")
    assert "Representante, Distrito 12 del condado de Hillsborough" in letter_text(nh)


def test_english_is_the_default_and_unchanged(states):
    va = states["VA"]
    default = compose(
        va, language="en", name="Jane O'Brien", chamber="lower", district="12"
    )
    recipient = recipient_for(
        state=va, chamber="lower", district="12", typed_name="Jane O'Brien"
    )
    implicit = letter_compose(
        state=va,
        **{k: v for k, v in letter_facts_get(state=va).items() if k != "language"},
        sender=default.sender,
        recipient=recipient,
        story=STORY,
        points=["consent", "minimization", "delete"],
        today=TODAY,
    )
    assert implicit == default and default.language == "en"
    text = letter_text(default)
    assert "Dear Delegate O'Brien:" in text and "Sincerely," in text
    assert "December 1, 2026" in text and "Re: " in text
    assert "Atentamente" not in text and "Honorable Delegado" not in text


def test_campaign_letter_stays_in_its_organizers_language(states):
    from campaigns.models import Campaign
    from letters.models import LetterCampaign

    campaign = Campaign.objects.create(slug="bill", title="Bill")
    LetterCampaign.objects.create(
        campaign=campaign,
        subject="Support the AI consent bill",
        opening="I live in {sender_city}. Please support the bill.",
        asks="It should give us {asks}.",
        closing="Thank you.",
    )
    facts = letter_facts_get(state=states["VA"], campaign=campaign, language="es")
    assert facts["language"] == "en"


def test_unknown_language_is_refused(states):
    with pytest.raises(ValueError):
        compose(states["VA"], language="fr")


def test_a_long_story_still_fits_one_page_in_spanish(states, tmp_path, poppler):
    story = ("Esta es mi historia, escrita con cuidado y con todo detalle. " * 17)[
        :1000
    ]
    letter = compose(
        states["CA"], story=story, points=["consent", "minimization", "private_right"]
    )
    path, _ = rendered(tmp_path, poppler, letter)
    assert pdf_pages(poppler, path) == 1


def test_pdf_furniture_in_spanish(states, tmp_path, poppler):
    """A letter too long for one page: "Página 1 de 2" and a Spanish running header."""
    letter = compose(
        states["VA"], story="\n\n".join(["Una historia muy larga. " * 30] * 12)
    )
    path, text = rendered(tmp_path, poppler, letter)
    assert pdf_pages(poppler, path) >= 2
    assert "Página 1 de" in text and "Page 1 of" not in text
    assert "Para Senador(a), Distrito 1 · De Zoë Ñúñez · 1 de diciembre de 2026" in text
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    assert reader.metadata.title == "Carta a Senador(a), Distrito 1"


# --------------------------------------------------------------------------
# The flow: the choice on the write step, through preview, step 4 and the PDF
# --------------------------------------------------------------------------

WRITER = {
    "name": "Zoë Quayle-Ñúñez",
    "street": "12 Elm Street",
    "city": "Richmond",
    "zip_code": "23219",
    "email": "zoe@example.org",
    "story": "Mis fotos de 2009 están en un modelo. ¿Por qué?",
    "points": ["consent", "delete"],
}


@pytest.fixture
def obrien(states):
    return Legislator.objects.create(
        openstates_id="ocd-person/va-obrien",
        state=states["VA"],
        chamber="lower",
        district="12",
        name="Patrick O'Brien",
        family_name="O'Brien",
        email="delobrien@house.virginia.gov",
        capitol_address="Pocahontas Building, Room E123 900 East Main Street, Richmond, VA 23219",
    )


def test_write_step_offers_the_letter_language(client, obrien):
    client.post("/letters/va/", {"pick": [obrien.pk]})
    page = client.get("/letters/va/write/").content.decode()
    assert 'name="letter_language"' in page
    assert re.search(r'value="en"[^>]*checked', page)
    assert "Español" in page
    assert (
        "The office reads English; choose Spanish only if you want the fixed text in "
        "Spanish" in page
    )


def test_choosing_spanish_runs_through_preview_send_and_pdf(
    client, obrien, tmp_path, poppler
):
    client.post("/letters/va/", {"pick": [obrien.pk]})
    written = client.post("/letters/va/write/", {**WRITER, "letter_language": "es"})
    assert written.status_code == 302
    preview = client.get("/letters/va/preview/").content.decode()
    assert "Honorable Delegado(a) O&#x27;Brien:" in preview
    assert 'lang="es"' in preview and "Asunto:" in preview
    assert "Atentamente," in preview
    assert re.search(r"\d{1,2} de [a-z]+ de \d{4}", preview)
    send = client.get("/letters/va/send/").content.decode()
    assert "Atentamente," in send
    # The mailto body and subject are the Spanish letter.
    mailto = re.search(r'href="(mailto:[^"]+)"', send).group(1)
    assert "Atentamente" in unquote(mailto) and "Asunto:" in unquote(mailto)
    # Going back to the write step keeps the choice.
    again = client.get("/letters/va/write/").content.decode()
    assert re.search(r'value="es"[^>]*checked', again)
    response = client.post("/letters/va/download/")
    assert response.status_code == 200
    path = tmp_path / "flow.pdf"
    path.write_bytes(response.content)
    text = " ".join(pdftotext(poppler, path).split())
    assert "Honorable Delegado(a) O'Brien:" in text
    assert "Atentamente," in text and "Asunto:" in text
    assert "Virginia Consumer Data Protection Act" in text
    assert "¿Por qué?" in text
    assert re.search(r"\d{1,2} de [a-z]+ de \d{4}", text)
    assert english_left(text.replace("Virginia Consumer Data Protection Act", "")) == []
    assert LetterCount.objects.get().count == 1


def test_the_default_flow_letter_is_english(client, obrien, tmp_path, poppler):
    client.post("/letters/va/", {"pick": [obrien.pk]})
    client.post("/letters/va/write/", WRITER)  # no letter_language sent at all
    response = client.post("/letters/va/download/")
    path = tmp_path / "flow.pdf"
    path.write_bytes(response.content)
    text = " ".join(pdftotext(poppler, path).split())
    assert "Dear Delegate O'Brien:" in text and "Sincerely," in text
    assert "Atentamente" not in text


def test_an_unknown_letter_language_is_an_error(client, obrien):
    client.post("/letters/va/", {"pick": [obrien.pk]})
    response = client.post("/letters/va/write/", {**WRITER, "letter_language": "fr"})
    assert response.status_code == 200  # the form again, with its error
    assert "Select a valid choice" in response.content.decode()
    assert not client.session["letters_flow"].get("letter")


def test_render_letter_language_es(states, tmp_path):
    out = tmp_path / "es.pdf"
    call_command(
        "render_letter",
        "--state",
        "WA",
        "--chamber",
        "upper",
        "--district",
        "12",
        "--name",
        "Zoë Ñúñez",
        "--address",
        "12 Elm St.",
        "--city",
        "Olympia",
        "--zip",
        "98501",
        "--date",
        "2026-12-01",
        "--language",
        "es",
        "--out",
        str(out),
        stdout=io.StringIO(),
    )
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    text = " ".join(reader.pages[0].extract_text().split())
    assert "1 de diciembre de 2026" in text
    assert "Honorable Senador(a)" in text and "Atentamente," in text
    assert "Washington no tiene una ley integral" in text


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_story_that_runs_over_several_pages_renders(
    states, tmp_path, poppler, language
):
    """A paragraph moved whole to the next page is laid out again there (it
    used to fail with "no attribute 'blPara'" for very long input)."""
    story = "\n\n".join(["A very long story, una historia muy larga. " * 20] * 14)
    letter = compose(states["VA"], language=language, story=story)
    path, text = rendered(tmp_path, poppler, letter)
    pages = pdf_pages(poppler, path)
    assert pages >= 2
    # Every repetition is there (one per page break may be cut by the page's
    # running header or number, which pdftotext reads in between).
    assert text.count("una historia muy larga") >= 20 * 14 - (pages - 1)
    assert ("Atentamente," if language == "es" else "Sincerely,") in text


def test_an_english_letter_written_on_a_spanish_page_keeps_english_dates():
    """/es/letters/ activates Spanish for the page; the letter's fixed text
    (and so its dates) stays English unless the writer chose Spanish."""
    import datetime

    from django.utils import translation

    from letters.compose.text import date_text

    with translation.override("es"):
        assert date_text(datetime.date(2026, 12, 1)) == "December 1, 2026"
