"""PDF fonts: files from installed packages, lazy registration, fallback chains, glyph coverage.

Fonts come from installed packages (Noto Serif / Noto Sans for Latin, Greek and
Cyrillic; Noto Sans SC/JP/KR/TC from `justmytype-intl-cjk` for CJK) and are
registered once per process, lazily: the CJK fonts only when a text needs them.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

from reportlab.lib.pagesizes import LETTER
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

PAGE_SIZE = LETTER  # 8.5 x 11 in

SERIF = "NotoSerif"
SERIF_ITALIC = "NotoSerif-Italic"
SANS = "NotoSans"
SANS_ITALIC = "NotoSans-Italic"


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


def font_path(name: str) -> Path | None:
    """The file of the font called `name` (e.g. SANS), or None if not installed;
    also for drawing outside PDFs (core.preview)."""
    path = _available().get(name)
    return path if path is not None and path.exists() else None


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


# Variable fonts whose default instance (the only one reportlab can use) is Thin.
_THIN_FONTS = frozenset({"NotoSansSC", "NotoSansJP", "NotoSansKR", "NotoSansTC"})
