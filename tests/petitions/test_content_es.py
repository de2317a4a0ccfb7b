"""The Spanish text of the seeded petition (petitions/data/seeded_petition.es.yaml).

The translation machinery (issue 19) will read it beside petitions/content.py's
PETITION; this checks it has the same shape: the readable fields only, the same
paragraphs in the same order and the same numbered asks, and that it fits the
petition's fields.
"""

import re
from pathlib import Path

import yaml

from petitions.content import PETITION
from petitions.models import Petition

SPANISH_FILE = (
    Path(__file__).resolve().parents[2]
    / "petitions"
    / "data"
    / "seeded_petition.es.yaml"
)
READABLE = ("title", "summary", "target", "text")


def spanish():
    return yaml.safe_load(SPANISH_FILE.read_text(encoding="utf-8"))


def paragraphs(text):
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def test_spanish_petition_has_the_readable_fields_of_the_seeded_petition():
    es = spanish()
    assert set(es) == {"slug", *READABLE}
    assert es["slug"] == PETITION["slug"]
    for field in READABLE:
        assert es[field].strip(), field
        assert es[field] != PETITION[field], f"{field} is a copy of the English"
        limit = Petition._meta.get_field(field).max_length
        if limit:
            assert len(es[field]) <= limit, field


def test_spanish_petition_text_has_the_same_paragraphs_and_numbered_asks():
    es_paragraphs = paragraphs(spanish()["text"])
    en_paragraphs = paragraphs(PETITION["text"])
    assert len(es_paragraphs) == len(en_paragraphs)
    for es_p, en_p in zip(es_paragraphs, en_paragraphs, strict=True):
        en_number = re.match(r"(\d+)\. ", en_p)
        es_number = re.match(r"(\d+)\. ", es_p)
        assert bool(es_number) == bool(en_number), es_p
        if en_number:
            assert es_number.group(1) == en_number.group(1)
        assert "\n" not in es_p  # one paragraph, one line, as in the English


def test_spanish_petition_names_the_three_asks_in_the_glossary_words():
    text = spanish()["text"]
    for ask in ("consentimiento", "minimización de datos", "derecho a demandar"):
        assert ask in text
    assert "fiscal general del estado" in text
