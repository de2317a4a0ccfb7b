"""Petition delivery packets as PDFs: one state's cover letter and its signers.

Pure: `packet_pdf()` takes plain data and an iterable of signer rows and
writes one PDF; it reads no database and stores nothing itself
(petitions/delivery/worker.py does both). It uses the shared blocks in
core/pdf/, so packets follow the letters' rules: any name prints (font
fallback for Greek, Cyrillic, Arabic, CJK), and user text is never markup.

Memory stays flat however many people signed: the signer rows are pulled from
the iterable only as the layout reaches them, a page at a time, and each page
is written out when it is finished (page numbers say "Page i of n" through a
form that holds n, drawn once at the end), so neither the rows nor the pages
pile up.

What a packet holds about a signer: name, city, ZIP code and comment. Nothing
else is read from the rows (no email, street address or phone).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Spacer

from core import pdf as blocks
from core.dates import date_text

from .selectors import DELIVERY_FIELDS

COLUMNS = ["Name", "City", "ZIP", "Comment"]
# 6.5 in: the text width of a US Letter page with 1 in margins.
COLUMN_WIDTHS = [1.75 * inch, 1.25 * inch, 0.6 * inch, 2.9 * inch]
# At most this many signers per PDF (about 200 pages): a larger state gets several
# parts. Keeps each file printable and the build's memory bounded.
SIGNERS_PER_PDF = 5000
# The only fields a packet prints: what the delivery selector hands out.
SIGNER_FIELDS = DELIVERY_FIELDS


@dataclass(frozen=True)
class Chamber:
    name: str  # "Senate"; "" for a unicameral body already named in the address
    seats: int


@dataclass(frozen=True)
class PacketInfo:
    """Everything printed in one state's packet except the signers."""

    petition_title: str
    petition_paragraphs: list[str]
    petition_target: str
    state: str  # USPS code
    state_name: str
    legislature: str  # "California State Legislature"
    state_count: int
    total_count: int
    states_count: int
    date: datetime.date
    chambers: list[Chamber] = field(default_factory=list)
    sender: str = ""
    # A state with more than SIGNERS_PER_PDF signers is delivered in parts;
    # `first` is the number of this part's first signer (1-based).
    part: int = 1
    parts: int = 1
    first: int = 1


def signer_row(row: Mapping) -> list[str]:
    """A table row from a signer dict: name, city, ZIP, comment (nothing else)."""
    name = " ".join(
        part for part in (row.get("first_name"), row.get("last_name")) if part
    )
    return [
        name,
        row.get("city") or "",
        row.get("zip_code") or "",
        row.get("comment") or "",
    ]


def _chambers_text(chambers: list[Chamber]) -> str:
    parts = []
    for chamber in chambers:
        seats = f"{chamber.seats} members" if chamber.seats else ""
        if chamber.name and seats:
            parts.append(f"{chamber.name} ({seats})")
        else:  # a unicameral body named in the address already: "49 members"
            parts.append(chamber.name or seats)
    parts = [part for part in parts if part]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _cover(info: PacketInfo) -> list[Flowable]:
    styles = blocks.paragraph_styles()
    others = info.total_count - info.state_count
    people = "person" if info.state_count == 1 else "people"
    count_text = (
        f"{info.state_count:,} {people} in {info.state_name} signed the petition "
        f"below and confirmed their signature by email; {info.total_count:,} "
        f"signed it across {info.states_count:,} "
        f"{'state' if info.states_count == 1 else 'states'}"
        + (f" ({others:,} outside {info.state_name})." if others else ".")
    )
    story: list[Flowable] = [
        blocks.paragraph(date_text(info.date), styles["right"]),
        Spacer(0, 0.25 * inch),
        blocks.paragraph(
            f"To the members of the {info.legislature}", styles["address"]
        ),
    ]
    chambers = _chambers_text(info.chambers)
    if chambers:
        story.append(blocks.paragraph(chambers, styles["address"]))
    story += [
        Spacer(0, 0.3 * inch),
        blocks.paragraph(f"Petition: {info.petition_title}", styles["title"]),
        blocks.paragraph("Dear legislators,", styles["body"]),
        blocks.paragraph(count_text, styles["body"]),
        blocks.paragraph(
            "We deliver their names, cities, ZIP codes and comments with this "
            "letter, in the order they signed, so that you can see how many of "
            "your own constituents are asking. We share nothing else about them.",
            styles["body"],
        ),
        blocks.paragraph("The petition", styles["heading"]),
    ]
    if info.petition_target:
        story.append(blocks.paragraph(f"To: {info.petition_target}", styles["body"]))
    story += [
        blocks.paragraph(text, styles["body"]) for text in info.petition_paragraphs
    ]
    if info.sender:
        story += [
            Spacer(0, 0.15 * inch),
            blocks.paragraph("Sincerely,", styles["body"]),
            blocks.paragraph(info.sender, styles["body"]),
        ]
    return story


