"""Petition delivery packets as PDFs: one state's cover letter and its signers.

Pure: `packet_pdf()` takes plain data and an iterable of signer rows and
writes one PDF; it reads no database and stores nothing itself
(petitions/delivery/worker.py does both). It uses the shared blocks in
core/pdf/, so packets follow the letters' rules: any name prints (font
fallback for Greek, Cyrillic, Arabic, CJK), and user text is never markup.

What a packet holds, in order:

1. A one-page cover letter from the organization (its letterhead: name,
   postal address, email, phone, website) to the state's chamber(s): the
   date, the count for the state and overall, the petition in brief, an ask
   fitted to where the state's law stands (petitions/data/delivery_cover.yaml)
   and the sign-off. It is laid out to fit one page whatever the texts' length
   (shrunk if it must be), so the sign-off never sits alone on page 2.
2. From page 2: the number of signers per district (the upper chamber's,
   then the lower chamber's in a bicameral state), the petition's full text,
   then the signers grouped by district with row numbers, numbered
   continuously across the groups and the parts.

A campaign addressed to another office (campaigns.Campaign.target "custom":
a governor, a company's privacy office) gets one packet instead, addressed
to that office at its postal address, with every signer grouped by state,
then district (PacketInfo.addressee_lines). A campaign addressed to one
chamber only ("To the members of the Virginia Senate") counts and groups by
that chamber's districts alone.

A signer's district is the likeliest one for their ZIP code
(states.selectors.zip_districts_likeliest: the largest share of the ZIP's
land); a ZIP that spans several districts is marked "*" with a legend at the
foot of every page, and a ZIP not in the district table lands in "District
not known". Bicameral states are grouped by the upper-chamber (Senate)
district, with the lower-chamber district in a column: fewer, larger groups,
and each Senate district's members find their constituents in one place.

Memory stays flat however many people signed: the signer rows are pulled from
the iterable only as the layout reaches them, a page at a time, and each page
is written out when it is finished (page numbers say "Page i of n" through a
form that holds n, drawn once at the end), so neither the rows nor the pages
pile up.

What a packet holds about a signer: name, city, ZIP code and comment, and the
districts worked out from the ZIP. Nothing else is read from the rows (no
email, street address or phone).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path

import yaml
from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepInFrame,
    PageBreak,
    Spacer,
)

from core import pdf as blocks
from core.dates import date_text

from .selectors import DELIVERY_FIELDS

COVER_FILE = Path(__file__).resolve().parent.parent / "data" / "delivery_cover.yaml"
# At most this many signers per PDF (about 200 pages): a larger state gets several
# parts. Keeps each file printable and the build's memory bounded.
SIGNERS_PER_PDF = 5000
# The only fields a packet prints: what the delivery selector hands out.
SIGNER_FIELDS = DELIVERY_FIELDS
# A ZIP code spanning several districts is marked with this, explained in LEGEND.
SPANS_MARK = "*"
LEGEND = (
    "* The ZIP code spans several districts: listed in the likeliest (most of "
    "the ZIP's land, where known); the signer may live in another."
)
UNKNOWN_DISTRICT = "District not known"
# 6.5 in: the text width of a US Letter page with 1 in margins.
TEXT_WIDTH = 6.5 * inch
# Where the statewide count of non-state jurisdictions changes the noun.
NON_STATES = frozenset({"DC", "PR"})

COVER_TOP = 0.6 * inch  # the cover has a letterhead, not a running header


@dataclass(frozen=True)
class Chamber:
    name: str  # "Senate"; "" for a unicameral body already named in the address
    seats: int


@dataclass(frozen=True)
class Letterhead:
    """The organization sending the packet (core.selectors.OrganizationInfo)."""

    name: str
    address_lines: list[str] = field(default_factory=list)
    email: str = ""
    phone: str = ""
    website: str = ""


@dataclass(frozen=True)
class DistrictCount:
    district: str | None  # None: district not known
    signers: int
    shared: int = 0  # of them, signers whose ZIP spans several districts


@dataclass(frozen=True)
class DistrictTally:
    """Signers per district in one chamber, in natural order, unknown last."""

    chamber: str  # "upper", "lower", "legislature"
    chamber_name: str  # "Senate", "Assembly", "Nebraska Legislature"
    counts: list[DistrictCount] = field(default_factory=list)
    unicameral: bool = False
    # The districts are already full labels ("California: Senate District
    # 11"): a custom target's packet groups the signers of every state.
    plain_labels: bool = False


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
    organization: Letterhead | None = None
    petition_summary: str = ""
    # Where the state's law stands (states.models.LawStanding) and its name.
    standing: str = "unresearched"
    law_name: str = ""
    # True when DC or Puerto Rico are among the places counted ("jurisdictions").
    non_states: bool = False
    # The signers are grouped by the first tally's districts; the second (a
    # bicameral state's lower chamber) is a column.
    tallies: list[DistrictTally] = field(default_factory=list)
    # A state with more than SIGNERS_PER_PDF signers is delivered in parts;
    # `first` is the number of this part's first signer (1-based).
    part: int = 1
    parts: int = 1
    first: int = 1
    # A custom target (campaigns.Campaign.target "custom"): the office's name
    # and postal address lines, and how the letter opens ("Dear Governor X").
    # Empty for a packet to a state's legislators.
    addressee_lines: list[str] = field(default_factory=list)
    salutation_text: str = ""

    @property
    def sender(self) -> str:
        return self.organization.name if self.organization else ""

    @property
    def custom_target(self) -> bool:
        return bool(self.addressee_lines)

    @property
    def place(self) -> str:
        """Where the packet's signers live: "California", or for a custom
        target "3 states" ("1 state", "2 jurisdictions")."""
        if self.custom_target:
            return places_noun(self.states_count, non_states=self.non_states)
        return self.state_name


# --------------------------------------------------------------------------
# Words


def plural(count: int, one: str, many: str) -> str:
    """ "1 person", "2 people", "1,234 people"."""
    return f"{count:,} {one if count == 1 else many}"


def places_noun(count: int, *, non_states: bool) -> str:
    """ "1 state", "3 states", "3 jurisdictions" (DC or Puerto Rico among them)."""
    if non_states:
        return plural(count, "jurisdiction", "jurisdictions")
    return plural(count, "state", "states")


def district_label(tally: DistrictTally, district: str | None) -> str:
    """ "Senate District 11", "Ward 6", "Legislative District 12" (Nebraska),
    "House: 1st Barnstable" (a named district), "District not known"."""
    if district is None:
        return UNKNOWN_DISTRICT
    if tally.plain_labels or district.startswith("Ward "):
        return district
    chamber = "Legislative" if tally.unicameral else tally.chamber_name
    if re.fullmatch(r"\d+[A-Z]?|[A-Z]{1,2}", district):
        return f"{chamber} District {district}"
    return f"{chamber}: {district}"


def district_column_title(tally: DistrictTally) -> str:
    if tally.plain_labels:
        return "State and district"
    if tally.unicameral:
        return "Ward" if tally.chamber_name.startswith("Council") else "District"
    return f"{tally.chamber_name} district"


def _law_title(name: str) -> str:
    name = (name or "").strip()
    if not name:
        return "its privacy law"
    return name if name.lower().startswith("the ") else f"the {name}"


@cache
def cover_wording() -> dict:
    """The cover letter's wording (petitions/data/delivery_cover.yaml)."""
    return yaml.safe_load(COVER_FILE.read_text(encoding="utf-8"))


