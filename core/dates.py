"""Dates as the site writes them in running text, letters and petition packets."""

from __future__ import annotations

import datetime


def date_text(day: datetime.date) -> str:
    """'January 1, 2028': month name, day without a leading zero, year.

    Built from the parts rather than with `%-d` (not portable) or the locale,
    so the output is the same on every host.
    """
    return f"{day:%B} {day.day}, {day.year}"
