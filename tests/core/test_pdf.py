"""The shared PDF building blocks (core/pdf/) used by letters and petition packets."""

import io
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from core import pdf

NAMES = ["Zoë Ñúñez", "Ŝtefan Łukasz", "Дмитрий", "Ελένη", "李小龙"]


def build(story, **kw):
    return pdf.pdf_build(story, **{"title": "T", "author": "A", "subject": "S", **kw})


def pages_text(data):
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_markup_is_escaped_and_never_interpreted():
    markup = pdf.text_markup("<b>x</b> & <font size=80> <")
    assert "<b>" not in markup and "<font size" not in markup
    assert markup == "&lt;b&gt;x&lt;/b&gt; &amp; &lt;font size=80&gt; &lt;"
    para = Paragraph(markup, pdf.paragraph_styles()["body"])
    assert para.getPlainText() == "<b>x</b> & <font size=80> <"


def test_runs_pick_a_font_that_has_the_glyphs():
    runs = pdf.text_runs("Zoë Дмитрий Ελένη 李小龙 김민준 さくら")
    fonts = [name for name, _ in runs]
    assert fonts[0] == pdf.SERIF
    assert ("NotoSansSC", "李小龙 ") in runs
    assert any(name == "NotoSansKR" and "김민준" in run for name, run in runs)
    assert any("さくら" in run and name.startswith("NotoSans") for name, run in runs)
    assert "".join(run for _, run in runs) == "Zoë Дмитрий Ελένη 李小龙 김민준 さくら"
    # Plain Latin, Greek and Cyrillic stay in the one body font (no needless switching).
    assert pdf.text_runs("Zoë Ñúñez Ŝtefan Łukasz Дмитрий Ελένη") == [
        (pdf.SERIF, "Zoë Ñúñez Ŝtefan Łukasz Дмитрий Ελένη")
    ]
    assert pdf.text_runs("Zoë", family="sans") == [(pdf.SANS, "Zoë")]


def test_fonts_register_once_per_process():
    first = pdf.font_get(pdf.SERIF)
    assert pdf.font_get(pdf.SERIF) is first
    assert pdf.fonts_register() == [
        pdf.SERIF,
        pdf.SERIF_ITALIC,
        pdf.SANS,
        pdf.SANS_ITALIC,
    ]
    assert pdf.font_get(pdf.SERIF) is first
    assert pdf.font_get("NoSuchFont") is None


def test_text_clean_drops_invisible_and_control_characters():
    assert pdf.text_clean("a\x00b\u200bc\u202ed\ufeffe\r\nf\tg") == "abcde\nf g"
    assert pdf.text_clean(None) == ""
    assert pdf.text_clean("e\u0301") == "é"  # NFC, so the precomposed glyph is used


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=80))
def test_any_text_round_trips_through_a_paragraph(text):
    """Whatever is typed, reportlab's parser sees only text: the plain text comes back."""
    para = pdf.paragraph(text, pdf.paragraph_styles()["body"])
    # Line breaks become <br/>, which plain text drops: compare without whitespace.
    expected = "".join(pdf.text_clean(text).split())
    assert "".join(para.getPlainText().split()) == expected