def ask_text(info: PacketInfo) -> str:
    """The ask fitted to where the state's law stands."""
    asks = cover_wording()["asks"]
    if info.custom_target:
        return asks["custom"].strip()
    template = asks.get(info.standing) or asks["unresearched"]
    law = _law_title(info.law_name)
    text = template.format(state=info.state_name, law=law)
    return text[0].upper() + text[1:]


def count_text(info: PacketInfo) -> str:
    """ "2 people in California signed ...; in all, 4 people signed it across 3 states." """
    if info.custom_target:
        total = plural(info.total_count, "person", "people")
        places = places_noun(info.states_count, non_states=info.non_states)
        return (
            f"{total} in {places} signed the petition below and confirmed "
            "their signature by email."
        )
    state = plural(info.state_count, "person", "people")
    text = (
        f"{state} in {info.state_name} signed the petition below and "
        "confirmed their signature by email."
    )
    total = plural(info.total_count, "person", "people")
    places = places_noun(info.states_count, non_states=info.non_states)
    return text + f" In all, {total} signed it across {places}."


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


def salutation(info: PacketInfo) -> str:
    """ "Dear Members of the Senate and Assembly," or "... of the Nebraska Legislature,"."""
    if info.custom_target:
        text = (info.salutation_text or "Dear Sir or Madam").strip().rstrip(",:")
        return f"{text},"
    names = [chamber.name for chamber in info.chambers if chamber.name]
    if len(names) >= 2:
        return f"Dear Members of the {' and the '.join(names)},"
    if names and len(info.chambers) > 1:
        return f"Dear Members of the {names[0]},"
    return f"Dear Members of the {info.legislature},"


