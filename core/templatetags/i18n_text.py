"""`{% load i18n_text %}`: dates and numbers in the page's language.

`{{ day|date_text }}` gives "December 1, 2026" or "1 de diciembre de 2026",
`{{ day|month_text }}` "December 2026" or "diciembre de 2026", and
`{{ count|number_text }}` "1,234" or "1.234".
"""

from django import template

from core import dates, i18n

register = template.Library()


@register.filter
def date_text(day):
    return dates.date_text(day) if day else ""


@register.filter
def month_text(day):
    return dates.month_text(day) if day else ""


@register.filter
def number_text(value):
    try:
        return i18n.number_text(value)
    except (TypeError, ValueError):
        return value
