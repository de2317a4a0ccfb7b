"""One rule for the names and places people type into public forms.

A signer's first name goes into the greeting of an email sent from our
address to whatever address was typed; names and cities go into delivery
packets and letters that legislative offices read. So a name or a city is
plain text on one line: no control characters or line breaks (a header or a
fake paragraph in the plain-text email), no invisible formatting characters
(right-to-left overrides that disguise text), no web addresses (a phishing
link in our own email) and no markup (`<` and `>`). Letters of every script,
accents, apostrophes, hyphens, dots and spaces are all fine: "José
O'Neil-Smith", "李小龍", "Zoë Quayle-Ñúñez", "St. Louis".

`PlainTextValidator` is the form (and model) validator; `plain_text_problem`
the same check as a function, for code that must decide without a form (the
email greeting, which uses the first name only when it passes).
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

# Joiners that some scripts (Persian, Indic languages) need inside a name.
_ALLOWED_FORMAT = {"\u200c", "\u200d"}
# Unicode categories never part of a name: controls (line breaks, tabs,
# escape...), format characters (bidi overrides, zero-width spaces), private
# use, surrogates, and the line and paragraph separators.
_REFUSED_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Zl", "Zp"}
# A web address: a scheme ("http://", "mailto:"), "www.", an email address,
# or a bare domain on a common top-level domain ("evil.com", "bit.ly/x").
_URL = re.compile(
    r"""
    [a-z][a-z0-9+.\-]*://
    | \bwww\.
    | \b(?:mailto|javascript):
    | \S@\S
    | \b[a-z0-9\-]+\.(?:com|net|org|info|biz|io|co|ly|me|app|link|click|top|xyz
        |site|online|shop|ru|cn|tk|gl|gd|to|cc|us|uk|de|example)\b
    | \b[a-z0-9\-]+\.[a-z]{2,}/
    """,
    re.IGNORECASE | re.VERBOSE,
)
_MARKUP = re.compile(r"[<>]")
# In a text of several lines ("Settings > Privacy") only a tag counts as markup.
_TAG = re.compile(r"<\s*[a-z/!?]", re.IGNORECASE)

# What each problem is called in the messages, by code.
CONTROL = "control"
URL = "url"
MARKUP = "markup"
NO_LETTER = "no_letter"


def plain_text_problem(value, *, multiline=False):
    """The first rule `value` breaks (CONTROL, URL, MARKUP, NO_LETTER), or None.

    `multiline` allows line breaks and tabs (a textarea such as a guide
    report); everything else is the same. Empty text breaks no rule.
    """
    if not value:
        return None
    for char in value:
        if multiline and char in "\n\r\t":
            continue
        if char in _ALLOWED_FORMAT:
            continue
        if unicodedata.category(char) in _REFUSED_CATEGORIES:
            return CONTROL
    if (_TAG if multiline else _MARKUP).search(value):
        return MARKUP
    if _URL.search(value):
        return URL
    if not any(unicodedata.category(char).startswith("L") for char in value):
        return NO_LETTER
    return None


def is_plain_text(value):
    """True when `value` breaks none of the rules (single line)."""
    return plain_text_problem(value) is None


# The field a message names when none is given.
THIS = _lazy("this")


@deconstructible
class PlainTextValidator:
    """Refuses control characters, line breaks, web addresses and markup.

    `what` names the field in the message ("your name", "your city"): the
    message says what to do, in plain words.
    """

    def __init__(self, what=THIS, *, multiline=False, hint=""):
        self.what = what
        self.multiline = multiline
        self.hint = hint

    def messages(self):
        # `what` and `hint` may be lazy translations: read in the active language.
        what = {"what": str(self.what)}
        hint = f" {self.hint}" if self.hint else ""
        if self.multiline:
            control = _("Please enter %(what)s without special characters.") % what
            markup = _("Please enter %(what)s without HTML tags.") % what
        else:
            control = (
                _(
                    "Please enter %(what)s on one line, "
                    "without links or symbols like < and >."
                )
                % what
            )
            markup = _("Please enter %(what)s without symbols like < and >.") % what
        return {
            CONTROL: control + hint,
            URL: _("Please enter %(what)s without links or web addresses.") % what
            + hint,
            MARKUP: markup + hint,
            NO_LETTER: _("Please enter %(what)s in letters.") % what + hint,
        }

    def __call__(self, value):
        problem = plain_text_problem(value, multiline=self.multiline)
        if problem is not None:
            raise ValidationError(self.messages()[problem], code=f"plain_{problem}")

    def __eq__(self, other):
        return (
            isinstance(other, PlainTextValidator)
            and self.what == other.what
            and self.multiline == other.multiline
            and self.hint == other.hint
        )
