"""Link-preview pictures (1200 × 630 PNG) drawn on this server with Pillow.

What a chat app or social site shows beside a shared link: the organization's
name, a title wrapped to fit, and a line such as "More than 1,000 people have
signed", in the Noto Sans the PDFs use (core.pdf.fonts). Pure functions: no
database, no request, no cache (callers keep the bytes: advocacy/campaigns.py).

Counts are shown rounded down to a milestone (`count_milestone`), so a picture
changes, and is drawn again, only when a count crosses one.
"""

from __future__ import annotations

import io
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from core.pdf.fonts import SANS, font_path

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
BACKGROUND = (29, 63, 114)  # --brand in static/css/site.css
BAND = (179, 38, 30)  # --accent
TEXT = (255, 255, 255)
SOFT = (214, 225, 240)

TITLE_SIZES = (72, 64, 56, 48)  # the largest that fits in TITLE_LINES wins
TITLE_LINES = 4


def count_milestone(count: int) -> int:
    """`count` rounded down to 0, 10, 25, 50, 100, 250, 500, 1000, 2500, ...
    (1-2.5-5 steps from 10 on)."""
    count = max(int(count or 0), 0)
    best, magnitude = 0, 10
    while True:
        for step in (10, 25, 50):
            value = step * magnitude // 10
            if value > count:
                return best
            best = value
        magnitude *= 10


@cache
def _font_path():
    path = font_path(SANS)
    if path is None:
        raise RuntimeError("Noto Sans is not installed (fontpkg-noto-sans)")
    return str(path)


def _font(size: int, weight: str = "Regular") -> ImageFont.FreeTypeFont:
    font = ImageFont.truetype(_font_path(), size)
    try:  # a variable font: pick the named instance
        font.set_variation_by_name(weight)
    except (OSError, ValueError):
        pass
    return font


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """`text` broken into lines no wider than `width` pixels (a word longer than
    a line is cut by characters)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while font.getlength(word) > width:
            cut = len(word)
            while cut > 1 and font.getlength(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def _title_lines(title: str, width: int):
    for size in TITLE_SIZES:
        font = _font(size, "Bold")
        lines = wrap(title, font, width)
        if len(lines) <= TITLE_LINES:
            return font, size, lines
    lines = lines[:TITLE_LINES]
    last = lines[-1]
    while last and font.getlength(last + "…") > width:
        last = last[:-1].rstrip()
    lines[-1] = last + "…"
    return font, size, lines


def preview_png(*, kicker: str, title: str, line: str = "", footer: str = "") -> bytes:
    """A 1200 × 630 PNG: `kicker` (the organization) at the top, `title`
    wrapped in large bold type, `line` (the count) below it, `footer` (the
    site's address) at the bottom."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    inner = WIDTH - 2 * MARGIN
    draw.rectangle([0, 0, WIDTH, 14], fill=BAND)

    y = MARGIN
    if kicker:
        font = _font(34, "SemiBold")
        kicker_lines = wrap(kicker, font, inner)[:1]
        for text in kicker_lines:
            draw.text((MARGIN, y), text, font=font, fill=SOFT)
            y += 48
        y += 28

    font, size, lines = _title_lines(title, inner)
    for text in lines:
        draw.text((MARGIN, y), text, font=font, fill=TEXT)
        y += int(size * 1.2)

    if line:
        font = _font(42, "SemiBold")
        y = max(y + 24, HEIGHT - MARGIN - 120)
        draw.rectangle([MARGIN, y + 8, MARGIN + 10, y + 52], fill=BAND)
        draw.text(
            (MARGIN + 30, y), wrap(line, font, inner - 30)[0], font=font, fill=TEXT
        )

    if footer:
        font = _font(28)
        draw.text((MARGIN, HEIGHT - 56), footer, font=font, fill=SOFT)

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
