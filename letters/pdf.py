"""Letters as print-ready PDFs (US Letter, #10 window envelope).

Pure functions: they take composed `Letter`s (letters/compose.py) and return
bytes. No database, no request, nothing stored.

Layout of the first page (inches from the top-left corner of the sheet):
the sender block at 0.6" on the left and the date on the right; the recipient
block inside the window of a standard #10 window envelope (window 7/8" from the
left edge, its text from 2 1/8" down, at most 1" tall, 4" wide, so the sheet can
shift in the envelope and the address still shows) when the sheet is folded in
thirds (fold marks at 3 2/3" and 7 1/3"); the subject below the window at 3.25";
then the body. A letter is meant to fit one page: when the reader's story and
points would run over, the body is set slightly smaller (down to 85%) rather
than push the closing onto a second page. Continuation pages (for absurdly long
input) carry a short header and every page of a letter that runs to two pages
or more is numbered "Page i of n".
"""

from __future__ import annotations

import math
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from core import pdf as blocks
from letters.compose import (
    BULLET,
    CUSTOM_CHAMBER,
    Letter,
    letter_date,
    letter_subject_line,
    recipient_lines,
    sender_lines,
    slugify_ascii,
    spanish,
)

PAGE_WIDTH, PAGE_HEIGHT = blocks.PAGE_SIZE
LEFT = 1.0 * inch
RIGHT = 1.0 * inch
FIRST_TOP = 0.6 * inch  # the sender block starts here

# #10 window envelope: window 7/8" from the left, about 2" down when folded in
# thirds; the address starts 1/8" lower so the sheet may move in the envelope.
WINDOW_LEFT = 0.875 * inch
WINDOW_TOP = 2.125 * inch
WINDOW_WIDTH = 4.0 * inch
WINDOW_HEIGHT = 1.0 * inch
RECIPIENT_X = LEFT  # 1/8" inside the window's left edge
HEAD_BOTTOM = 3.25 * inch  # the body (subject line) starts here, below the window
BOTTOM = 0.7 * inch
# What the first page leaves for the subject, salutation, body and closing.
BODY_HEIGHT = PAGE_HEIGHT - FIRST_TOP - BOTTOM - (HEAD_BOTTOM - FIRST_TOP)
BODY_SCALES = (1, 0.96, 0.92, 0.88, 0.85)
# Spanish runs about a fifth longer than English: a Spanish letter may go a
# little smaller still (to 80%, 8.4 pt) before its closing goes to a second page.
BODY_SCALES_BY_LANGUAGE = {"es": (*BODY_SCALES, 0.82, 0.8)}
FOLDS = (11 * inch / 3, 22 * inch / 3)
SENDER_WIDTH = 4.2 * inch
SENDER_HEIGHT = 1.25 * inch  # 0.6" to 1.85": clear of the window

GREY = colors.HexColor("#4a4a4a")


@cache
def _styles():
    base = blocks.paragraph_styles()
    body = ParagraphStyle(
        "letter_body", parent=base["body"], fontSize=10.5, leading=13.6, spaceAfter=6.5
    )
    return {
        "body": body,
        "bullet": ParagraphStyle(
            "letter_bullet", parent=body, leftIndent=16, bulletIndent=3, spaceAfter=5
        ),
        "date": ParagraphStyle("date", parent=base["address"], alignment=TA_RIGHT),
        "sender_name": ParagraphStyle(
            "sender_name", parent=base["body"], fontSize=13, leading=16, spaceAfter=0
        ),
        "address": base["address"],
        # The serif of the rest of the letter (not the sans "muted" style): a
        # one-page letter then embeds one font, not two.
        "contact": ParagraphStyle(
            "contact",
            parent=base["address"],
            textColor=base["muted"].textColor,
            fontSize=9,
            leading=12,
        ),
        # The subject in the letter's serif too: one embedded font per letter.
        "subject": ParagraphStyle(
            "letter_subject",
            parent=base["subject"],
            fontName=base["body"].fontName,
            fontSize=10.5,
            leading=14,
            spaceAfter=8,
        ),
        "closing": ParagraphStyle("closing", parent=body, spaceAfter=0),
    }


def _scaled(style, scale):
    if scale == 1:
        return style
    return ParagraphStyle(
        f"{style.name}-{scale}",
        parent=style,
        fontSize=style.fontSize * scale,
        leading=style.leading * scale,
    )


def _stack(paragraphs, width):
    """(total height, [(paragraph, height)]) of paragraphs wrapped at `width`."""
    sized = []
    for para in paragraphs:
        _, height = para.wrap(width, PAGE_HEIGHT)
        sized.append((para, height))
    return sum(h for _, h in sized), sized