def grouping_text(info: PacketInfo) -> str:
    if not info.tallies:
        return "in the order they signed"
    group = info.tallies[0]
    if group.plain_labels:
        return "listed by state, then by their district"
    if group.unicameral:
        noun = "ward" if group.chamber_name.startswith("Council") else "district"
        return f"listed by {noun}"
    text = f"listed by {group.chamber_name} district"
    if len(info.tallies) > 1:
        text += f" with their {info.tallies[1].chamber_name} district"
    return text


_POINT = re.compile(r"^(\d+)[.)]\s+(.*)$", re.S)


def petition_brief(info: PacketInfo, limit: int = 700) -> str:
    """The petition in brief, in its own words: its opening paragraph (after a
    salutation such as "To our state legislators:") and the first sentence of
    each numbered point ("1. Requires consent ..."), cut at a word; its summary
    when the text gives nothing (the summary is written for visitors: "Ask
    your state legislators ...")."""
    paragraphs = list(info.petition_paragraphs)
    if paragraphs and len(paragraphs[0]) < 80 and paragraphs[0].endswith((":", ",")):
        paragraphs = paragraphs[1:]
    intro = ""
    if paragraphs and not _POINT.match(paragraphs[0]):
        intro = paragraphs[0]
        if intro.endswith(":"):  # it introduces the points below
            intro = ""
    points = []
    for paragraph in paragraphs:
        match = _POINT.match(paragraph)
        if match:
            first = re.split(r"(?<=[.!?])\s", match.group(2).strip(), maxsplit=1)[0]
            points.append(f"{match.group(1)}. {first}")
    text = intro
    if points:
        text = f"{text} Its points: {' '.join(points)}".strip()
    text = " ".join(text.split()) or info.petition_summary.strip()
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    return text


# --------------------------------------------------------------------------
# The cover letter


def _letterhead(org: Letterhead | None) -> list[Flowable]:
    styles = blocks.paragraph_styles()
    if org is None:
        return []
    lines = [blocks.paragraph(org.name, styles["heading"])]
    lines += [blocks.paragraph(line, styles["muted"]) for line in org.address_lines]
    contact = " · ".join(
        part
        for part in (org.email, org.phone, org.website.split("://", 1)[-1].rstrip("/"))
        if part
    )
    if contact:
        lines.append(blocks.paragraph(contact, styles["muted"]))
    lines.append(Spacer(0, 4))
    lines.append(HRFlowable(width="100%", thickness=0.5, color=RULE, spaceAfter=0))
    return lines


