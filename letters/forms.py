"""Forms for the letter flow: choose a state, choose legislators, write."""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.forms import ErrorSummaryMixin
from core.i18n import number_text
from core.validators import PlainTextValidator, plain_text_problem
from states import legislatures, us

from . import selectors

# What fits one printed page with the letter's own text (issue 15).
STORY_MAX = 1000
POINTS_MAX = 3
MAX_RECIPIENTS = 12

try:
    from .compose import POINT_CHOICES
except ImportError:  # pragma: no cover - the composer ships with the app
    POINT_CHOICES = [
        ("consent", "Consent before personal data trains AI"),
        ("minimization", "Data minimization"),
        ("private_right", "A private right of action"),
        ("delete", "A right to delete"),
    ]

# The labels the form shows (the letter's own lines come from the composer).
POINT_LABELS = {
    "consent": _("Consent before personal data trains AI"),
    "minimization": _("Data minimization"),
    "private_right": _("A private right of action"),
    "delete": _("A right to delete"),
}
POINT_FORM_CHOICES = [
    (key, POINT_LABELS.get(key, label)) for key, label in POINT_CHOICES
]

# The language of the letter's fixed text; "Español" is written in Spanish.
LETTER_LANGUAGE_CHOICES = [("en", "English"), ("es", "Español")]

TYPED_NAME_INVALID = _(
    "Please type your legislator's name on one line, without links or symbols "
    "like < and >."
)

OTHER_CHAMBER = _(
    "This campaign writes to the other chamber of the legislature only. Please "
    "choose again."
)


def _format_now(text, **values):
    return str(text).format(
        **{k: number_text(v) if isinstance(v, int) else v for k, v in values.items()}
    )


# A help text formatted when it is shown, in the language of the page.
lazy_format = lazy(_format_now, str)

_PHONE = re.compile(r"^[0-9+().\-\s]{7,25}(\s*(x|ext\.?)\s*\d{1,6})?$", re.I)


