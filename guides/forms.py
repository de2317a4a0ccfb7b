from django import forms

from core.forms import ErrorSummaryMixin

from .models import GuideReport


class GuideReportForm(ErrorSummaryMixin, forms.Form):
    """Which step is wrong (optional) and what the reader sees now. Nothing personal."""

    step = forms.TypedChoiceField(
        label="Which step? (optional)",
        required=False,
        coerce=int,
        empty_value=None,
    )
    description = forms.CharField(
        label="What do you see instead?",
        help_text="For example: “The menu is now called Privacy Center.” "
        "Please don't include your name, email or other personal details.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=GuideReport._meta.get_field("description").max_length,
        min_length=5,
        error_messages={
            "required": "Tell us what no longer matches, in a few words.",
            "min_length": "Please describe the problem in a few more words.",
        },
    )

    def __init__(self, *args, steps=(), step_labels=None, **kwargs):
        """`step_labels`: {step pk: "App step 2"}, the numbers the page shows
        (guides.selectors.step_report_labels); default "Step 1", "Step 2"..."""
        super().__init__(*args, **kwargs)
        self.steps = {step.pk: step for step in steps}
        labels = step_labels or {}
        self.fields["step"].choices = [("", "Not sure / the whole guide")] + [
            (
                step.pk,
                f"{labels.get(step.pk, f'Step {number}')}: "
                f"{step.text[:60]}{'…' if len(step.text) > 60 else ''}",
            )
            for number, step in enumerate(steps, start=1)
        ]

    def clean_step(self):
        pk = self.cleaned_data.get("step")
        return self.steps.get(pk) if pk is not None else None
