"""Shared PDF building blocks: fonts that can print any name, safe paragraphs, page furniture.

Used by letters (`letters/pdf.py`) and petition delivery packets, so that both
follow the same rules:

- Fonts come from installed packages (Noto Serif / Noto Sans for Latin, Greek
  and Cyrillic; Noto Sans SC/JP/KR/TC from `justmytype-intl-cjk` for CJK) and
  are registered once per process, lazily: the CJK fonts (about 60–100 ms each)
  only when a text needs them. Every font is embedded and subset.
- The font is chosen per run of text by glyph coverage, so "Zoë 李小龙" prints
  both halves instead of boxes.
- User text is text, never markup: `text_markup()` escapes it before adding the
  font runs, so `<b>`, `&`, `<font size=80>` or a lone `<` print literally.
- `pdf_build()` makes the document with `initialFontName` set (no unembedded
  Helvetica), title/author/subject metadata, and page furniture per section:
  "Page 1 of 2" when a section runs to two pages or more, and an optional
  running header.

Typical use (petition delivery packets, one state after another)::

    from reportlab.lib.units import inch
    from core import pdf

    styles = pdf.paragraph_styles()  # body, title, heading, small, muted, cell, ...
    story = []
    for state, signers in packets:
        if story:
            story += pdf.new_section_break()  # the next packet starts on a new page
        story += [
            # Pages from here on are numbered "Page i of n" on their own, with a header.
            pdf.SectionStart(pdf.Section(header=f"Petition to the {state} legislature",
                                         header_on_first_page=True)),
            pdf.paragraph(petition.title, styles["title"]),  # any text: escaped, fallback fonts
            pdf.paragraph(petition.text, styles["body"]),
        ]
        # Tables of a few hundred rows each; plain-string cells are fast.
        for chunk in chunks(signers, 300):
            story.append(pdf.table([["Name", "City", "ZIP", "Comment"], *chunk],
                                   col_widths=[1.7 * inch, 1.3 * inch, 0.6 * inch, 2.9 * inch]))
    data = pdf.pdf_build(story, title="...", author="...", subject="...")

`pdf_build(..., first_top=, top=, bottom=, left=, right=, on_first_page=,
on_later_page=)` passes layout options to `pdf_document()`; `draw_string()`
draws one line of any text on a canvas (for custom page decorations).
"""

from __future__ import annotations

import io
import logging
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

logger = logging.getLogger(__name__)

PAGE_SIZE = LETTER  # 8.5 x 11 in

SERIF = "NotoSerif"
SERIF_ITALIC = "NotoSerif-Italic"
SANS = "NotoSans"
SANS_ITALIC = "NotoSans-Italic"


# --------------------------------------------------------------------------
# Fonts
# --------------------------------------------------------------------------


def _package_dir(module_name):
    try:
        module = __import__(module_name)
    except ImportError:
        return None
    return Path(module.__file__).resolve().parent


def _font_files():
    """Font name -> path, in the packages installed with requirements.txt."""
    files = {}
    serif = _package_dir("fontpkg_noto_serif")
    sans = _package_dir("fontpkg_noto_sans")
    cjk = _package_dir("justmytype_intl_cjk")
    arabic = _package_dir("fontpkg_noto_sans_arabic")
    if serif:
        files[SERIF] = serif / "files" / "NotoSerif[wdth,wght].ttf"
        files[SERIF_ITALIC] = serif / "files" / "NotoSerif-Italic[wdth,wght].ttf"
    if sans:
        files[SANS] = sans / "files" / "NotoSans[wdth,wght].ttf"
        files[SANS_ITALIC] = sans / "files" / "NotoSans-Italic[wdth,wght].ttf"
    if arabic:
        for path in sorted((arabic / "files").glob("NotoSansArabic*.ttf"))[:1]:
            files["NotoSansArabic"] = path
    # Debian's DejaVu, where the host has it: extra symbols (arrows, math, ...).
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if dejavu.exists():
        files["DejaVuSans"] = dejavu
    if cjk:
        ofl = cjk / "fonts" / "ofl"
        for code in ("sc", "jp", "kr", "tc"):
            for path in sorted((ofl / f"notosans{code}").glob("*.ttf"))[:1]:
                files[f"NotoSans{code.upper()}"] = path
    # Debian's fonts-droid-fallback: CJK at a regular weight, if installed.
    droid = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
    if droid.exists():
        files["DroidSansFallback"] = droid
    return {name: path for name, path in files.items() if path.exists()}


# Fallback order per family: the first font that has every glyph of a run wins.
_CHAINS = {
    "serif": [
        SERIF,
        SANS,
        "DejaVuSans",
        "NotoSansArabic",
        "NotoSansSC",
        "NotoSansJP",
        "NotoSansKR",
        "NotoSansTC",
        "DroidSansFallback",
    ],
    "sans": [
        SANS,
        SERIF,
        "DejaVuSans",
        "NotoSansArabic",
        "NotoSansSC",
        "NotoSansJP",
        "NotoSansKR",
        "NotoSansTC",
        "DroidSansFallback",
    ],
}
_ITALIC = {SERIF: SERIF_ITALIC, SANS: SANS_ITALIC}

_lock = threading.RLock()
_fonts: dict[str, TTFont] = {}


@cache
def _available():
    return _font_files()


