"""The Spanish guide files (guides/content/es/<slug>.yaml) match their English guides.

The translation machinery (issue 19) will read these files; this checks the shape it
relies on: only the fields people read, the same steps and changes in the same order,
one Spanish line for each English line, and `translated_from` naming the English
file's `researched` date.
"""

import re
from pathlib import Path

import pytest
import yaml

CONTENT = Path(__file__).resolve().parents[2] / "guides" / "content"
SPANISH = CONTENT / "es"

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
ENGLISH_MONTHS = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b"
)

SPANISH_FILES = sorted(SPANISH.glob("*.yaml"))


def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def lines(value):
    return value.splitlines() if value else []


def test_there_are_spanish_guides():
    assert SPANISH_FILES


@pytest.mark.parametrize("path", SPANISH_FILES, ids=lambda path: path.stem)
def test_spanish_guide_matches_its_english_guide(path):
    english_path = CONTENT / path.name
    assert english_path.exists(), f"no English guide for {path.name}"
    english, spanish = load(english_path), load(path)

    assert spanish["slug"] == english["slug"] == path.stem
    assert spanish["translated_from"] == english["researched"]

    expected = set(REQUIRED)
    if english.get("unverified_note"):
        expected.add("unverified_note")
    if english.get("email_to"):
        expected.add("email_note")
    assert set(spanish) == expected

    assert spanish["summary"].strip()
    for field in LINE_FIELDS:
        english_lines = lines(english.get(field) or "")
        spanish_lines = lines(spanish[field] or "")
        assert len(spanish_lines) == len(english_lines), field
        assert all(line.strip() for line in spanish_lines), field
    for field in ("unverified_note", "email_note"):
        if field in expected:
            assert spanish[field].strip(), field

    for field in ("steps", "changes"):
        assert len(spanish[field]) == len(english.get(field) or []), field
        for item in spanish[field]:
            assert set(item) == {"text"}, field
            assert item["text"].strip(), field


@pytest.mark.parametrize("path", SPANISH_FILES, ids=lambda path: path.stem)
def test_spanish_guide_writes_dates_in_spanish(path):
    spanish = load(path)
    texts = [spanish["summary"], spanish.get("unverified_note") or ""]
    texts += [spanish[field] or "" for field in LINE_FIELDS]
    texts += [item["text"] for item in spanish["steps"] + spanish["changes"]]
    for text in texts:
        assert not ENGLISH_MONTHS.search(text), text


@pytest.mark.parametrize("path", SPANISH_FILES, ids=lambda path: path.stem)
def test_spanish_guide_is_spanish_not_a_copy(path):
    """The readable text differs from the English (a forgotten field would not)."""
    es = load(path)
    en = load(CONTENT / path.name)
    assert es["summary"] != en["summary"]
    for es_step, en_step in zip(es["steps"], en["steps"], strict=True):
        assert es_step["text"] != en_step["text"]
