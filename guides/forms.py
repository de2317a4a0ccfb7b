from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import ErrorSummaryMixin
from core.validators import PlainTextValidator

from .models import (
    CHECK_IN_THE_FUTURE,
    CHECK_NOTE_REQUIRED,
    CHECK_NOTHING_TICKED,
    GuideReport,
)


class GuideReportForm(ErrorSummaryMixin, forms.Form):
    """Which step is wrong (optional) and what the reader sees now. Nothing personal."""

    step = forms.TypedChoiceField(
        label=_("Which step? (optional)"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    description = forms.CharField(
        label=_("What do you see instead?"),
        help_text=_(
            "For example: “The menu is now called Privacy Center.” "
            "Please don't include your name, email or other personal details."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=GuideReport._meta.get_field("description").max_length,
        min_length=5,
        validators=[
            PlainTextValidator(
                "what you see",
                multiline=True,
                hint="Name the menu, button or page instead.",
            )
        ],
        error_messages={
            "required": _("Tell us what no longer matches, in a few words."),
            "min_length": _("Please describe the problem in a few more words."),
        },
    )

    def __init__(self, *args, steps=(), step_labels=None, **kwargs):
        """`step_labels`: {step pk: "App step 2"}, the numbers the page shows
        (guides.selectors.step_report_labels); default "Step 1", "Step 2"..."""
        super().__init__(*args, **kwargs)
        self.steps = {step.pk: step for step in steps}
        labels = step_labels or {}
        self.fields["step"].choices = [("", _("Not sure / the whole guide"))] + [
            (
                step.pk,
                f"{labels.get(step.pk) or _('Step %(number)s') % {'number': number}}: "
                f"{step.text[:60]}{'…' if len(step.text) > 60 else ''}",
            )
            for number, step in enumerate(steps, start=1)
        ]

    def clean_step(self):
        pk = self.cleaned_data.get("step")
        return self.steps.get(pk) if pk is not None else None


class GuideCheckForm(forms.Form):
    """Staff record one check of one guide (admin: "Record a check")."""

    steps_checked = forms.BooleanField(
        label="Steps: I followed every step on a real device or account",
        required=False,
    )
    status_checked = forms.BooleanField(
        label="Status: the opt-out status and difficulty are still right",
        required=False,
    )
    sources_checked = forms.BooleanField(
        label="Sources: the sources still open and say what the guide says",
        required=False,
    )
    checked_on = forms.DateField(
        label="Date of the check",
        help_text="YYYY-MM-DD. Today unless you checked earlier.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(
        label="Note",
        help_text="Required: what you checked, on which device or account, "
        "and what you found (e.g. “iPhone app 312.0: steps 2 and 3 match”).",
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        error_messages={"required": CHECK_NOTE_REQUIRED},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["checked_on"].initial = timezone.localdate

    def clean_checked_on(self):
        day = self.cleaned_data["checked_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(CHECK_IN_THE_FUTURE)
        return day

    def clean(self):
        data = super().clean()
        if not any(
            data.get(name)
            for name in ("steps_checked", "status_checked", "sources_checked")
        ):
            raise forms.ValidationError(CHECK_NOTHING_TICKED)
        return data
