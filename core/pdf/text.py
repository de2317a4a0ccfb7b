"""PDF text: user text made printable, split into per-font runs, escaped into markup.

User text is text, never markup: `text_markup()` escapes it before adding the
font runs, so `<b>`, `&`, `<font size=80>` or a lone `<` print literally.
"""

from __future__ import annotations

import re
import unicodedata

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph

from .fonts import SANS, _font_for_char, primary_font

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
