"""The plain-text rule for names and cities (core.validators)."""

import pytest
from django.core.exceptions import ValidationError

from core.validators import PlainTextValidator, is_plain_text, plain_text_problem

ATTACK = 'Ann\r\nBcc: victim@example.com\r\n\r\n<a href="http://evil.example">x</a>'


@pytest.mark.parametrize(
    "name",
    [
        "José O'Neil-Smith",
        "李小龍",
        "Zoë Quayle-Ñúñez",
        "O’Brien",
        "J.R.R. Tolkien",
        "Mary-Kate",
        "Sue (née Jones)",
        "محمد\u200cرضا",  # a zero-width non-joiner Persian names need
        "St. Louis",
        "Coeur d'Alene",
        "Winston-Salem",
        "São Paulo",
    ],
)
def test_real_names_and_places_pass(name):
    assert plain_text_problem(name) is None
    PlainTextValidator("your name")(name)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (ATTACK, "control"),
        ("Ann\nBcc: x@example.com", "control"),
        ("Ann\rSmith", "control"),
        ("Ann\tSmith", "control"),
        ("Ann\x00", "control"),
        ("Ann\u2028Smith", "control"),  # Unicode line separator
        ("Ann\u202eevil", "control"),  # right-to-left override
        ("Ann\u200bSmith", "control"),  # zero-width space
        ("Ann <b>", "markup"),
        ("<script>", "markup"),
        ("Ann http://evil.example", "url"),
        ("https://x.test/a", "url"),
        ("www.evil", "url"),
        ("evil.com", "url"),
        ("bit.ly/abc", "url"),
        ("ann@example.org", "url"),
        ("javascript:alert(1)", "url"),
        ("12345", "no_letter"),
        ("!!!", "no_letter"),
    ],
)
def test_attacks_are_refused(value, problem):
    assert plain_text_problem(value) == problem
    assert not is_plain_text(value)
    with pytest.raises(ValidationError) as caught:
        PlainTextValidator("your first name")(value)
    assert caught.value.code == f"plain_{problem}"
    assert "your first name" in caught.value.messages[0]


def test_the_attack_message_is_plain():
    with pytest.raises(ValidationError) as caught:
        PlainTextValidator("your first name")(ATTACK)
    assert caught.value.messages == [
        "Please enter your first name on one line, without links or symbols like "
        "< and >."
    ]


def test_several_lines_allow_line_breaks_and_menu_paths_but_not_tags_or_links():
    report = "Settings > Privacy is gone.\r\nNow it says: AI data."
    assert plain_text_problem(report, multiline=True) is None
    assert plain_text_problem(report) == "control"  # one line only for a name
    assert plain_text_problem("See <a href=x>", multiline=True) == "markup"
    assert plain_text_problem("Go to evil.com now", multiline=True) == "url"
    assert plain_text_problem("Ann\x07bell", multiline=True) == "control"


def test_empty_text_breaks_no_rule():
    assert plain_text_problem("") is None