class LetterHead(Flowable):
    """Sender block, window-envelope recipient block and date, at fixed positions.

    Must be the first flowable on a page using the "first" template.
    """

    def __init__(self, letter: Letter):
        super().__init__()
        self.letter = letter
        self.height = HEAD_BOTTOM - FIRST_TOP

    def wrap(self, available_width, available_height):
        self.width = available_width
        return available_width, self.height

    def _at(self, para, x, top, height):
        """Draw `para` with its top edge `top` inches-from-page-top, left edge at page x."""
        para.drawOn(self.canv, x - LEFT, self.height - (top - FIRST_TOP) - height)

    def _plain_lines(self, items, x, top, width, max_height) -> bool:
        """Draw (text, style) lines straight onto the canvas, one line each, from
        `top` (inches from the page top) at page `x`, when each fits `width` and
        all fit `max_height`; False (nothing drawn) otherwise. Much cheaper than
        a Paragraph per line, and the same glyphs and fonts (core.pdf.draw_string)."""
        height = sum(style.leading for _, style in items)
        if height > max_height:
            return False
        for text, style in items:
            if "\n" in text or blocks.string_width(text, style.fontSize) > width:
                return False
        for text, style in items:
            blocks.draw_string(
                self.canv,
                x - LEFT,
                self.height - (top - FIRST_TOP) - style.fontSize,
                text,
                size=style.fontSize,
                family="serif",
                color=style.textColor,
            )
            top += style.leading
        return True

    def draw(self):
        styles = _styles()
        letter = self.letter
        # Sender, top left (narrower than the page so the date has room); shrunk if a
        # very long name or address would reach down into the envelope window.
        lines = sender_lines(letter.sender)
        contact = " · ".join(
            p for p in (letter.sender.email, letter.sender.phone) if p.strip()
        )
        items = [
            (line, styles["sender_name"] if index == 0 else styles["address"])
            for index, line in enumerate(lines)
        ]
        if contact:
            items.append((contact, styles["contact"]))
        drawn = self._plain_lines(items, LEFT, FIRST_TOP, SENDER_WIDTH, SENDER_HEIGHT)
        sized = []
        for scale in () if drawn else (1, 0.9, 0.8, 0.7, 0.6):
            sender = []
            for index, line in enumerate(lines):
                style = styles["sender_name"] if index == 0 else styles["address"]
                sender.append(blocks.paragraph(line, _scaled(style, scale)))
            if contact:
                sender.append(
                    blocks.paragraph(contact, _scaled(styles["contact"], scale))
                )
            total, sized = _stack(sender, SENDER_WIDTH)
            if total <= SENDER_HEIGHT:
                break
        top = FIRST_TOP
        for para, height in sized:
            if top + height > FIRST_TOP + SENDER_HEIGHT:
                break  # never into the window, even for absurd input
            self._at(para, LEFT, top, height)
            top += height
        # Recipient, in the envelope window: shrink to fit 1" if the address is long.
        lines = recipient_lines(letter.recipient, letter.language)
        width = WINDOW_WIDTH - (RECIPIENT_X - WINDOW_LEFT) - 0.1 * inch
        sizes = (10.5, 10, 9.5, 9, 8.5, 8, 7.5, 7)
        # Each line takes at least one line of leading: skip sizes that cannot fit.
        fits = [s for s in sizes if len(lines) * s * 1.2 <= WINDOW_HEIGHT + 0.01]
        if fits:
            style = ParagraphStyle(
                "window",
                parent=styles["address"],
                fontSize=fits[0],
                leading=fits[0] * 1.2,
            )
            items = [(line, style) for line in lines]
            drawn = self._plain_lines(
                items, RECIPIENT_X, WINDOW_TOP, width, WINDOW_HEIGHT + 0.01
            )
        else:
            drawn = False
        sized = []
        for size in () if drawn else sizes[sizes.index(fits[0]) if fits else -1 :]:
            style = ParagraphStyle(
                "window", parent=styles["address"], fontSize=size, leading=size * 1.2
            )
            total, sized = _stack(
                [blocks.paragraph(line, style) for line in lines], width
            )
            if total <= WINDOW_HEIGHT:
                break
        top = WINDOW_TOP
        for para, height in sized:
            if top + height > WINDOW_TOP + WINDOW_HEIGHT + 0.1 * inch:
                break  # absurdly long input: never over the subject line
            self._at(para, RECIPIENT_X, top, height)
            top += height
        # Date, top right, level with the sender's name.
        style = styles["date"]
        blocks.draw_string(
            self.canv,
            PAGE_WIDTH - RIGHT - LEFT,
            self.height - 3 - style.fontSize,
            letter_date(letter),
            size=style.fontSize,
            family="serif",
            align="right",
            color=style.textColor,
        )


