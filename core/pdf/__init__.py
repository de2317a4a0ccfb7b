"""Shared PDF building blocks: fonts that can print any name, safe paragraphs, page furniture.

The package splits by concern: `fonts` (font files, registration, fallback
chains, glyph coverage), `text` (cleaning, runs, escaping, paragraphs, drawing
one line) and `furniture` (styles, tables, sections, running headers, "Page i
of n", building the document). Import the package, not the modules: everything
public is re-exported here.

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

from .fonts import (
    PAGE_SIZE,
    SANS,
    SANS_ITALIC,
    SERIF,
    SERIF_ITALIC,
    font_get,
    fonts_register,
    italic_font,
    primary_font,
)

# Internals that bench/pdf.py reaches for (font files, per-character choice).
from .fonts import _available as _available
from .fonts import _font_for_char as _font_for_char
from .furniture import (
    FurnitureCanvas,
    Section,
    SectionStart,
    draw_running_header,
    new_section_break,
    paragraph_styles,
    pdf_build,
    pdf_document,
    table,
)
from .text import (
    draw_string,
    paragraph,
    string_width,
    text_clean,
    text_markup,
    text_runs,
)

__all__ = [
    "PAGE_SIZE",
    "SANS",
    "SANS_ITALIC",
    "SERIF",
    "SERIF_ITALIC",
    "FurnitureCanvas",
    "Section",
    "SectionStart",
    "draw_running_header",
    "draw_string",
    "font_get",
    "fonts_register",
    "italic_font",
    "new_section_break",
    "paragraph",
    "paragraph_styles",
    "pdf_build",
    "pdf_document",
    "primary_font",
    "string_width",
    "table",
    "text_clean",
    "text_markup",
    "text_runs",
]