class _Row:
    """One signer's cells, ready to draw, and the row's height.

    A cell that fits on one line is kept as (font, text, width) runs and drawn
    in one text object per page (fast); a longer one becomes an escaped,
    wrapping Paragraph, measured once here.
    """

    __slots__ = ("cells", "height")

    def __init__(self, values, style):
        cells = []
        height = style.leading
        size = style.fontSize
        for value, width in zip(values, COLUMN_WIDTHS, strict=True):
            text = blocks.text_clean(value).strip()
            inner = width - 2 * CELL_PAD_X
            if "\n" not in text:
                runs = [
                    (font, run, pdfmetrics.stringWidth(run, font, size))
                    for font, run in blocks.text_runs(text, family="sans")
                ]
                if sum(run[2] for run in runs) <= inner:
                    cells.append(runs)
                    continue
            para = blocks.paragraph(text, style, family="sans")
            _, para_height = para.wrap(inner, 10_000)
            height = max(height, para_height)
            cells.append(para)
        self.cells = cells
        self.height = height + CELL_PAD_TOP + CELL_PAD_BOTTOM


CELL_PAD_X = 3
CELL_PAD_TOP = 2
CELL_PAD_BOTTOM = 3
RULE = colors.HexColor("#b0b0b0")
HEAD_FILL = colors.HexColor("#333333")


class _SignerPage(Flowable):
    """One page's part of the signer table: the header row, then the rows that fit."""

    def __init__(self, rows: list[_Row]):
        super().__init__()
        self.rows = rows
        self.head = _header_row()

    def wrap(self, available_width, available_height):
        self.width = sum(COLUMN_WIDTHS)
        self.height = self.head.height + sum(row.height for row in self.rows)
        return self.width, self.height

    def draw(self):
        canv = self.canv
        style = blocks.paragraph_styles()["cell"]
        size = style.fontSize
        top = self.height
        canv.saveState()
        canv.setFillColor(HEAD_FILL)
        canv.rect(
            0, top - self.head.height, self.width, self.head.height, stroke=0, fill=1
        )
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.25)
        text = canv.beginText()
        paragraphs = []
        for index, row in enumerate([self.head, *self.rows]):
            text.setFillColor(colors.white if index == 0 else colors.black)
            x = 0.0
            for cell, width in zip(row.cells, COLUMN_WIDTHS, strict=True):
                if isinstance(cell, list):
                    if cell:
                        text.setTextOrigin(x + CELL_PAD_X, top - CELL_PAD_TOP - size)
                        for font, run, _ in cell:
                            text.setFont(font, size, style.leading)
                            text.textOut(run)
                else:
                    paragraphs.append((cell, x + CELL_PAD_X, top - CELL_PAD_TOP))
                x += width
            top -= row.height
            if index:
                canv.line(0, top, self.width, top)
        canv.drawText(text)
        canv.restoreState()
        for para, x, cell_top in paragraphs:
            para.drawOn(canv, x, cell_top - para.height)


def _header_row() -> _Row:
    return _Row(COLUMNS, blocks.paragraph_styles()["cell"])


