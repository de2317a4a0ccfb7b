"""Small text helpers shared by the compose modules: lists, numbers, dates."""

from __future__ import annotations

import re

from core.dates import date_text as _date_text


def date_text(day) -> str:
    """'January 1, 2028': the English letter's dates are English whatever
    language the page is in (a Spanish letter uses compose.spanish)."""
    return _date_text(day, "en")


# Zero-width and soft-hyphen characters that sneak in from copied text.
ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")


def join_words(items: list[str]) -> str:
    """ "a", "a and b", "a, b, and c" (empty items dropped)."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} and {items[1]}"
    return ", ".join(items[:-1]) + f", and {items[-1]}"


def number_words(n: int) -> str:
    """Numbers under ten in words, as in running text."""
    words = "zero one two three four five six seven eight nine".split()
    return words[n] if 0 <= n < 10 else str(n)


def state_phrase(name: str) -> str:
    """The name as it reads in a sentence: "the District of Columbia", "Virginia"."""
    return f"the {name}" if name.startswith("District of") else name


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]
