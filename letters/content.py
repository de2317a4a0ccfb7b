"""Seeded letters content: the default letter templates (and, first, the states).

`load()` is idempotent: it creates what is missing and never overwrites what an
organizer may have edited (an existing LetterTemplate is left alone). The states
and their law facts come from `states.content`, which letters builds on.
"""

from django.db import transaction

from states import content as states_content

from .models import LetterTemplate


def _echo(stdout, message):
    if stdout is not None:
        stdout.write(message)


@transaction.atomic
def load(stdout=None):
    """Create missing states and law facts (states.content), then the default templates."""
    created_states, created_laws = states_content.load()
    created_templates = 0
    try:
        from .compose import default_templates
    except ImportError:  # the composer is not there yet
        default_templates = dict
    for kind, fields in default_templates().items():
        _, made = LetterTemplate.objects.get_or_create(kind=kind, defaults=fields)
        created_templates += int(made)

    _echo(
        stdout,
        f"Letters: {created_states} states, {created_laws} privacy-law records, "
        f"{created_templates} letter templates created.",
    )
