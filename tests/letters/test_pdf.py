"""Letter PDFs checked from their bytes: text, fonts, structure, pages, metadata."""

import datetime

import pytest

from letters.compose import Sender, letter_compose, recipient_for
from letters.models import Legislator
from letters.pdf import letter_filename, letter_pdf
from letters.selectors import letter_facts_get
from tests.letters.letter_helpers import (
    make_region,
    make_state,
    pdf_fonts,
    pdf_info,
    pdf_pages,
    pdf_text,
    pdftotext,
    qpdf_check,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 29)
NAMES = ["Zoë Ñúñez", "Ŝtefan Łukasz", "Дмитрий", "Ελένη", "李小龙"]
MARKUP = "Story with <b>bold?</b> & <font size=80>big</font> and an unclosed < sign"


def make_sender(name, **kw):
    return Sender(
        name=name,
        street="12 Elm St.",
        city="Richmond",
        zip_code="23219",
        state_abbr="VA",
        **kw,
    )


def va_letter(name="Zoë Ñúñez", story="", points=(), **sender_kw):
    va = make_region()
    legislator, _ = Legislator.objects.get_or_create(
        openstates_id="ocd-person/va-obrien",
        defaults=dict(
            state=va,
            chamber="lower",
            district="12",
            name="Jane O'Brien",
            family_name="O'Brien",
            capitol_address="Room 519, General Assembly Building P.O. Box 396, Richmond, VA 23218",
        ),
    )
    recipient = recipient_for(
        state=va, chamber="lower", district="12", legislator=legislator
    )
    return letter_compose(
        state=va,
        **letter_facts_get(state=va),
        sender=make_sender(name, **sender_kw),
        recipient=recipient,
        story=story,
        points=points,
        today=TODAY,
    )


