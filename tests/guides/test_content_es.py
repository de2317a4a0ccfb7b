"""The Spanish guide translations: guides/content/es/<slug>.yaml.

Each file translates only the fields people read, and must line up with its
English file (same steps, same changes, same number of lines), so the page can
show them side by side with the shared English data (links, dates, sources).
"""

import datetime

import pytest
import yaml

from guides.content import FOLDER

ES_FOLDER = FOLDER / "es"
ES_PATHS = sorted(ES_FOLDER.glob("*.yaml"))

REQUIRED = {
    "slug",
    "translated_from",
    "summary",
    "opt_out_does",
    "opt_out_does_not",
    "region_notes",
    "steps",
    "changes",
}
LINE_FIELDS = ("opt_out_does", "opt_out_does_not", "region_notes")
EMAIL_KEYS = ("email_to", "email_subject", "email_body")


def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def lines(text):
    return text.splitlines() if text else []


@pytest.mark.parametrize("path", ES_PATHS, ids=lambda p: p.stem)
def test_spanish_guide_matches_its_english_file(path):
    es = load(path)
    english_path = FOLDER / path.name
    assert english_path.exists(), f"no English file for {path.name}"
    en = load(english_path)

    assert es["slug"] == en["slug"] == path.stem
    expected = set(REQUIRED)
    if en.get("unverified_note"):
        expected.add("unverified_note")
    if any(en.get(key) for key in EMAIL_KEYS):
        expected.add("email_note")
    assert set(es) == expected

    assert isinstance(es["translated_from"], datetime.date)
    assert es["translated_from"] == en["researched"]

    for field in LINE_FIELDS:
        assert len(lines(es[field])) == len(lines(en.get(field) or "")), field
        assert all(line.strip() for line in lines(es[field])), field

    for field in ("steps", "changes"):
        assert len(es[field]) == len(en.get(field) or []), field
        for item in es[field]:
            assert set(item) == {"text"}, field
            assert isinstance(item["text"], str) and item["text"].strip(), field

    assert es["summary"].strip()
    for field in ("unverified_note", "email_note"):
        if field in es:
            assert es[field].strip(), field


@pytest.mark.parametrize("path", ES_PATHS, ids=lambda p: p.stem)
def test_spanish_guide_is_spanish_not_a_copy(path):
    """The readable text differs from the English (a forgotten field would not)."""
    es = load(path)
    en = load(FOLDER / path.name)
    assert es["summary"] != en["summary"]
    for es_step, en_step in zip(es["steps"], en["steps"], strict=True):
        assert es_step["text"] != en_step["text"]
