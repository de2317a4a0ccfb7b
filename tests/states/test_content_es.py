"""The Spanish state-law files (states/data/es/<abbr>.yaml) match their English files.

The translation machinery (issue 19) will read these files; this checks the shape it
relies on: only the texts a state page shows, '' exactly where the English is '', the
same paragraphs, and `translated_from` naming the English file's `as_of` date.
"""

import re
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[2] / "states" / "data"
SPANISH = DATA / "es"

TEXT_FIELDS = ("ai", "training", "notes", "uncertain")
ENGLISH_MONTHS = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b"
)
ENGLISH_FILES = sorted(DATA.glob("*.yaml"))
SPANISH_FILES = sorted(SPANISH.glob("*.yaml"))


def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def readable(english):
    """The fields people read in this jurisdiction's Spanish file."""
    fields = list(TEXT_FIELDS)
    if english["letter_note"]:
        fields.append("letter_note")
    return fields


def test_every_jurisdiction_has_a_spanish_file():
    assert len(ENGLISH_FILES) == 52
    assert [p.name for p in SPANISH_FILES] == [p.name for p in ENGLISH_FILES]


@pytest.mark.parametrize("path", SPANISH_FILES, ids=lambda path: path.stem)
def test_spanish_file_matches_its_english_file(path):
    english, spanish = load(DATA / path.name), load(path)

    assert spanish["abbr"] == english["abbr"] == path.stem.upper()
    assert spanish["translated_from"] == english["as_of"]
    assert set(spanish) == {"abbr", "translated_from", *readable(english)}

    for field in readable(english):
        en_text, es_text = english[field] or "", spanish[field] or ""
        if not en_text:
            assert es_text == "", field
            continue
        assert es_text.strip(), field
        assert es_text != en_text, f"{field} is a copy of the English"
        # The same points, one paragraph each (`uncertain` lists several).
        assert es_text.count("\n") == en_text.count("\n"), field


@pytest.mark.parametrize("path", SPANISH_FILES, ids=lambda path: path.stem)
def test_spanish_file_is_spanish(path):
    spanish = load(path)
    texts = [
        spanish[field] or ""
        for field in (*TEXT_FIELDS, "letter_note")
        if field in spanish
    ]
    for text in texts:
        assert not ENGLISH_MONTHS.search(text), text
        # Dates in sentences are written the Spanish way, not 2026-01-01.
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), text
    if spanish["notes"]:
        # A Spanish sentence, not an English one left in place.
        assert re.search(r"\b(de|la|el|no|ley|hay)\b", spanish["notes"])
        assert not re.search(r"\b(the|and|was|law)\b", spanish["notes"])
