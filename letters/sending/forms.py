"""The "send it by email for me" form: the writer's email and their word."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import ErrorSummaryMixin


class SendForm(ErrorSummaryMixin, forms.Form):
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_(
            "We email you a link to confirm before anything is sent. The office "
            "replies to this address."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    lives_here = forms.BooleanField(
        label=_("I live at the address on my letter."),
        error_messages={
            "required": _("Please confirm that you live at the address on your letter.")
        },
    )

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.offices = offices
        for office in offices:
            if office.sendable and office.needs_district_confirm:
                self.fields[f"in_district_{office.legislator.pk}"] = forms.BooleanField(
                    required=False,
                    label=gettext(
                        "I live in {addressee}’s district, even though our "
                        "ZIP code list does not put my ZIP code there."
                    ).format(addressee=office.addressee),
                )

    def district_confirmed(self) -> frozenset:
        return frozenset(
            office.legislator.pk
            for office in self.offices
            if self.cleaned_data.get(
                f"in_district_{getattr(office.legislator, 'pk', 0)}"
            )
        )

    def district_fields(self):
        return [self[name] for name in self.fields if name.startswith("in_district_")]
