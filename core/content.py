"""The placeholder organization, loaded by `manage.py load_content`.

Creates the organization row from core/data/organization.yaml when there is
none, and leaves an existing one (and every organizer edit) alone.
"""

from pathlib import Path

import yaml

from .models import Organization

DATA_FILE = Path(__file__).resolve().parent / "data" / "organization.yaml"
FIELDS = ("name", "description", "postal_address", "email", "phone", "website")


def placeholder_values() -> dict:
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")) or {}
    return {key: str(data.get(key) or "") for key in FIELDS}


def load(stdout=None, dry_run=False):
    existing = Organization.objects.filter(pk=Organization.SINGLETON_ID).first()
    if existing is None:
        if not dry_run:
            Organization(**placeholder_values()).save()
        verb = "Would create" if dry_run else "Created"
        message = f"{verb} the placeholder organization: replace it in the admin."
    elif existing.is_placeholder:
        message = (
            "Kept the organization; still to replace in the admin: "
            + ", ".join(existing.placeholder_fields())
            + "."
        )
    else:
        message = f"Kept the organization “{existing.name}”."
    if stdout is not None:
        stdout.write(message)
