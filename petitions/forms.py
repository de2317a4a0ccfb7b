import copy
from functools import cached_property

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.selectors import source_clean
from core.forms import ErrorSummaryMixin
from core.validators import PlainTextValidator
from states import us


class FixedChoicesSelect(forms.Select):
    """A Select whose choices every copy shares instead of re-normalising them."""

    def __deepcopy__(self, memo):
        obj = copy.copy(self)  # keeps the same (never changed) choices list
        obj.attrs = self.attrs.copy()
        memo[id(self)] = obj
        return obj


class FixedChoiceField(forms.ChoiceField):
    """A ChoiceField for a fixed list (the 53 states), shared by every form.

    Django deep-copies a ChoiceField's choices, and normalises the widget's
    again, for every form instance: for the state list that was a third of
    the CPU of a signature. Nothing changes these choices per form, so each
    form's copy of the field (and its widget) keeps the class's list.
    """

    widget = FixedChoicesSelect

    def __deepcopy__(self, memo):
        return forms.Field.__deepcopy__(self, memo)


class SignatureForm(ErrorSummaryMixin, forms.Form):
    """The public sign form: validation and layout only."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        validators=[PlainTextValidator("your first name")],
        error_messages={"required": _("Enter your first name.")},
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        validators=[PlainTextValidator("your last name")],
        error_messages={"required": _("Enter your last name.")},
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_(
            "We send one email to confirm your signature. It is never shown publicly."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.com."),
        },
    )
    zip_code = forms.CharField(
        label=_("ZIP code"),
        max_length=10,
        help_text=_("5 digits, or ZIP+4 such as 12345-6789."),
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "inputmode": "numeric"}
        ),
        error_messages={"required": _("Enter your ZIP code.")},
    )
    city = forms.CharField(
        label=_("City (optional)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
        validators=[PlainTextValidator("your city")],
    )
    state = FixedChoiceField(
        label=_("State"),
        choices=[("", _("Choose your state"))] + us.STATE_CHOICES,
        widget=FixedChoicesSelect(attrs={"autocomplete": "address-level1"}),
        error_messages={"required": _("Choose your state.")},
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=1000,
        required=False,
        help_text=_(
            "Why this matters to you, in up to 1,000 characters. "
            "It goes to your state's legislators with your name and city."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    list_publicly = forms.BooleanField(
        label=_("List my name publicly (first name, last initial and state)"),
        required=False,
    )
    may_contact = forms.BooleanField(
        label=_("The organizers may email me about this campaign"),
        required=False,
    )
    # Honeypot: hidden by CSS; people never see it, naive bots fill it in.
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    # Where the signer came from (?source= on the link they followed), carried
    # in a hidden field (templates/includes/source_field.html, not in the
    # crispy layout). Cleaned again here: an unknown or malformed code is
    # dropped, never stored, whatever the hidden field says.
    source = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    error_messages = {
        "zip_format": _(
            "Enter your ZIP code as 5 digits, or ZIP+4 such as 12345-6789."
        ),
        "zip_state": _(
            "ZIP code %(zip)s is not in %(state)s. Check your ZIP code and state."
        ),
    }

    @cached_property
    def helper(self):
        """The crispy layout: built only when the form is rendered."""
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(
            Div(Field("first_name"), css_class="col-sm-6"),
            Div(Field("last_name"), css_class="col-sm-6"),
            Field("email"),
            Div(Field("zip_code"), css_class="col-sm-5"),
            Div(Field("city"), css_class="col-sm-7"),
            Field("state"),
            Field("comment"),
            Field("list_publicly"),
            Field("may_contact"),
        )
        return helper

    def clean_first_name(self):
        return self.cleaned_data["first_name"].strip()

    def clean_last_name(self):
        return self.cleaned_data["last_name"].strip()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_city(self):
        return " ".join(self.cleaned_data["city"].split())

    def clean_source(self):
        return source_clean(self.cleaned_data.get("source"))

    def clean_zip_code(self):
        value = us.zip_normalize(self.cleaned_data["zip_code"])
        if not us.zip_is_valid(value):
            raise forms.ValidationError(
                self.error_messages["zip_format"], code="zip_format"
            )
        return value

    def clean(self):
        cleaned = super().clean()
        zip_code, state = cleaned.get("zip_code"), cleaned.get("state")
        if zip_code and state and not us.zip_in_state(zip_code, state):
            self.add_error(
                "zip_code",
                forms.ValidationError(
                    self.error_messages["zip_state"],
                    code="zip_state",
                    params={"zip": zip_code, "state": us.state_name(state)},
                ),
            )
        return cleaned

    @property
    def is_bot(self):
        """True when the honeypot was filled in (call after is_valid())."""
        return (
            bool(self.cleaned_data.get("website", "").strip())
            if self.is_bound
            else False
        )
