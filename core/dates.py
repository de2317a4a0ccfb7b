"""Dates as the site writes them in running text, letters and petition packets."""

from __future__ import annotations

import datetime

from django.utils import formats, translation


def date_text(day: datetime.date, language: str | None = None) -> str:
    """'January 1, 2028' in English, '1 de enero de 2028' in Spanish.

    `language` defaults to the active one. English is built from the parts
    rather than with `%-d` (not portable) or the locale, so the output is the
    same on every host; Spanish takes its month names from Django's catalogue
    ("diciembre"), which ships with Django.
    """
    from core.i18n import current_language

    language = language or current_language()
    if language == "es":
        with translation.override("es"):
            return formats.date_format(day, r"j \d\e F \d\e Y")
    return f"{day:%B} {day.day}, {day.year}"


def month_text(day: datetime.date, language: str | None = None) -> str:
    """'December 2026' / 'diciembre de 2026' (the guides' "What changed")."""
    from core.i18n import current_language

    language = language or current_language()
    if language == "es":
        with translation.override("es"):
            return formats.date_format(day, r"F \d\e Y")
    return f"{day:%B} {day.year}"
