"""Seeded letters content: the default letter templates (and, first, the states).

`load()` is idempotent: it creates what is missing and never overwrites what an
organizer may have edited. An existing LetterTemplate is left alone, except one
that still holds a previous shipped default word for word (nobody edited it):
that one is brought up to the current default, so a running site does not keep
sending superseded wording (the November 2026 text had 2024 events and ran to
two pages). The states
and their law facts come from `states.content`, which letters builds on.
"""

import hashlib

from django.db import transaction

from states import content as states_content

from .models import LetterTemplate

# SHA-256 of previous shipped defaults (subject, body), text as stored with line
# endings made "\n" and no final newline. Only these exact texts are replaced.
PREVIOUS_DEFAULTS = {
    "has_law": {
        (
            "a71f61a1bb7095bfee6924241eb17f9400707c4a9b2081615dbe99497c6cb2e8",
            "471fa3a887ad8611e74eebf90afc95c62e8eb5cd6eca49f9258341d3032c5625",
        )
    },
    "no_law": {
        (
            "24069e2295bd8def004cf61fdeff6c2c8a6e459da915a7b2775494f827d01d22",
            "22f6dc18758a07dc1625c0af531fed0943279c52c3e7ce599e7cd4c6cde3e6bb",
        )
    },
}


def _digest(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").removesuffix("\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _echo(stdout, message):
    if stdout is not None:
        stdout.write(message)


@transaction.atomic
def load(stdout=None):
    """Create missing states and law facts (states.content), then the default templates."""
    laws = {}
    created_states, created_laws = states_content.load(result=laws)
    created_templates = 0
    try:
        from .compose import default_templates
    except ImportError:  # the composer is not there yet
        default_templates = dict
    updated_templates = 0
    for kind, fields in default_templates().items():
        row, made = LetterTemplate.objects.get_or_create(kind=kind, defaults=fields)
        created_templates += int(made)
        unedited = (_digest(row.subject), _digest(row.body)) in PREVIOUS_DEFAULTS.get(
            kind, set()
        )
        if not made and unedited:
            row.subject, row.body = fields["subject"], fields["body"]
            row.save(update_fields=["subject", "body"])
            updated_templates += 1

    _echo(
        stdout,
        f"Letters: {created_states} states, {created_laws} privacy-law records, "
        f"{created_templates} letter templates created"
        + (
            f", {updated_templates} unedited ones brought up to the current wording."
            if updated_templates
            else "."
        ),
    )
    if laws.get("laws_updated"):
        _echo(
            stdout,
            "Privacy-law facts brought up to states/data (nobody had edited them): "
            + ", ".join(laws["laws_updated"])
            + ".",
        )
    if laws.get("laws_edited"):
        _echo(
            stdout,
            "Privacy-law facts edited in the admin differ from states/data and were "
            "left alone: "
            + ", ".join(laws["laws_edited"])
            + ". Compare them with the files in the admin (Privacy laws).",
        )