def test_sections_number_their_pages_separately_with_headers(poppler, tmp_path):
    styles = pdf.paragraph_styles()
    filler = "Signer list continues. " * 60
    story = [
        pdf.SectionStart(
            pdf.Section(header="Packet: Virginia — Ελένη", header_on_first_page=True)
        ),
        pdf.paragraph("Virginia", styles["title"]),
        *[pdf.paragraph(filler, styles["body"]) for _ in range(6)],
        *pdf.new_section_break(),
        pdf.SectionStart(pdf.Section(header="Packet: Oregon")),
        pdf.paragraph("Oregon", styles["title"]),
        *pdf.new_section_break(),
        pdf.SectionStart(
            pdf.Section(number_pages="always", footer="Delivered by organizers")
        ),
        pdf.paragraph("Summary", styles["title"]),
    ]
    data = build(
        story, title="Delivery packets", author="Organizers", subject="Petition"
    )
    texts = pages_text(data)
    virginia = sum("Packet: Virginia — Ελένη" in text for text in texts)
    assert virginia >= 2
    assert len(texts) == virginia + 2
    for number in range(1, virginia + 1):
        assert f"Page {number} of {virginia}" in texts[number - 1]
    oregon, summary = texts[-2], texts[-1]
    assert "Oregon" in oregon
    assert (
        "Page" not in oregon and "Packet: Oregon" not in oregon
    )  # one page: no furniture
    assert "Page 1 of 1" in summary and "Delivered by organizers" in summary
    path = tmp_path / "packets.pdf"
    path.write_bytes(data)
    assert subprocess.run([poppler["qpdf"], "--check", str(path)]).returncode == 0
    fonts = subprocess.run(
        [poppler["pdffonts"], str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
    assert not any("Helvetica" in line for line in fonts)
    info = subprocess.run(
        [poppler["pdfinfo"], "-enc", "UTF-8", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Title:           Delivery packets" in info
    assert "Author:          Organizers" in info
    assert "Subject:         Petition" in info


def test_table_of_unicode_cells_repeats_its_header_across_pages():
    rows = [["Name", "City", "Comment"]]
    rows += [[NAMES[i % 5], "Richmond", f"<i>comment</i> & {i}"] for i in range(120)]
    data = build(
        [pdf.SectionStart(pdf.Section()), pdf.table(rows, col_widths=[150, 100, 218])]
    )
    texts = pages_text(data)
    assert len(texts) >= 3
    assert all("Name" in text and "Comment" in text for text in texts)
    joined = "\n".join(texts)
    for name in NAMES:
        assert name in joined
    assert "<i>comment</i> & 119" in joined
    assert f"Page 1 of {len(texts)}" in texts[0]


def test_empty_and_odd_documents_still_build():
    assert build([pdf.paragraph("", pdf.paragraph_styles()["body"])]).startswith(
        b"%PDF"
    )
    data = build(
        [pdf.paragraph("x", pdf.paragraph_styles()["body"])],
        title="Ελένη <b>&",
        author="李小龙",
        subject="\x00",
    )
    meta = PdfReader(io.BytesIO(data)).metadata
    assert meta.title == "Ελένη <b>&"
    assert meta.author == "李小龙"


@pytest.mark.parametrize("align", ["left", "center", "right"])
def test_draw_string_for_custom_furniture(align):
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, initialFontName=pdf.primary_font())
    pdf.draw_string(canvas, 300, 400, "Ελένη 李小龙", size=9, align=align)
    canvas.showPage()
    canvas.save()
    text = pages_text(buffer.getvalue())[0]
    assert "Ελένη" in text and "李小龙" in text


def test_thin_cjk_fallback_is_drawn_at_a_regular_weight():
    """Noto Sans SC's only usable instance is Thin: its runs get a hairline stroke (text
    render mode 2) so they match the body text; other text is plain fill."""
    body = pdf.paragraph_styles()["body"]

    def content(text):
        data = build([pdf.paragraph(text, body)])
        return PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data()

    with_cjk = content("Zoë 李小龙 Ελένη")
    assert b"2 Tr" in with_cjk and b"0 Tr" in with_cjk
    assert b"2 Tr" not in content("Zoë Ελένη")
    assert "李小龙" in pages_text(build([pdf.paragraph("李小龙", body)]))[0]


def test_table_cells_are_fast_plain_strings_when_they_fit_and_paragraphs_otherwise():
    long_comment = "A long comment that needs wrapping in its column. " * 4
    result = pdf.table(
        [
            ["Name", "Comment"],
            ["Zoë <b>", "short & <i>"],
            ["李小龙", long_comment],
            ["Zoë 李小龙", ""],
        ],
        col_widths=[120, 200],
    )
    cells = result._cellvalues
    assert all(isinstance(cell, Paragraph) for cell in cells[0])  # header row
    assert cells[1] == [
        "Zoë <b>",
        "short & <i>",
    ]  # plain strings: never parsed as markup
    assert cells[2][0] == "李小龙" and isinstance(cells[2][1], Paragraph)
    assert isinstance(cells[3][0], Paragraph)  # mixed scripts: per-run fonts
    data = build([pdf.table([["Name"], ["李小龙"], ["Zoë 李小龙"]], col_widths=[200])])
    text = pages_text(data)[0]
    assert "李小龙" in text and "Zoë" in text
