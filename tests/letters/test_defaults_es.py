"""The Spanish default letter wording (templates/letters/defaults/es/).

For a writer who chooses to send the letter's fixed text in Spanish (issue 19): each
Spanish file must use exactly the placeholders of its English file, so the same
values fill it, and standing.yaml must have the same keys; the words are Spanish.
"""

import re
import string
from collections import Counter

import pytest
import yaml
from django.conf import settings

from letters.compose.templates import (
    STANDINGS,
    TEMPLATE_KINDS,
    template_errors,
    template_fields,
)

ENGLISH = settings.BASE_DIR / "templates" / "letters" / "defaults"
SPANISH = ENGLISH / "es"
TEXT_FILES = [
    f"{kind}_{part}.txt" for kind in TEMPLATE_KINDS for part in ("subject", "body")
]
ENGLISH_WORDS = re.compile(
    r"\b(the|and|our|data|January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Please|Thank)\b"
)


def read(path):
    return path.read_text(encoding="utf-8").removesuffix("\n")


def standing(folder):
    return yaml.safe_load((folder / "standing.yaml").read_text(encoding="utf-8"))


def names(text):
    return Counter(
        name for _, name, _, _ in string.Formatter().parse(text) if name is not None
    )


def test_the_spanish_folder_has_a_file_for_each_english_default():
    english = sorted(p.name for p in ENGLISH.iterdir() if p.is_file())
    assert sorted(p.name for p in SPANISH.iterdir()) == english
    assert english == sorted([*TEXT_FILES, "standing.yaml"])


@pytest.mark.parametrize("name", TEXT_FILES)
def test_spanish_template_uses_the_english_placeholders(name):
    en, es = read(ENGLISH / name), read(SPANISH / name)
    assert Counter(template_fields(es)) == Counter(template_fields(en))
    # The same structure: the placeholders in the same order, the same paragraphs.
    assert template_fields(es) == template_fields(en)
    assert es.count("\n\n") == en.count("\n\n")
    assert not es.endswith("\n") and "\r" not in es
    assert es != en
    assert not ENGLISH_WORDS.search(es), ENGLISH_WORDS.search(es)


def test_spanish_templates_pass_the_admin_check():
    for kind in TEMPLATE_KINDS:
        subject = read(SPANISH / f"{kind}_subject.txt")
        body = read(SPANISH / f"{kind}_body.txt")
        assert template_errors(subject=subject, body=body) == []
        assert "\n" not in subject


def test_spanish_standing_wording_has_the_english_keys_and_placeholders():
    en, es = standing(ENGLISH), standing(SPANISH)
    assert set(es) == set(en)
    for part in ("request", "ask", "ask_text"):
        assert set(es[part]) == set(en[part]), part
        for key, text in es[part].items():
            assert text.strip(), (part, key)
            assert names(text) == names(en[part][key]), (part, key)
            assert text != en[part][key], (part, key)
            assert not ENGLISH_WORDS.search(text), (part, key, text)
    # The asks are keys into ask_text, the same in both languages.
    assert es["asks"] == en["asks"]
    assert set(es["request"]) == set(STANDINGS)


def test_spanish_standing_wording_fills_like_the_english():
    es = standing(SPANISH)
    values = {"law": "la Virginia Consumer Data Protection Act", "short": "VCDPA"}
    values |= {"state": "Virginia", "asks": "el derecho a demandar"}
    for part in ("request", "ask"):
        for text in es[part].values():
            filled = text.format(**values)
            assert "{" not in filled and "}" not in filled
    ask = es["ask"]["weak"].format(**values)
    assert ask == (
        "Le solicito que presente o apoye enmiendas a la VCDPA que incluyan "
        "el derecho a demandar."
    )