def _fold_marks(canvas, doc):
    canvas.saveState()
    canvas.setStrokeColor(colors.HexColor("#9a9a9a"))
    canvas.setLineWidth(0.5)
    for y in FOLDS:
        canvas.line(0.2 * inch, PAGE_HEIGHT - y, 0.4 * inch, PAGE_HEIGHT - y)
    canvas.restoreState()


def _recipient_label(letter: Letter) -> str:
    recipient = letter.recipient
    es = letter.language == "es"
    title = (
        spanish.title(recipient.title) if es and recipient.title else recipient.title
    )
    if recipient.name:
        return f"{title} {recipient.name}".strip()
    from letters.compose import seat_line

    return (spanish.seat_line if es else seat_line)(
        recipient.title, recipient.district, recipient.state_abbr
    )


@cache
def _body_styles(scale: float) -> dict:
    styles = _styles()
    if scale == 1:
        return styles
    result = dict(styles)
    for key in ("body", "bullet", "subject", "closing"):
        style = styles[key]
        result[key] = ParagraphStyle(
            f"{style.name}-{scale}",
            parent=style,
            fontSize=style.fontSize * scale,
            leading=style.leading * scale,
            spaceAfter=style.spaceAfter * scale,
        )
    return result


class _Paragraph(Paragraph):
    """A Paragraph that keeps its line breaks for the width it was last wrapped at.

    The letter is measured once to choose its size, then laid out, and
    KeepTogether wraps its content again: without this each pass would break
    the same lines anew (most of a letter's render time).
    """

    _wrapped_width = None

    def wrap(self, availWidth, availHeight):
        # Paragraph.split drops the line breaks (blPara) of a paragraph it moves
        # whole to the next page: wrap it again then.
        if self._wrapped_width == availWidth and hasattr(self, "blPara"):
            return self.width, self.height
        result = super().wrap(availWidth, availHeight)
        self._wrapped_width = availWidth
        return result


def _markup(text: str, style, cache: dict) -> str:
    """The font-run markup of `text` (core.pdf.text_markup), once per letter."""
    key = (text, style.fontName)
    if key not in cache:
        family = "sans" if style.fontName.startswith(blocks.SANS) else "serif"
        cache[key] = blocks.text_markup(text, family=family, base_font=style.fontName)
    return cache[key]


def _letter_body(letter: Letter, scale: float, markups: dict) -> list[Flowable]:
    """Subject, salutation, paragraphs and the closing at `scale` of the body size."""
    styles = _body_styles(scale)

    def para(text, style, **kwargs):
        return _Paragraph(_markup(text, style, markups), style, **kwargs)

    story: list[Flowable] = [
        para(letter_subject_line(letter), styles["subject"]),
        para(letter.salutation, styles["body"]),
    ]
    body = []
    for text in letter.paragraphs:
        if text.startswith(BULLET):
            body.append(para(text[len(BULLET) :], styles["bullet"], bulletText="•"))
        else:
            body.append(para(text, styles["body"]))
    # The signature never sits alone on a page: a short last paragraph, the closing,
    # the signature space and the name stay together.
    ending = []
    if body and len(letter.paragraphs[-1]) <= 400:
        ending.append(body.pop())
    story += body
    story.append(
        KeepTogether(
            [
                *ending,
                Spacer(0, 2),
                para(letter.closing, styles["closing"]),
                Spacer(0, 0.48 * inch * scale),
                para(letter.signature_name, styles["closing"]),
            ]
        )
    )
    return story


def _height(flowables, width) -> float:
    """An upper bound of the height `flowables` take in a frame `width` wide."""
    total = 0.0
    for flowable in flowables:
        parts = flowable._content if isinstance(flowable, KeepTogether) else [flowable]
        for part in parts:
            _, height = part.wrap(width, PAGE_HEIGHT)
            total += height + part.getSpaceBefore() + part.getSpaceAfter()
    return total


def _scales(letter: Letter) -> tuple[float, ...]:
    return BODY_SCALES_BY_LANGUAGE.get(letter.language, BODY_SCALES)


