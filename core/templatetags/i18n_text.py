"""`{% load i18n_text %}`: dates and numbers in the page's language.

`{{ day|date_text }}` gives "December 1, 2026" or "1 de diciembre de 2026",
`{{ day|month_text }}` "December 2026" or "diciembre de 2026", and
`{{ count|number_text }}` "1,234" or "1.234". An argument keeps a page's own
English form (`{{ day|date_text:"j F Y" }}`: "1 December 2026"); Spanish is
always the Spanish form.
"""

from django import template
from django.template.defaultfilters import date as date_filter

from core import dates, i18n

register = template.Library()


def _english(day, english_format):
    return i18n.current_language() == "en" and english_format


@register.filter
def date_text(day, english_format=None):
    if not day:
        return ""
    if _english(day, english_format):
        return date_filter(day, english_format)
    return dates.date_text(day)


@register.filter
def month_text(day, english_format=None):
    if not day:
        return ""
    if _english(day, english_format):
        return date_filter(day, english_format)
    return dates.month_text(day)


@register.filter
def number_text(value):
    try:
        return i18n.number_text(value)
    except (TypeError, ValueError):
        return value