def _cover(info: PacketInfo) -> list[Flowable]:
    styles = blocks.paragraph_styles()
    wording = cover_wording()
    story: list[Flowable] = [
        *_letterhead(info.organization),
        Spacer(0, 0.2 * inch),
        blocks.paragraph(date_text(info.date), styles["right"]),
        Spacer(0, 0.15 * inch),
    ]
    if info.custom_target:  # the office's name and postal address, as on an envelope
        story += [
            blocks.paragraph(line, styles["address"]) for line in info.addressee_lines
        ]
    else:
        story.append(
            blocks.paragraph(
                f"To the members of the {info.legislature}", styles["address"]
            )
        )
        chambers = _chambers_text(info.chambers)
        if chambers:
            story.append(blocks.paragraph(chambers, styles["address"]))
    story += [
        Spacer(0, 0.2 * inch),
        blocks.paragraph(f"Petition: {info.petition_title}", styles["subject"]),
        blocks.paragraph(salutation(info), styles["body"]),
        blocks.paragraph(count_text(info), styles["body"]),
    ]
    brief = petition_brief(info)
    if brief:
        story.append(
            blocks.paragraph(f"The petition, in brief: {brief}", styles["body"])
        )
    story += [
        blocks.paragraph(ask_text(info), styles["body"]),
        blocks.paragraph(
            wording["contents"].format(grouping=grouping_text(info)).strip(),
            styles["body"],
        ),
        blocks.paragraph(wording["closing"].strip(), styles["body"]),
    ]
    if info.sender:
        story += [
            Spacer(0, 0.05 * inch),
            blocks.paragraph(wording["sign_off"], styles["body"]),
            blocks.paragraph(info.sender, styles["body"]),
        ]
    # One page, always: what does not fit is shrunk rather than pushed over.
    height = blocks.PAGE_SIZE[1] - COVER_TOP - 0.85 * inch
    return [KeepInFrame(TEXT_WIDTH, height - 12, story, mode="shrink")]


def _petition_text(info: PacketInfo) -> list[Flowable]:
    styles = blocks.paragraph_styles()
    story = [blocks.paragraph("The petition", styles["heading"])]
    if info.petition_target:
        story.append(blocks.paragraph(f"To: {info.petition_target}", styles["body"]))
    story += [
        blocks.paragraph(text, styles["body"]) for text in info.petition_paragraphs
    ]
    return story


def _tally_tables(info: PacketInfo) -> list[Flowable]:
    """The count per district: one table per chamber."""
    styles = blocks.paragraph_styles()
    story: list[Flowable] = []
    for tally in info.tallies:
        title = district_column_title(tally)
        lower = tally.unicameral or tally.plain_labels
        heading = f"Signers by {title.lower() if lower else title}"
        rows = [
            [
                title,
                "Signers",
                f"Of them, ZIP spans several districts {SPANS_MARK}",
            ]
        ]
        for count in tally.counts:
            label = (
                count.district
                if count.district is not None
                else f"{UNKNOWN_DISTRICT} (ZIP code not in the table)"
            )
            shared = f"{count.shared:,}" if count.shared else ""
            rows.append([label, f"{count.signers:,}", shared])
        rows.append(["All", f"{sum(c.signers for c in tally.counts):,}", ""])
        story += [
            blocks.paragraph(heading, styles["heading"]),
            blocks.table(rows, col_widths=[3.1 * inch, 0.9 * inch, 2.5 * inch]),
            Spacer(0, 0.15 * inch),
        ]
    return story


# --------------------------------------------------------------------------
# The signer table, drawn a page at a time


def signer_row(row: Mapping) -> list[str]:
    """A signer's printed cells from a row dict: name, city, ZIP, comment (nothing else)."""
    name = " ".join(
        part for part in (row.get("first_name"), row.get("last_name")) if part
    )
    return [
        name,
        row.get("city") or "",
        row.get("zip_code") or "",
        row.get("comment") or "",
    ]


def rows_with_districts(
    rows: Iterable[Mapping],
    *,
    lookup: Mapping[str, Mapping],
    group_chamber: str | None,
    column_chamber: str | None = None,
    start: int = 1,
) -> Iterator[dict]:
    """Number the rows (from `start`) and add each signer's likeliest districts.

    `lookup` is {ZIP: {chamber: guess}} (states.selectors.zip_districts_likeliest);
    adds "number", "district" and "district_spans" (the group chamber; None and
    0 when the ZIP is not in the table), "other" and "other_spans" (the column
    chamber). Lazy: one row at a time.
    """
    for number, row in enumerate(rows, start):
        guesses = lookup.get((row.get("zip_code") or "")[:5]) or {}
        group = guesses.get(group_chamber) if group_chamber else None
        other = guesses.get(column_chamber) if column_chamber else None
        yield {
            **row,
            "number": number,
            "district": group.district if group else None,
            "district_spans": group.spans if group else 0,
            "other": other.district if other else "",
            "other_spans": other.spans if other else 0,
        }


