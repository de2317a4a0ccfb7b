"""Petition delivery packets as PDFs: one state's cover letter and its signers.

Pure: `packet_pdf()` takes plain data and an iterable of signer rows and
writes one PDF; it reads no database and stores nothing itself
(petitions/delivery.py does both). It uses the shared blocks in
advocacy/pdf.py, so packets follow the letters' rules: any name prints (font
fallback for Greek, Cyrillic, Arabic, CJK), and user text is never markup.

Memory stays flat however many people signed: the signer rows are pulled from
the iterable a table of ROWS_PER_TABLE rows at a time, as the layout reaches
them, instead of building the whole story first.

What a packet holds about a signer: name, city, ZIP code and comment. Nothing
else is read from the rows (no email, street address or phone).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, PageBreak, Spacer

from advocacy import pdf as blocks

COLUMNS = ["Name", "City", "ZIP", "Comment"]
# 6.5 in: the text width of a US Letter page with 1 in margins.
COLUMN_WIDTHS = [1.75 * inch, 1.25 * inch, 0.6 * inch, 2.9 * inch]
# Several page-sized tables rather than one huge one: reportlab lays a table out
# as a whole, so its cost grows with the rows held at once.
ROWS_PER_TABLE = 300
# The only fields a packet prints.
SIGNER_FIELDS = ("first_name", "last_name", "city", "zip_code", "comment")


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


def date_text(day: datetime.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


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


def _tables(rows: Iterable[Mapping]) -> Iterator[Flowable]:
    """Tables of at most ROWS_PER_TABLE signers, made only when the layout needs them."""
    chunk: list[list[str]] = []
    for row in rows:
        chunk.append(signer_row(row))
        if len(chunk) >= ROWS_PER_TABLE:
            yield blocks.table([COLUMNS, *chunk], col_widths=COLUMN_WIDTHS)
            chunk = []
    if chunk:
        yield blocks.table([COLUMNS, *chunk], col_widths=COLUMN_WIDTHS)


class _LazyStory(list):
    """A story list that takes more flowables from an iterator as reportlab consumes it.

    reportlab's `build()` reads `len()`, `[0]` and `[1]`, deletes from the front
    and puts split parts back; keeping two flowables ahead is enough for it.
    """

    def __init__(self, head, more):
        super().__init__(head)
        self._more = iter(more)

    def _fill(self):
        while self._more is not None and list.__len__(self) < 2:
            try:
                self.append(next(self._more))
            except StopIteration:
                self._more = None

    def __len__(self):
        self._fill()
        return list.__len__(self)

    def __getitem__(self, index):
        self._fill()
        return list.__getitem__(self, index)


def packet_pdf(info: PacketInfo, rows: Iterable[Mapping], out) -> None:
    """Write one state's packet to `out` (a path or a binary file object).

    The cover letter, then (from a new page) the table of signers (name, city, ZIP, comment) with
    its header row repeated on every page, a running header on every page and
    "Page i of n" at the foot. `rows` is consumed lazily, once.
    """
    styles = blocks.paragraph_styles()
    header = (
        f"Petition: {info.petition_title} · {info.state_name} · "
        f"{info.state_count:,} {'signer' if info.state_count == 1 else 'signers'}"
    )
    head = [
        blocks.SectionStart(
            blocks.Section(
                header=header, header_on_first_page=False, number_pages="always"
            )
        ),
        *_cover(info),
        PageBreak(),  # the cover letter stands on its own
        blocks.paragraph(
            f"Signers in {info.state_name} ({info.state_count:,})", styles["heading"]
        ),
    ]
    doc = blocks.pdf_document(
        out,
        title=f"Petition: {info.petition_title} ({info.state_name})",
        author=info.sender or "Petition organizers",
        subject=f"Delivery of the petition to the {info.legislature}",
        keywords=["petition", "delivery", info.state_name],
    )
    doc.build(_LazyStory(head, _tables(rows)), canvasmaker=blocks.FurnitureCanvas)
