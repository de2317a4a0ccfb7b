"""The seeded campaign (campaigns/data/seeded.yaml), loaded by `load_content`.

Idempotent: creates the campaign when its slug is missing and leaves an
existing one (and organizers' edits) alone.
"""

from pathlib import Path

import yaml

from .models import Campaign

SEEDED_FILE = Path(__file__).resolve().parent / "data" / "seeded.yaml"


def seeded_fields() -> dict:
    return yaml.safe_load(SEEDED_FILE.read_text(encoding="utf-8"))


def load(stdout=None):
    fields = seeded_fields()
    slug = fields.pop("slug")
    campaign = Campaign.objects.filter(slug=slug).first()
    created = campaign is None
    if created:
        if fields.get("featured") and Campaign.objects.filter(featured=True).exists():
            fields["featured"] = False  # an organizer already chose one
        campaign = Campaign.objects.create(slug=slug, **fields)
    if stdout is not None:
        verb = "Created" if created else "Kept existing"
        stdout.write(f"{verb} campaign “{campaign.title}” (/campaigns/{slug}/)")
    return campaign