@dataclass(frozen=True)
class _Layout:
    """The signer table's columns for one packet."""

    titles: list[str]
    widths: list[float]
    with_other: bool


def _layout(info: PacketInfo) -> _Layout:
    if len(info.tallies) > 1:
        other = district_column_title(info.tallies[1])
        titles = ["No.", "Name", "City", "ZIP", other, "Comment"]
        widths = [0.5 * inch, 1.5 * inch, 1.05 * inch, 0.88 * inch, 0.9 * inch]
        # Named districts ("Windsor-Orange-2", "Barnstable, Dukes and
        # Nantucket") get room for one line, up to 1.9 in, from the comment
        # (a comment too long for its column goes under the row anyway).
        size = blocks.paragraph_styles()["cell"].fontSize
        longest = max(
            (
                blocks.string_width(c.district + SPANS_MARK, size, family="sans")
                for c in info.tallies[1].counts
                if c.district
            ),
            default=0,
        )
        widths[4] = min(max(widths[4], longest + 2 * CELL_PAD_X + 1), 1.9 * inch)
        widths.append(TEXT_WIDTH - sum(widths))
        return _Layout(titles, widths, True)
    titles = ["No.", "Name", "City", "ZIP", "Comment"]
    widths = [0.5, 1.65, 1.2, 0.88, 2.27]
    return _Layout(titles, [w * inch for w in widths], False)


def _cells(row: Mapping, layout: _Layout) -> list[str]:
    name, city, zip_code, comment = signer_row(row)
    if row.get("district_spans", 0) > 1:
        zip_code += SPANS_MARK
    cells = [f"{row.get('number', '')}", name, city, zip_code]
    if layout.with_other:
        other = row.get("other") or ""
        if other and row.get("other_spans", 0) > 1:
            other += SPANS_MARK
        cells.append(other)
    cells.append(comment)
    return cells


CELL_PAD_X = 3
CELL_PAD_TOP = 2
CELL_PAD_BOTTOM = 3
RULE = colors.HexColor("#b0b0b0")
HEAD_FILL = colors.HexColor("#333333")
GROUP_FILL = colors.HexColor("#e6e6e6")


class _Row:
    """One signer's cells, ready to draw, and the row's height.

    A cell that fits on one line is kept as (font, text, width) runs and drawn
    in one text object per page (fast); a longer one becomes an escaped,
    wrapping Paragraph, measured once here. With `spill_last`, a last cell
    (the comment) too long for its column goes on the lines below the row
    instead, from the second column to the right edge: easier to read, and
    fewer lines than wrapping in a narrow column.
    """

    __slots__ = ("below", "cells", "height", "widths")
    group = False

    def __init__(self, values, style, widths, *, spill_last=False):
        cells = []
        height = style.leading
        size = style.fontSize
        self.below = None
        last = len(values) - 1
        for index, (value, width) in enumerate(zip(values, widths, strict=True)):
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
            if spill_last and index == last:
                below = sum(widths) - widths[0] - 2 * CELL_PAD_X
                _, para_height = para.wrap(below, 10_000)
                self.below = (para, para_height)
                cells.append([])
                continue
            _, para_height = para.wrap(inner, 10_000)
            height = max(height, para_height)
            cells.append(para)
        if self.below is not None:
            height += self.below[1]
        self.cells = cells
        self.widths = widths
        self.height = height + CELL_PAD_TOP + CELL_PAD_BOTTOM


class _GroupRow:
    """A district's heading inside the signer table: one full-width shaded row."""

    group = True
    SIZE = 10

    def __init__(self, label: str, detail: str = ""):
        self.label = label
        self.detail = detail
        self.text = f"{label} · {detail}" if detail else label
        self.runs = blocks.text_runs(blocks.text_clean(self.text), family="sans")
        self.height = self.SIZE * 1.3 + 2 * CELL_PAD_TOP + CELL_PAD_BOTTOM

    def continued(self) -> _GroupRow:
        return _GroupRow(f"{self.label} (continued)")


