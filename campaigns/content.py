"""The seeded campaign (campaigns/data/seeded.yaml), loaded by `load_content`.

Idempotent: creates the campaign when its slug is missing and leaves an
existing one (and organizers' edits) alone. Its Spanish texts
(campaigns/data/seeded.es.yaml) fill the Spanish fields still empty, never
one an organizer wrote.
"""

from pathlib import Path

import yaml

from .models import Campaign

SEEDED_FILE = Path(__file__).resolve().parent / "data" / "seeded.yaml"
SEEDED_ES_FILE = SEEDED_FILE.with_name("seeded.es.yaml")
SPANISH_FIELDS = {"title": "title_es", "summary": "summary_es"}


def seeded_fields() -> dict:
    return yaml.safe_load(SEEDED_FILE.read_text(encoding="utf-8"))


def seeded_spanish() -> dict:
    """{"title_es": ..., "summary_es": ...} from seeded.es.yaml."""
    fields = yaml.safe_load(SEEDED_ES_FILE.read_text(encoding="utf-8"))
    return {
        spanish: fields[english].strip()
        for english, spanish in SPANISH_FIELDS.items()
        if (fields.get(english) or "").strip()
    }


def fill_spanish(campaign) -> list[str]:
    """Fill the campaign's empty Spanish fields from seeded.es.yaml; the
    names of the fields filled."""
    filled = [
        name
        for name, text in seeded_spanish().items()
        if not getattr(campaign, name).strip()
    ]
    if filled:
        for name in filled:
            setattr(campaign, name, seeded_spanish()[name])
        campaign.save(update_fields=[*filled, "updated_at"])
    return filled


def load(stdout=None):
    fields = seeded_fields()
    slug = fields.pop("slug")
    campaign = Campaign.objects.filter(slug=slug).first()
    created = campaign is None
    if created:
        if fields.get("featured") and Campaign.objects.filter(featured=True).exists():
            fields["featured"] = False  # an organizer already chose one
        campaign = Campaign.objects.create(slug=slug, **fields)
    filled = fill_spanish(campaign)
    if stdout is not None:
        verb = "Created" if created else "Kept existing"
        stdout.write(f"{verb} campaign “{campaign.title}” (/campaigns/{slug}/)")
        if filled and not created:
            stdout.write(f"  Spanish filled in: {', '.join(filled)}")
    return campaign