class _SignerTable(Flowable):
    """The table of signers, taken from an iterator and laid out a page at a time.

    Each time reportlab offers the space left on a page, `split()` prepares only
    the rows that fit there (measuring each once) and hands back a _SignerPage
    plus a _SignerTable for the rest, so no more than a page of rows is ever
    held, and no row is measured twice (unlike splitting a big reportlab Table).
    """

    def __init__(self, rows: Iterator[Mapping], carry: _Row | None = None):
        super().__init__()
        self._rows = rows
        self._carry = carry

    def _next(self) -> _Row | None:
        if self._carry is not None:
            row, self._carry = self._carry, None
            return row
        values = next(self._rows, None)
        if values is None:
            return None
        return _Row(signer_row(values), blocks.paragraph_styles()["cell"])

    def wrap(self, available_width, available_height):
        self._carry = self._next()
        if self._carry is None:
            return available_width, 0  # nothing (left) to draw
        # Taller than any page: reportlab always asks us to split().
        return available_width, available_height + 1

    def split(self, available_width, available_height):
        head = _header_row().height
        used = head
        rows: list[_Row] = []
        while True:
            row = self._next()
            if row is None:
                return [_SignerPage(rows)] if rows else []
            if used + row.height > available_height:
                self._carry = row
                if not rows:
                    return []  # not even one row fits here: the next page
                return [_SignerPage(rows), _SignerTable(self._rows, carry=row)]
            rows.append(row)
            used += row.height

    def draw(self):
        pass


class _PacketCanvas(Canvas):
    """A canvas that writes each page out as it finishes (memory stays flat).

    Draws the running header (from page 2) and "Page i of n" on every page; n is
    a form drawn once at the end and referenced from every page, so no page has
    to wait for the total. Thin CJK fallback fonts are drawn at a regular weight
    as in core/pdf/.
    """

    beginText = blocks.FurnitureCanvas.beginText
    TOTAL_FORM = "PageTotal"

    def __init__(self, *args, header="", **kwargs):
        super().__init__(*args, **kwargs)
        self._header = header

    def showPage(self):
        self._furniture()
        super().showPage()

    def _furniture(self):
        width, height = self._pagesize
        number = self.getPageNumber()
        grey = colors.HexColor("#4a4a4a")
        if self._header and number > 1:
            blocks.draw_running_header(self, self._header)
        label = f"Page {number} of "
        size = 8.5
        x = width / 2 - blocks.string_width(label + "000", size, family="sans") / 2
        blocks.draw_string(
            self, x, 0.45 * inch, label, size=size, family="sans", color=grey
        )
        self.saveState()
        self.translate(x + blocks.string_width(label, size, family="sans"), 0.45 * inch)
        self.doForm(self.TOTAL_FORM)
        self.restoreState()

    def save(self):
        pages = self.getPageNumber() - 1
        self.beginForm(self.TOTAL_FORM)
        blocks.draw_string(
            self,
            0,
            0,
            str(pages),
            size=8.5,
            family="sans",
            color=colors.HexColor("#4a4a4a"),
        )
        self.endForm()
        super().save()


def parts_count(signers: int) -> int:
    """How many PDFs a state with `signers` signers is delivered in."""
    return max(1, -(-signers // SIGNERS_PER_PDF))


def packet_pdf(info: PacketInfo, rows: Iterable[Mapping], out) -> None:
    """Write one state's packet (or one part of it) to `out` (a path or binary file).

    The cover letter, then (from a new page) the table of signers (name, city,
    ZIP, comment) with its header row on every page, a running header from the
    second page and "Page i of n" at the foot. Parts after the first start with
    the table. `rows` is consumed lazily, once.
    """
    styles = blocks.paragraph_styles()
    signers = "signer" if info.state_count == 1 else "signers"
    header = f"Petition: {info.petition_title} · {info.state_name} · {info.state_count:,} {signers}"
    heading = f"Signers in {info.state_name} ({info.state_count:,})"
    title = f"Petition: {info.petition_title} ({info.state_name})"
    if info.parts > 1:
        header += f" · part {info.part} of {info.parts}"
        title += f", part {info.part} of {info.parts}"
        last = min(info.first + SIGNERS_PER_PDF - 1, info.state_count)
        heading = (
            f"Signers in {info.state_name}, part {info.part} of {info.parts}: "
            f"{info.first:,} to {last:,} of {info.state_count:,}"
        )
    story = []
    if info.part == 1:
        story += [*_cover(info), PageBreak()]  # the cover letter stands on its own
    else:
        story.append(blocks.paragraph(title, styles["title"]))
    story += [blocks.paragraph(heading, styles["heading"]), _SignerTable(iter(rows))]
    doc = blocks.pdf_document(
        out,
        title=title,
        author=info.sender or "Petition organizers",
        subject=f"Delivery of the petition to the {info.legislature}",
        keywords=["petition", "delivery", info.state_name],
    )
    doc.build(story, canvasmaker=partial(_PacketCanvas, header=header))