def _estimates(letter: Letter, width: float) -> list[float]:
    """Slightly low estimates of the body's height at each of BODY_SCALES, from
    text widths (no line breaking): enough to skip sizes that cannot fit. Widths
    are measured once, at full size, and scaled (they grow with the size)."""
    styles = _styles()
    texts = [
        (letter_subject_line(letter), "subject"),
        (letter.salutation, "body"),
        *(
            (text, "bullet" if text.startswith(BULLET) else "body")
            for text in letter.paragraphs
        ),
        (letter.closing, "closing"),
        (letter.signature_name, "closing"),
    ]
    measured = []
    for text, key in texts:
        style = styles[key]
        widths = [
            pdfmetrics.stringWidth(part, style.fontName, style.fontSize)
            for part in text.split("\n")
        ]
        measured.append((style, width - style.leftIndent - style.rightIndent, widths))
    result = []
    for scale in _scales(letter):
        total = 0.48 * inch * scale
        for style, line_width, widths in measured:
            lines = sum(max(1, math.ceil(w * scale / line_width)) for w in widths)
            total += (lines * style.leading + style.spaceAfter) * scale
        result.append(total)
    return result


def _letter_story(letter: Letter) -> list[Flowable]:
    es = letter.language == "es"
    to, by = (
        (spanish.pdf_text("to"), spanish.pdf_text("from")) if es else ("To", "From")
    )
    header = " · ".join(
        part
        for part in (
            f"{to} {_recipient_label(letter)}",
            f"{by} {letter.signature_name}" if letter.signature_name else "",
            letter_date(letter),
        )
        if part
    )
    width = PAGE_WIDTH - LEFT - RIGHT
    # The largest body size at which the letter fits its first page. Lay out at
    # the largest size that an estimate from the text's width says fits
    # (cheap: no line breaking), then check with the real layout and step down
    # if it does not. Usually one layout, which the build then reuses.
    markups: dict = {}
    scales = _scales(letter)
    start = next(
        (i for i, h in enumerate(_estimates(letter, width)) if h <= BODY_HEIGHT),
        len(scales) - 1,
    )
    for scale in scales[start:]:
        body = _letter_body(letter, scale, markups)
        if _height(body, width) <= BODY_HEIGHT:
            break
    return [
        blocks.SectionStart(
            blocks.Section(
                header=header, page_label=spanish.wording()["pdf"]["page_label"]
            )
            if es
            else blocks.Section(header=header)
        ),
        LetterHead(letter),
        *body,
    ]


def letter_pdf(letters, *, roster: str = "") -> bytes:
    """One PDF with one letter per recipient, each starting on a new page.

    Accepts a list of Letters (or a single Letter). `roster` (where and when
    the legislators came from: "Legislators as of August 5, 2026 (Open
    States)") goes in the PDF's keywords. Pure: no DB, no request.
    """
    if isinstance(letters, Letter):
        letters = [letters]
    letters = list(letters)
    if not letters:
        raise ValueError("letter_pdf needs at least one letter")
    story: list[Flowable] = []
    for index, letter in enumerate(letters):
        if index:
            story += blocks.new_section_break("first")
        story += _letter_story(letter)
    first = letters[0]
    if first.language == "es":
        title = (
            spanish.pdf_text("title_one", recipient=_recipient_label(first))
            if len(letters) == 1
            else spanish.pdf_text(
                "title_many",
                count=len(letters),
                state=spanish.state_phrase(first.state_name or first.state_abbr),
            )
        )
    elif len(letters) == 1:
        title = f"Letter to {_recipient_label(first)}"
    else:
        title = f"Letters to {len(letters)} {first.state_name or first.state_abbr} legislators"
    return blocks.pdf_build(
        story,
        title=title,
        author=first.signature_name or first.sender.name,
        subject=first.subject,
        keywords=[
            "letter",
            "privacy",
            first.state_name or first.state_abbr,
            *([roster] if roster else []),
        ],
        first_top=FIRST_TOP,
        left=LEFT,
        right=RIGHT,
        bottom=BOTTOM,
        on_first_page=_fold_marks,
    )


def letter_filename(letters) -> str:
    """ "letter-va-delegate-obrien.pdf"; several letters: "letters-va-2.pdf". ASCII only."""
    if isinstance(letters, Letter):
        letters = [letters]
    letters = list(letters)
    state = slugify_ascii(letters[0].state_abbr) if letters else ""
    if len(letters) != 1:
        return "-".join(p for p in ("letters", state, str(len(letters))) if p) + ".pdf"
    recipient = letters[0].recipient
    who = slugify_ascii(recipient.family_name) or slugify_ascii(
        recipient.name
        if recipient.address_source == CUSTOM_CHAMBER
        else f"district {recipient.district}"
    )
    parts = ["letter", state, slugify_ascii(recipient.title), who]
    return "-".join(p for p in parts if p) + ".pdf"
