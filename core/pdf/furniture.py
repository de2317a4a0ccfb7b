"""PDF page furniture: shared styles, tables, sections, running headers, "Page i of n".

`pdf_build()` makes the document with `initialFontName` set (no unembedded
Helvetica), title/author/subject metadata, and page furniture per section.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Table,
    TableStyle,
)

from .fonts import _THIN_FONTS, PAGE_SIZE, SANS, primary_font
from .text import draw_string, paragraph, text_clean, text_runs

# --------------------------------------------------------------------------
# Styles and tables
# --------------------------------------------------------------------------


@cache
def paragraph_styles() -> dict[str, ParagraphStyle]:
    """The shared styles: body (serif 11/15), small, address, title, heading, table cells, ..."""
    serif, sans = primary_font("serif"), primary_font("sans")
    body = ParagraphStyle(
        "body",
        fontName=serif,
        bulletFontName=serif,  # reportlab's default bullet font is unembedded Helvetica
        fontSize=11,
        leading=15,
        spaceAfter=9,
        alignment=TA_LEFT,
        allowWidows=0,
        allowOrphans=0,
        splitLongWords=1,
    )
    return {
        "body": body,
        "bullet": ParagraphStyle(
            "bullet", parent=body, leftIndent=18, bulletIndent=4, spaceAfter=6
        ),
        "address": ParagraphStyle(
            "address", parent=body, fontSize=10.5, leading=13, spaceAfter=0
        ),
        "small": ParagraphStyle(
            "small", parent=body, fontName=sans, fontSize=9, leading=12, spaceAfter=4
        ),
        "muted": ParagraphStyle(
            "muted",
            parent=body,
            fontName=sans,
            fontSize=8.5,
            leading=11,
            textColor=colors.HexColor("#4a4a4a"),
            spaceAfter=0,
        ),
        "title": ParagraphStyle(
            "title", parent=body, fontName=sans, fontSize=17, leading=22, spaceAfter=10
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=body,
            fontName=sans,
            fontSize=13,
            leading=17,
            spaceBefore=6,
            spaceAfter=6,
        ),
        "subject": ParagraphStyle("subject", parent=body, fontName=sans, fontSize=11),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT, spaceAfter=0),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER),
        "cell": ParagraphStyle(
            "cell", parent=body, fontName=sans, fontSize=9, leading=11.5, spaceAfter=0
        ),
        "cell_head": ParagraphStyle(
            "cell_head",
            parent=body,
            fontName=sans,
            fontSize=9,
            leading=11.5,
            spaceAfter=0,
            textColor=colors.white,
        ),
    }


def table(
    rows,
    *,
    col_widths,
    header: bool = True,
    style_name: str = "cell",
    repeat_header: bool = True,
) -> Table:
    """A table of plain-text cells, header row repeated on each page.

    Cells are text, never markup. A cell that fits on one line in one font is
    drawn as a plain string (fast: no paragraph parsing), in whichever font has
    its glyphs; a long cell, or one mixing scripts that need different fonts,
    becomes an escaped, font-fallback'd Paragraph that wraps. For long signer
    lists build several tables of a few hundred rows each rather than one huge
    one (reportlab lays a table out as a whole).
    """
    styles = paragraph_styles()
    body_style = styles[style_name]
    padding = 6  # reportlab's default left + right cell padding
    data = []
    commands = []
    for index, row in enumerate(rows):
        is_header = header and index == 0
        cell_style = styles["cell_head"] if is_header else body_style
        family = "sans" if cell_style.fontName.startswith(SANS) else "serif"
        cells = []
        for column, cell in enumerate(row):
            text = text_clean("" if cell is None else cell)
            runs = text_runs(text, family=family) if text else []
            if is_header or "\n" in text or len(runs) > 1:
                cells.append(paragraph(text, cell_style))
                continue
            font = runs[0][0] if runs else cell_style.fontName
            width = pdfmetrics.stringWidth(text, font, cell_style.fontSize)
            if width > col_widths[column] - padding:
                cells.append(paragraph(text, cell_style))
                continue
            cells.append(text)
            if font != cell_style.fontName:
                commands.append(("FONTNAME", (column, index), (column, index), font))
        data.append(cells)
    result = Table(
        data, colWidths=col_widths, repeatRows=1 if header and repeat_header else 0
    )
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), body_style.fontName),
        ("FONTSIZE", (0, 0), (-1, -1), body_style.fontSize),
        ("LEADING", (0, 0), (-1, -1), body_style.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), body_style.textColor),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#b0b0b0")),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *commands,
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#333333")))
    result.setStyle(TableStyle(commands))
    return result


# --------------------------------------------------------------------------
# Page furniture: sections, page numbers, running headers
# --------------------------------------------------------------------------


@dataclass(eq=False)
class Section:
    """A run of pages with its own page numbering ("Page 1 of 2") and running header.

    number_pages: "auto" numbers only when the section has two pages or more;
    "always" or "never" do what they say.
    header: plain text drawn at the top of each page (not the first unless
    header_on_first_page); may hold any Unicode.
    """

    header: str = ""
    header_on_first_page: bool = False
    number_pages: str = "auto"
    footer: str = ""
    # The page number's wording ({number}, {total}): e.g. "Página {number} de {total}".
    page_label: str = "Page {number} of {total}"


class SectionStart(Flowable):
    """Zero-size marker: the pages from here on belong to `section`."""

    _ZEROSIZE = 1

    def __init__(self, section: Section):
        super().__init__()
        self.section = section
        self.width = self.height = 0

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.canv._furniture_section = self.section


def new_section_break(template: str = "first") -> list[Flowable]:
    """Flowables that end a section: the next one starts on a new page using `template`."""
    return [NextPageTemplate(template), PageBreak()]


def draw_running_header(canvas, text: str) -> None:
    """A page's running header: small grey sans text above a thin rule, 1 in margins.

    User text is drawn as text (never markup), with the same font fallback as
    paragraphs. Letters' sections and petition delivery packets both use it.
    """
    width, height = canvas._pagesize
    draw_string(
        canvas,
        1 * inch,
        height - 0.6 * inch,
        text,
        size=8.5,
        family="sans",
        color=colors.HexColor("#4a4a4a"),
    )
    canvas.saveState()
    canvas.setStrokeColor(colors.HexColor("#b0b0b0"))
    canvas.setLineWidth(0.4)
    canvas.line(1 * inch, height - 0.68 * inch, width - 1 * inch, height - 0.68 * inch)
    canvas.restoreState()


class _TextObject(PDFTextObject):
    """Draws runs in the thin CJK fonts with a hairline stroke in the text colour, so that
    they match the weight of the regular Latin text around them. Extracted text is unchanged."""

    def _formatText(self, text):
        ops = super()._formatText(text)
        if self._fontname not in _THIN_FONTS or not text.strip():
            return ops
        canvas = self._canvas
        code, self._code = self._code, []
        try:
            self.setStrokeColor(
                getattr(self, "_fillColorObj", None) or canvas._fillColorObj
            )
            before = " ".join(self._code)
            self._code = []
            # Afterwards, put the state back the way the canvas believes it is.
            self.setStrokeColor(canvas._strokeColorObj)
            after = " ".join(self._code)
        finally:
            self._code = code
        width = fp_str(self._fontsize * 0.04)
        return (
            f"{before} {width} w 2 Tr {ops} 0 Tr {fp_str(canvas._lineWidth)} w {after}"
        )


class FurnitureCanvas(Canvas):
    """A canvas that holds pages back until the end so it can write "Page i of n" per section.

    Also draws the thin CJK fallback fonts at a regular weight (see _TextObject).
    """

    def beginText(self, x=0, y=0, direction=None):
        return _TextObject(self, x, y, direction=direction)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._held_pages = []
        self._furniture_section = None

    def showPage(self):
        self._held_pages.append((dict(self.__dict__), self._furniture_section))
        self._startPage()

    def save(self):
        totals = Counter(id(section) for _, section in self._held_pages)
        seen = Counter()
        for state, section in self._held_pages:
            self.__dict__.update(state)
            seen[id(section)] += 1
            self._draw_furniture(section, seen[id(section)], totals[id(section)])
            Canvas.showPage(self)
        Canvas.save(self)

    def _draw_furniture(self, section, number, total):
        section = section or Section()
        width, height = self._pagesize
        grey = colors.HexColor("#4a4a4a")
        if section.header and (number > 1 or section.header_on_first_page):
            draw_running_header(self, section.header)
        numbered = section.number_pages == "always" or (
            section.number_pages == "auto" and total >= 2
        )
        if numbered:
            draw_string(
                self,
                width / 2,
                0.45 * inch,
                section.page_label.format(number=number, total=total),
                size=8.5,
                family="sans",
                align="center",
                color=grey,
            )
        if section.footer:
            draw_string(
                self,
                1 * inch,
                0.45 * inch,
                section.footer,
                size=7.5,
                family="sans",
                color=grey,
            )


class _Document(BaseDocTemplate):
    pass


def pdf_document(
    buffer,
    *,
    title: str,
    author: str,
    subject: str,
    keywords=(),
    first_top: float | None = None,
    top: float = 0.95 * inch,
    bottom: float = 0.85 * inch,
    left: float = 1 * inch,
    right: float = 1 * inch,
    on_first_page=None,
    on_later_page=None,
    pagesize=PAGE_SIZE,
) -> BaseDocTemplate:
    """A US Letter document with two page templates, "first" and "later".

    "first" is followed automatically by "later". Both leave `top` free for the
    running header; `first_top` can be smaller for a first page that has no header
    (a letterhead). Fonts: the initial font is the embedded serif, so reportlab
    adds no Helvetica.
    """
    width, height = pagesize
    first_top = top if first_top is None else first_top
    doc = _Document(
        buffer,
        pagesize=pagesize,
        title=text_clean(title),
        author=text_clean(author),
        subject=text_clean(subject),
        keywords=list(keywords),
        creator="Advocacy toolkit",
        initialFontName=primary_font("serif"),
        initialFontSize=11,
        lang="en-US",
        displayDocTitle=1,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
    )
    frame_width = width - left - right
    first = Frame(
        left,
        bottom,
        frame_width,
        height - first_top - bottom,
        id="first",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    later = Frame(
        left,
        bottom,
        frame_width,
        height - top - bottom,
        id="later",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates(
        [
            PageTemplate(
                id="first",
                frames=[first],
                autoNextPageTemplate="later",
                onPage=on_first_page or _nothing,
            ),
            PageTemplate(id="later", frames=[later], onPage=on_later_page or _nothing),
        ]
    )
    return doc


def _nothing(canvas, doc):
    return None


def pdf_build(
    story: list[Flowable],
    *,
    title: str,
    author: str,
    subject: str,
    keywords=(),
    **document_options,
) -> bytes:
    """Lay out `story` and return the PDF bytes (pure: no files, no database).

    Put a `SectionStart(Section(...))` at the start of each part that should
    number its pages on its own (one letter, one state's packet).
    """
    buffer = io.BytesIO()
    doc = pdf_document(
        buffer,
        title=title,
        author=author,
        subject=subject,
        keywords=keywords,
        **document_options,
    )
    doc.build(list(story), canvasmaker=FurnitureCanvas)
    return buffer.getvalue()