class StateForm(ErrorSummaryMixin, forms.Form):
    state = forms.ChoiceField(
        label=_("Your state"),
        help_text=_("The 50 states, the District of Columbia and Puerto Rico."),
        widget=forms.Select(attrs={"autocomplete": "address-level1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("Choose your state"))] + [
            (s.abbr, s.name) for s in selectors.state_list()
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


def district_choices(state_abbr: str, chamber: str):
    return [("", _("Choose a district"))] + [
        (name, name) for name in legislatures.district_names(state_abbr, chamber)
    ]


class DistrictForm(ErrorSummaryMixin, forms.Form):
    """One district list per chamber (works without JavaScript)."""

    def __init__(self, *args, state, chambers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.state = state
        for info in legislatures.chambers(state.abbr):
            if chambers is not None and info.chamber not in chambers:
                continue  # a campaign that writes to one chamber only
            label = _("{chamber} district").format(chamber=info.name)
            if state.abbr == "DC":
                label = _("{chamber}: your ward, or an at-large seat").format(
                    chamber=info.name
                )
            elif not info.name.startswith(state.name) and info.chamber != "legislature":
                label = _("{state} {chamber} district").format(
                    state=state.name, chamber=info.name
                )
            self.fields[info.chamber] = forms.ChoiceField(
                label=label,
                required=False,
                choices=district_choices(state.abbr, info.chamber),
                help_text=_("Your {title}'s district.").format(
                    title=info.title.lower()
                ),
            )

    def clean(self):
        cleaned = super().clean()
        if self.is_bound and not any(cleaned.get(c) for c in self.fields):
            raise forms.ValidationError(_("Choose at least one district."))
        return cleaned

    @property
    def districts(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {c: d for c, d in self.cleaned_data.items() if d}


class RecipientChoice:
    """A chosen addressee: an imported legislator or a typed name for a seat."""

    def __init__(self, *, chamber, district, legislator_id=None, typed_name=""):
        self.chamber = chamber
        self.district = district
        self.legislator_id = legislator_id
        self.typed_name = typed_name

    def as_session(self) -> dict:
        return {
            "chamber": self.chamber,
            "district": self.district,
            "legislator": self.legislator_id,
            "typed_name": self.typed_name,
        }


def recipients_from_post(
    *, state, data, chambers=None
) -> tuple[list[RecipientChoice], list[str]]:
    """Parse step 2's POST: `pick` = legislator ids; `typed:<chamber>:<district>` = names.

    Returns (choices, errors). Only active legislators of the state and real
    seats of its chambers are accepted; with `chambers`, only those chambers
    (a campaign that writes to one chamber).
    """
    choices, errors, seen = [], [], set()
    for value in data.getlist("pick"):
        legislator = selectors.legislator_get(state=state, pk=value)
        if legislator is None:
            errors.append(
                _("That legislator is no longer listed. Please choose again.")
            )
            continue
        if chambers is not None and legislator.chamber not in chambers:
            errors.append(OTHER_CHAMBER)
            continue
        if legislator.pk in seen:
            continue
        seen.add(legislator.pk)
        choices.append(
            RecipientChoice(
                chamber=legislator.chamber,
                district=legislator.district,
                legislator_id=legislator.pk,
            )
        )
    for key in data:
        if not key.startswith("typed:"):
            continue
        name = " ".join(data.get(key, "").split())
        if not name:
            continue
        _typed, chamber, district = (key.split(":", 2) + ["", ""])[:3]
        if not legislatures.is_district(state.abbr, chamber, district):
            errors.append(_("Choose your district again before typing a name."))
            continue
        if chambers is not None and chamber not in chambers:
            errors.append(OTHER_CHAMBER)
            continue
        if len(name) > 200:
            errors.append(
                _("The legislator's name is too long (200 characters at most).")
            )
            continue
        if plain_text_problem(name):
            errors.append(TYPED_NAME_INVALID)
            continue
        choices.append(
            RecipientChoice(chamber=chamber, district=district, typed_name=name)
        )
    if not choices and not errors:
        errors.append(
            _("Choose at least one legislator, or type your legislator's name.")
        )
    if len(choices) > MAX_RECIPIENTS:
        errors.append(
            _("Choose at most {count} legislators.").format(count=MAX_RECIPIENTS)
        )
    return choices, errors


class LetterForm(ErrorSummaryMixin, forms.Form):
    """Step 3: who is writing and what to stress. Nothing here is saved to the database."""

    name = forms.CharField(
        label=_("Your full name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        validators=[PlainTextValidator("your name")],
    )
    street = forms.CharField(
        label=_("Street address"),
        max_length=200,
        help_text=_(
            "Legislators answer constituents: your address shows you live in the "
            "district."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    city = forms.CharField(
        label=_("City or town"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
        validators=[PlainTextValidator("your city or town")],
    )
    zip_code = forms.CharField(
        label=_("ZIP code"),
        max_length=10,
        help_text=_("5 digits, or ZIP+4."),
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "inputmode": "numeric", "size": 10}
        ),
    )
    email = forms.EmailField(
        label=_("Email (optional)"),
        required=False,
        help_text=_("Printed under your address so your legislator can reply."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    story = forms.CharField(
        label=_("Your story (optional)"),
        required=False,
        help_text=lazy_format(
            _(
                "Up to {max} characters, so your letter fits on one page. Why "
                "does this matter to you? "
                "A personal reason is what legislators remember."
            ),
            max=STORY_MAX,
        ),
        widget=forms.Textarea(
            attrs={"rows": 6, "maxlength": STORY_MAX, "data-story-counter": STORY_MAX}
        ),
    )
    points = forms.MultipleChoiceField(
        label=_("Points to stress"),
        required=False,
        choices=POINT_FORM_CHOICES,
        initial=["consent"],
        help_text=lazy_format(
            _(
                "Choose up to {max}. Each one adds a short line to your letter, so "
                "it still fits on one page."
            ),
            max=POINTS_MAX,
        ),
        widget=forms.CheckboxSelectMultiple,
    )
    # The letter's fixed text (issue 19): English unless the writer chooses
    # Spanish; their own story is sent as they wrote it either way.
    letter_language = forms.ChoiceField(
        label=_("Language of the letter"),
        choices=LETTER_LANGUAGE_CHOICES,
        initial="en",
        required=False,
        help_text=_(
            "The office reads English; choose Spanish only if you want the fixed "
            "text in Spanish."
        ),
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field("name"),
            Field("street"),
            Div(
                Div(Field("city"), css_class="col-sm-8"),
                Div(Field("zip_code"), css_class="col-sm-4"),
                css_class="row",
            ),
            Div(
                Div(Field("email"), css_class="col-sm-7"),
                Div(Field("phone"), css_class="col-sm-5"),
                css_class="row",
            ),
            Field("story"),
            Field("points"),
            Field("letter_language"),
        )

    def clean_zip_code(self):
        value = us.zip_normalize(self.cleaned_data["zip_code"])
        if not us.zip_is_valid(value):
            raise forms.ValidationError(
                _("Enter a 5-digit ZIP code, like 23219 (or ZIP+4).")
            )
        return value

    def clean_phone(self):
        value = " ".join(self.cleaned_data["phone"].split())
        if value and not _PHONE.match(value):
            raise forms.ValidationError(
                _("Enter a phone number, like 804-555-0123, or leave it empty.")
            )
        return value

    def clean_story(self):
        # Normalise line endings so the limit counts what was typed (browsers
        # count a line break once but send it as two characters).
        story = (
            self.cleaned_data["story"].replace("\r\n", "\n").replace("\r", "\n").strip()
        )
        if len(story) > STORY_MAX:
            raise forms.ValidationError(
                _(
                    "Your story is {length} characters long; please shorten it to "
                    "{max} or fewer."
                ).format(length=number_text(len(story)), max=number_text(STORY_MAX))
            )
        return story

    def clean_letter_language(self):
        return self.cleaned_data.get("letter_language") or "en"

    def clean_points(self):
        points = self.cleaned_data["points"]
        if len(points) > POINTS_MAX:
            raise forms.ValidationError(
                ngettext(
                    "You chose {count} point; please choose {max} or fewer so your "
                    "letter fits on one page.",
                    "You chose {count} points; please choose {max} or fewer so your "
                    "letter fits on one page.",
                    len(points),
                ).format(count=len(points), max=POINTS_MAX)
            )
        return points

    def clean(self):
        cleaned = super().clean()
        for name in ("name", "street", "city"):
            if name in cleaned:
                cleaned[name] = " ".join(cleaned[name].split())
        return cleaned
