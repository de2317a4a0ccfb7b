"""The Spanish title and summary of the seeded campaign (campaigns/data/seeded.es.yaml).

The translation machinery (issue 19) will read it beside seeded.yaml; this checks it
names the same campaign, has only the readable fields, and fits them.
"""

from pathlib import Path

import yaml

from campaigns.content import SEEDED_FILE, seeded_fields
from campaigns.models import Campaign

SPANISH_FILE = SEEDED_FILE.with_name("seeded.es.yaml")


def test_spanish_campaign_matches_the_seeded_campaign():
    assert Path(SPANISH_FILE).exists()
    es = yaml.safe_load(SPANISH_FILE.read_text(encoding="utf-8"))
    en = seeded_fields()
    assert set(es) == {"slug", "title", "summary"}
    assert es["slug"] == en["slug"]
    for field in ("title", "summary"):
        assert es[field].strip(), field
        assert es[field] != en[field], f"{field} is a copy of the English"
        model_field = Campaign._meta.get_field(field)
        assert len(es[field]) <= model_field.max_length, field
        for validator in model_field.validators:
            validator(es[field])  # plain text: no line breaks, links or markup