def font_get(name: str) -> TTFont | None:
    """The registered font called `name`, registering it on first use (once per process)."""
    font = _fonts.get(name)
    if font is not None:
        return font
    path = _available().get(name)
    if path is None:
        return None
    with _lock:
        font = _fonts.get(name)
        if font is None:
            font = TTFont(name, str(path))
            pdfmetrics.registerFont(font)
            # A family mapping keeps reportlab's <b>/<i> lookups from failing;
            # these variable fonts only offer their default (regular) instance.
            italic = _ITALIC.get(name, name)
            if italic != name and italic in _available():
                font_get(italic)
            else:
                italic = name
            pdfmetrics.registerFontFamily(
                name, normal=name, bold=name, italic=italic, boldItalic=italic
            )
            _fonts[name] = font
    return font


def fonts_register(*, cjk: bool = False) -> list[str]:
    """Register the body fonts now (and the CJK ones if asked); returns the names registered.

    Not needed before rendering (fonts register lazily); useful to warm a worker.
    """
    names = [SERIF, SERIF_ITALIC, SANS, SANS_ITALIC]
    if cjk:
        names += ["NotoSansSC", "NotoSansJP", "NotoSansKR", "NotoSansTC"]
    return [name for name in names if font_get(name) is not None]


def primary_font(family: str = "serif") -> str:
    """The font a family's text starts in (falls back if the package is missing)."""
    for name in _CHAINS[family]:
        if font_get(name) is not None:
            return name
    raise RuntimeError(
        "No font for PDFs: install fontpkg-noto-serif and fontpkg-noto-sans (requirements.txt)"
    )


def italic_font(family: str = "serif") -> str:
    name = _ITALIC.get(primary_font(family))
    return name if name and font_get(name) is not None else primary_font(family)


def _covers(name: str, ch: str) -> bool:
    font = font_get(name)
    return font is not None and ord(ch) in font.face.charToGlyph


@cache
def _font_for_char(ch: str, family: str) -> str | None:
    for name in _CHAINS[family]:
        if _covers(name, ch):
            return name
    return None


# Control, zero-width and bidi-override characters: invisible, or boxes in a PDF.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]"
)


def text_clean(text) -> str:
    """User text made printable: no control or zero-width characters, NFC, LF newlines."""
    text = "" if text is None else str(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROL.sub("", text)
    # Lone surrogates cannot be encoded in a PDF string.
    text = text.encode("utf-8", "replace").decode("utf-8")
    return unicodedata.normalize("NFC", text)


def text_runs(text: str, *, family: str = "serif") -> list[tuple[str, str]]:
    """Split text into (font name, run) pairs by glyph coverage.

    Spaces stay in the current run; a character no font has stays in the
    current (or primary) font, where it prints as a box.
    """
    primary = primary_font(family)
    # The common case: the body fonts have every printable ASCII glyph.
    if text.isascii():
        return [(primary, text)] if text else []
    runs: list[tuple[str, list[str]]] = []
    current = primary
    for ch in text:
        if not ch.isspace():
            current = _font_for_char(ch, family) or primary
        if runs and runs[-1][0] == current:
            runs[-1][1].append(ch)
        else:
            runs.append((current, [ch]))
    return [(name, "".join(chars)) for name, chars in runs]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text_markup(text, *, family: str = "serif", base_font: str | None = None) -> str:
    """reportlab paragraph markup that prints `text` literally, in fonts that have its glyphs.

    Newlines become line breaks. Nothing in `text` is interpreted as markup.
    `base_font` is the style's font (runs in it need no <font> tag).
    """
    text = text_clean(text)
    base = base_font or primary_font(family)
    out = []
    for name, run in text_runs(text, family=family):
        escaped = _escape(run).replace("\n", "<br/>")
        if name == base:
            out.append(escaped)
        else:
            out.append(f'<font face="{name}">{escaped}</font>')
    return "".join(out)


def paragraph(text, style: ParagraphStyle, *, family: str | None = None) -> Paragraph:
    """A Paragraph of user (or any plain) text, printed literally with font fallback."""
    family = family or ("sans" if style.fontName.startswith(SANS) else "serif")
    return Paragraph(text_markup(text, family=family, base_font=style.fontName), style)


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


def string_width(text: str, size: float, *, family: str = "serif") -> float:
    """Width in points of plain text drawn with the per-run fonts."""
    return sum(
        pdfmetrics.stringWidth(run, name, size)
        for name, run in text_runs(text_clean(text), family=family)
    )


def draw_string(
    canvas,
    x: float,
    y: float,
    text: str,
    *,
    size: float,
    family: str = "sans",
    align: str = "left",
    color=colors.black,
) -> None:
    """Draw one line of plain text on a canvas with per-run fonts (for headers, footers)."""
    text = text_clean(text).replace("\n", " ")
    width = string_width(text, size, family=family)
    if align == "right":
        x -= width
    elif align == "center":
        x -= width / 2
    canvas.saveState()
    canvas.setFillColor(color)
    for name, run in text_runs(text, family=family):
        canvas.setFont(name, size)
        canvas.drawString(x, y, run)
        x += pdfmetrics.stringWidth(run, name, size)
    canvas.restoreState()


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


# Variable fonts whose default instance (the only one reportlab can use) is Thin.
_THIN_FONTS = frozenset({"NotoSansSC", "NotoSansJP", "NotoSansKR", "NotoSansTC"})


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
                f"Page {number} of {total}",
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
