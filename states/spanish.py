"""Spanish texts of the state-law files (states/data/es/<abbr>.yaml).

Not loaded into the database yet: read from the files, once per process.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from django.conf import settings


def spanish_folder() -> Path:
    return Path(settings.BASE_DIR) / "states" / "data" / "es"


@cache
def law_texts_es(abbr: str) -> dict:
    """The Spanish texts of a jurisdiction's file ({} when there is none)."""
    path = spanish_folder() / f"{(abbr or '').lower()}.yaml"
    if not path.is_file():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def letter_note_es(abbr: str) -> str:
    """The Spanish `letter_note` ("" when the file has none: a Spanish letter
    then leaves the note out rather than mix in the English)."""
    return " ".join(str(law_texts_es(abbr).get("letter_note") or "").split())