def write(tmp_path, data, name="letter.pdf"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def long_story():
    paragraph = (
        "Last spring I found that photos from my daughter's soccer team, which I had posted "
        "for the other parents, were being used to train an image model. Nobody asked us. "
    )
    return "\n\n".join([paragraph * 3] * 5)[:2000]


@pytest.mark.parametrize("name", NAMES)
def test_any_name_prints_as_typed_in_embedded_fonts(name, tmp_path, poppler):
    data = letter_pdf([va_letter(name=name, story=MARKUP)])
    assert data.startswith(b"%PDF")
    path = write(tmp_path, data)
    text = pdftotext(poppler, path)
    assert name in text
    assert name in pdf_text(data)
    for literal in ("<b>bold?</b>", "&", "<font size=80>big</font>", "unclosed < sign"):
        assert literal in text
        assert literal in pdf_text(data)
    fonts = pdf_fonts(poppler, path)
    assert fonts, "no fonts listed"
    assert all(font["emb"] == "yes" for font in fonts), fonts
    assert all(font["sub"] == "yes" for font in fonts), fonts
    assert not any("Helvetica" in font["name"] for font in fonts)
    if name == "李小龙":
        assert any("NotoSansSC" in font["name"] for font in fonts)
    check = qpdf_check(poppler, path)
    assert check.returncode == 0, check.stdout + check.stderr


def test_all_names_together_in_one_letter(tmp_path, poppler):
    everyone = " ".join(NAMES)
    path = write(tmp_path, letter_pdf([va_letter(name=everyone, story=everyone)]))
    text = pdftotext(poppler, path)
    for name in NAMES:
        assert text.count(name) >= 3  # sender block, story, signature


def test_letter_content_layout_and_metadata(tmp_path, poppler):
    letter = va_letter(
        email="zoe@example.org", phone="804-555-0100", points=["consent"]
    )
    path = write(tmp_path, letter_pdf([letter]))
    text = pdftotext(poppler, path)
    for expected in (
        "Zoë Ñúñez",
        "12 Elm St.",
        "Richmond, VA 23219",
        "zoe@example.org",
        "804-555-0100",
        "The Honorable Jane O'Brien",
        "Delegate, District 12",
        "Room 519, General Assembly Building",
        "P.O. Box 396",
        "Richmond, VA 23218",
        "November 29, 2026",
        "Dear Delegate O'Brien:",
        "Virginia Consumer Data Protection",
        "Sincerely,",
        "Consent first: companies should have to ask",
    ):
        assert expected in text, expected
    # Reading order: sender and date, recipient, salutation, body, closing.
    order = [
        text.index(s)
        for s in ("12 Elm St.", "The Honorable", "Dear Delegate", "Sincerely,")
    ]
    assert text.index("November 29, 2026") < text.index("The Honorable")
    assert order == sorted(order)
    assert pdf_pages(poppler, path) == 1
    assert "Page 1 of" not in text
    info = pdf_info(poppler, path)
    assert info["Title"] == "Letter to Delegate Jane O'Brien"
    assert info["Author"] == "Zoë Ñúñez"
    assert info["Subject"] == letter.subject
    assert info["Page size"].startswith("612 x 792")


def test_recipient_block_sits_in_the_envelope_window(tmp_path, poppler):
    """The address must show through a #10 window: 7/8" to 4 7/8" across, from 2 1/8"
    down (room for the sheet to move in the envelope) for 1"."""
    import subprocess

    path = write(tmp_path, letter_pdf([va_letter()]))
    # -x/-y/-W/-H crop in points at 72 dpi: only the window area.
    window = subprocess.run(
        [
            poppler["pdftotext"],
            "-enc",
            "UTF-8",
            "-r",
            "72",
            "-x",
            "63",
            "-y",
            "153",
            "-W",
            "288",
            "-H",
            "72",
            str(path),
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for line in (
        "The Honorable Jane O'Brien",
        "Delegate, District 12",
        "P.O. Box 396",
        "Richmond, VA 23218",
    ):
        assert line in window
    assert "Zoë" not in window and "November" not in window and "Dear" not in window


def test_very_long_sender_details_stay_out_of_the_window(tmp_path, poppler):
    import subprocess

    letter = va_letter(
        name="Maria " + "Anastasia " * 12 + "Ñúñez",
        email="a-very-long-address-for-testing@example.org",
        phone="+1 804 555 0100",
    )
    letter.sender.street = "Apartment 1234, " + "Long Street Name " * 8
    path = write(tmp_path, letter_pdf([letter]))
    window = subprocess.run(
        [
            poppler["pdftotext"],
            "-enc",
            "UTF-8",
            "-r",
            "72",
            "-x",
            "63",
            "-y",
            "144",
            "-W",
            "288",
            "-H",
            "72",
            str(path),
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "The Honorable Jane O'Brien" in window
    assert "Richmond, VA 23218" in window
    assert "Anastasia" not in window and "Long Street" not in window
    assert "Ñúñez" in pdftotext(poppler, path)


def test_long_story_flows_onto_page_two_with_page_numbers(tmp_path, poppler):
    story = long_story()
    assert len(story) == 2000
    path = write(
        tmp_path, letter_pdf([va_letter(story=story, points=["consent", "delete"])])
    )
    assert pdf_pages(poppler, path) == 2
    text = pdftotext(poppler, path)
    assert "Page 1 of 2" in text
    assert "Page 2 of 2" in text
    assert "To Delegate Jane O'Brien" in text  # continuation header
    assert text.count("Nobody asked us.") == story.count("Nobody asked us.")
    assert text.rstrip().endswith("Page 2 of 2")
    last_page = text.split("\f")[1]
    assert "Sincerely," in last_page and "where you stand" in last_page  # never alone
    assert qpdf_check(poppler, path).returncode == 0
    # Bullets, headers and page numbers included: every font embedded, no Helvetica.
    fonts = pdf_fonts(poppler, path)
    assert all(font["emb"] == "yes" for font in fonts), fonts
    assert not any("Helvetica" in font["name"] for font in fonts)


def test_short_story_stays_on_one_page(tmp_path, poppler):
    path = write(tmp_path, letter_pdf([va_letter(story="Short and to the point.")]))
    assert pdf_pages(poppler, path) == 1


def test_several_letters_each_start_on_a_new_page_numbered_on_their_own(
    tmp_path, poppler
):
    va = make_region()
    sender = make_sender("Ελένη Παπαδοπούλου")
    upper = recipient_for(
        state=va, chamber="upper", district="12", typed_name="Sam Rasoul"
    )
    lower = recipient_for(
        state=va, chamber="lower", district="12", typed_name="Jane O'Brien"
    )
    letters = [
        letter_compose(
            state=va,
            **letter_facts_get(state=va),
            sender=sender,
            recipient=upper,
            story=long_story(),
            today=TODAY,
        ),
        letter_compose(
            state=va,
            **letter_facts_get(state=va),
            sender=sender,
            recipient=lower,
            today=TODAY,
        ),
    ]
    path = write(tmp_path, letter_pdf(letters))
    assert pdf_pages(poppler, path) == 3
    from pypdf import PdfReader

    pages = [page.extract_text() for page in PdfReader(path).pages]
    assert "Dear Senator Rasoul:" in pages[0]
    assert "Page 1 of 2" in pages[0] and "Page 2 of 2" in pages[1]
    assert "Dear Delegate O'Brien:" in pages[2]
    assert "Page" not in pages[2].split("Sincerely")[-1]  # one-page letter: no number
    assert pdf_info(poppler, path)["Title"] == "Letters to 2 Virginia legislators"
    assert letter_filename(letters) == "letters-va-2.pdf"


def test_hostile_text_never_breaks_rendering(tmp_path, poppler):
    nasty = (
        "<para><b><i>unclosed <font name=Nope size=900 color=red>&nbsp;&#xFFFF; &bogus; "
        "<img src='/etc/passwd'/> <a href='javascript:x'>x</a> ]]> \x00\x07\x1b "
        "\u200b\u202e reversed \ufeff " + "W" * 600 + " 🎉 \ud800 " + "\n" * 50 + "end."
    )
    data = letter_pdf([va_letter(name="<b>Evil</b> & Co", story=nasty)])
    path = write(tmp_path, data)
    text = " ".join(pdftotext(poppler, path).split())
    assert "<b>Evil</b> & Co" in text
    assert "<img src='/etc/passwd'/>" in text
    assert "&nbsp;&#xFFFF; &bogus;" in text
    assert "end." in text
    assert "\u202e" not in text
    assert qpdf_check(poppler, path).returncode == 0


def test_letter_pdf_writes_nothing(django_assert_num_queries):
    letter = va_letter(story="x")
    with django_assert_num_queries(0):
        assert letter_pdf([letter]).startswith(b"%PDF")
        assert letter_pdf(letter).startswith(b"%PDF")


def test_filenames_are_ascii_slugs():
    letter = va_letter()
    assert letter_filename([letter]) == "letter-va-delegate-obrien.pdf"
    wa = make_state("WA")
    for typed, expected in [
        ("Zoë Ñúñez", "letter-wa-senator-nunez.pdf"),
        ("李小龙", "letter-wa-senator-district-12.pdf"),
        ("", "letter-wa-senator-district-12.pdf"),
    ]:
        recipient = recipient_for(
            state=wa, chamber="upper", district="12", typed_name=typed
        )
        composed = letter_compose(
            state=wa,
            **letter_facts_get(state=wa),
            sender=make_sender("A B"),
            recipient=recipient,
            today=TODAY,
        )
        name = letter_filename([composed])
        assert name == expected
        assert name.isascii()