class _SignerPage(Flowable):
    """One page's part of the signer table: the header row, then the rows that fit."""

    def __init__(self, rows: list, layout: _Layout):
        super().__init__()
        self.rows = rows
        self.layout = layout
        self.head = _header_row(layout)

    def wrap(self, available_width, available_height):
        self.width = sum(self.layout.widths)
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
        # Shaded bands behind the district headings, before any text.
        band_top = top - self.head.height
        for row in self.rows:
            if row.group:
                canv.setFillColor(GROUP_FILL)
                canv.rect(
                    0, band_top - row.height, self.width, row.height, stroke=0, fill=1
                )
            band_top -= row.height
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.25)
        text = canv.beginText()
        paragraphs = []
        for index, row in enumerate([self.head, *self.rows]):
            text.setFillColor(colors.white if index == 0 else colors.black)
            if row.group:
                text.setTextOrigin(CELL_PAD_X, top - CELL_PAD_TOP - row.SIZE * 1.1)
                for font, run in row.runs:
                    text.setFont(font, row.SIZE, row.SIZE * 1.3)
                    text.textOut(run)
            else:
                x = 0.0
                for cell, width in zip(row.cells, row.widths, strict=True):
                    if isinstance(cell, list):
                        if cell:
                            text.setTextOrigin(
                                x + CELL_PAD_X, top - CELL_PAD_TOP - size
                            )
                            for font, run, _ in cell:
                                text.setFont(font, size, style.leading)
                                text.textOut(run)
                    else:
                        paragraphs.append((cell, x + CELL_PAD_X, top - CELL_PAD_TOP))
                    x += width
                if row.below is not None:  # the comment, under the row
                    paragraphs.append(
                        (
                            row.below[0],
                            row.widths[0] + CELL_PAD_X,
                            top - CELL_PAD_TOP - style.leading,
                        )
                    )
            top -= row.height
            if index:
                canv.line(0, top, self.width, top)
        canv.drawText(text)
        canv.restoreState()
        for para, x, cell_top in paragraphs:
            para.drawOn(canv, x, cell_top - para.height)


def _header_row(layout: _Layout) -> _Row:
    return _Row(layout.titles, blocks.paragraph_styles()["cell_head"], layout.widths)


class _Items:
    """The table's items (district headings and signer rows) from the row dicts,
    made one at a time, with room to push back items for the next page."""

    def __init__(self, rows: Iterator[Mapping], info: PacketInfo, layout: _Layout):
        self._rows = rows
        self._layout = layout
        self._style = blocks.paragraph_styles()["cell"]
        self._back: list = []
        self._tally = info.tallies[0] if info.tallies else None
        self._counts = (
            {c.district: c.signers for c in self._tally.counts} if self._tally else {}
        )
        self._district: object = _NO_GROUP
        self.current: _GroupRow | None = None  # the heading of the group in progress

    def push_back(self, *items):
        self._back[:0] = items

    def next(self):
        if self._back:
            return self._back.pop(0)
        values = next(self._rows, None)
        if values is None:
            return None
        row = _Row(
            _cells(values, self._layout),
            self._style,
            self._layout.widths,
            spill_last=True,
        )
        if self._tally is not None and values.get("district") != self._district:
            self._district = values.get("district")
            count = self._counts.get(self._district)
            detail = plural(count, "signer", "signers") if count else ""
            if self._district is None:
                detail = (
                    detail + ", " if detail else ""
                ) + "ZIP code not in the district table"
            heading = _GroupRow(district_label(self._tally, self._district), detail)
            self._back.append(row)
            return heading
        return row


_NO_GROUP = object()


