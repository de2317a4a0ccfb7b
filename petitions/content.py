"""The seeded petition, loaded by `manage.py load_content` (run by `make run`).

Idempotent: creates the petition when its slug is missing and leaves an
existing one (and any organizer edits) alone. Its Spanish text comes from
data/seeded_petition.es.yaml into the *_es fields that are still empty: an
organizer's Spanish edits are never overwritten.
"""

from pathlib import Path

import yaml

from campaigns.selectors import campaign_seeded

from .models import Petition
from .selectors import FEATURED_SLUG as SLUG

PETITION = {
    "slug": SLUG,
    "title": "Pass a strong privacy law: no AI training on our data without consent",
    "summary": (
        "Ask your state legislators for a privacy law that requires our consent before "
        "our posts, photos and messages train AI, collects only what is needed, and "
        "lets us go to court when companies break it."
    ),
    "target": "State legislators",
    "goal": 10000,
    "is_open": True,
    "requires_confirmation": True,
    "text": (
        "To our state legislators:\n\n"
        "Companies are using what we post, write and photograph to train artificial "
        "intelligence systems, usually without asking us and often after quietly "
        "changing their terms. Opt-out settings are buried, differ on every platform, "
        "and come too late for data that has already been used.\n\n"
        "We ask you to pass a comprehensive state privacy law that:\n\n"
        "1. Requires consent before personal data trains AI. Using our personal data, "
        "including our posts, photos, voices and messages, to train or fine-tune AI "
        "models must require our clear, opt-in consent, given separately from accepting "
        "terms of service, and as easy to withdraw as to give.\n\n"
        "2. Limits collection to what is needed (data minimization). Companies may "
        "collect and keep only the personal data that is reasonably necessary to "
        "provide the service we asked for, and must delete it when it is no longer "
        "needed.\n\n"
        "3. Lets people enforce their rights (a private right of action). When a "
        "company breaks the law, the people harmed must be able to take it to court, "
        "not only wait for an overstretched attorney general's office to act.\n\n"
        "Our data is ours. Please make consent the rule, not a hidden setting."
    ),
}


SPANISH_FILE = Path(__file__).resolve().parent / "data" / "seeded_petition.es.yaml"
SPANISH_FIELDS = ("title", "summary", "text", "target")


def spanish_fields():
    """{"title_es": ..., ...} from the Spanish file."""
    data = yaml.safe_load(SPANISH_FILE.read_text(encoding="utf-8")) or {}
    return {f"{name}_es": (data.get(name) or "").strip() for name in SPANISH_FIELDS}


def load_spanish(petition):
    """Fill the petition's empty Spanish fields from the file; returns the
    names of the fields written."""
    written = [
        field
        for field, value in spanish_fields().items()
        if value and not getattr(petition, field).strip()
    ]
    if written:
        values = spanish_fields()
        for field in written:
            setattr(petition, field, values[field])
        petition.save(update_fields=written)
    return written


def load(stdout=None):
    petition, created = Petition.objects.get_or_create(
        slug=SLUG, defaults={k: v for k, v in PETITION.items() if k != "slug"}
    )
    # The seeded petition is the seeded campaign's (campaigns/content.py).
    campaign = campaign_seeded()
    if petition.campaign_id is None and campaign is not None:
        if not Petition.objects.filter(campaign=campaign).exists():
            petition.campaign = campaign
            petition.save(update_fields=["campaign"])
    spanish = load_spanish(petition)
    if stdout is not None:
        if spanish:
            stdout.write(f"Added the Spanish {', '.join(spanish)} to the petition")
        verb = "Created" if created else "Kept existing"
        stdout.write(f"{verb} petition “{petition.title}” (/petitions/{SLUG}/)")
    return petition