class _SignerTable(Flowable):
    """The table of signers, taken from an iterator and laid out a page at a time.

    Each time reportlab offers the space left on a page, `split()` prepares only
    the rows that fit there (measuring each once) and hands back a _SignerPage
    plus a _SignerTable for the rest, so no more than a page of rows is ever
    held, and no row is measured twice (unlike splitting a big reportlab Table).
    A district heading never ends a page, and a group that runs on to the next
    page starts it with its heading again, "(continued)".
    """

    def __init__(self, items: _Items, layout: _Layout):
        super().__init__()
        self._items = items
        self._layout = layout

    def wrap(self, available_width, available_height):
        item = self._items.next()
        if item is None:
            return available_width, 0  # nothing (left) to draw
        self._items.push_back(item)
        # Taller than any page: reportlab always asks us to split().
        return available_width, available_height + 1

    def split(self, available_width, available_height):
        items = self._items
        used = _header_row(self._layout).height
        rows: list = []
        first = items.next()
        if first is None:
            return []
        if not first.group and items.current is not None:
            items.push_back(items.current.continued(), first)
        else:
            items.push_back(first)
        while True:
            item = items.next()
            if item is None:
                break
            if used + item.height > available_height:
                items.push_back(item)
                break
            if item.group and not item.label.endswith("(continued)"):
                items.current = item
            rows.append(item)
            used += item.height
        while rows and rows[-1].group:  # no heading alone at the foot of a page
            items.push_back(rows.pop())
        if not rows:
            return []  # not even one row fits here: the next page
        return [_SignerPage(rows, self._layout), _SignerTable(items, self._layout)]

    def draw(self):
        pass


class _PacketCanvas(Canvas):
    """A canvas that writes each page out as it finishes (memory stays flat).

    Draws the running header (from page 2), the legend of the "*" mark (from
    `legend_from`) and "Page i of n" on every page; n is a form drawn once at
    the end and referenced from every page, so no page has to wait for the
    total. Thin CJK fallback fonts are drawn at a regular weight as in core/pdf/.
    """

    beginText = blocks.FurnitureCanvas.beginText
    TOTAL_FORM = "PageTotal"

    def __init__(self, *args, header="", legend="", legend_from=2, **kwargs):
        super().__init__(*args, **kwargs)
        self._header = header
        self._legend = legend
        self._legend_from = legend_from

    def showPage(self):
        self._furniture()
        super().showPage()

    def _furniture(self):
        width, height = self._pagesize
        number = self.getPageNumber()
        grey = colors.HexColor("#4a4a4a")
        if self._header and number > 1:
            blocks.draw_running_header(self, self._header)
        if self._legend and number >= self._legend_from:
            blocks.draw_string(
                self,
                1 * inch,
                0.66 * inch,
                self._legend,
                size=7.5,
                family="sans",
                color=grey,
            )
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

    The one-page cover letter; then (from page 2) the count per district, the
    petition's text and the signers grouped by district (rows from
    `rows_with_districts()`, in group order), with the table's header row on
    every page, a running header from the second page and "Page i of n" at the
    foot. Parts after the first start with the table. `rows` is consumed
    lazily, once.
    """
    styles = blocks.paragraph_styles()
    signers = plural(info.state_count, "signer", "signers")
    header = f"Petition: {info.petition_title} · {info.place} · {signers}"
    heading = f"Signers in {info.place} ({info.state_count:,})"
    title = f"Petition: {info.petition_title} ({info.place})"
    if info.parts > 1:
        header += f" · part {info.part} of {info.parts}"
        title += f", part {info.part} of {info.parts}"
        last = min(info.first + SIGNERS_PER_PDF - 1, info.state_count)
        heading = (
            f"Signers in {info.place}, part {info.part} of {info.parts}: "
            f"{info.first:,} to {last:,} of {info.state_count:,}"
        )
    if info.tallies:
        heading += f", by {grouping_text(info).removeprefix('listed by ')}"
    layout = _layout(info)
    story: list[Flowable] = []
    if info.part == 1:
        story += [*_cover(info), PageBreak()]  # the cover letter stands on its own
        story += [*_tally_tables(info), *_petition_text(info)]
    else:
        story.append(blocks.paragraph(title, styles["title"]))
    story += [
        blocks.paragraph(heading, styles["heading"]),
        _SignerTable(_Items(iter(rows), info, layout), layout),
    ]
    doc = blocks.pdf_document(
        out,
        title=title,
        author=info.sender or "Petition organizers",
        subject=f"Delivery of the petition to the {info.legislature}",
        keywords=["petition", "delivery", info.place],
        first_top=COVER_TOP if info.part == 1 else None,
    )
    legend = LEGEND if info.tallies else ""
    doc.build(
        story,
        canvasmaker=partial(
            _PacketCanvas,
            header=header,
            legend=legend,
            legend_from=2 if info.part == 1 else 1,
        ),
    )
