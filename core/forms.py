"""A small building block every public form shares: the error summary.

When a form comes back with errors, the page lists them at the top, each one
a link to its field (templates/includes/error_summary.html), and each field
says it is invalid and points at its message: Django's BoundField adds
aria-invalid="true" and aria-describedby="<id>_helptext <id>_error", and the
crispy templates give the message that id. Forms of every app mix this in so
their pages build the summary the same way.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorItem:
    """One line of the summary: the message, and the field it links to ("" for none)."""

    text: str
    href: str = ""


class ErrorSummaryMixin:
    """Adds `error_summary`: the form's errors in field order, then form-wide ones."""

    def error_anchor(self, bound_field):
        """Where a summary link for this field goes: the control itself.

        A group of checkboxes or radio buttons has no element with the field's
        id; the link goes to its first option (Django numbers them _0, _1, ...).
        """
        auto_id = bound_field.auto_id
        if not auto_id:
            return ""
        input_type = getattr(bound_field.field.widget, "input_type", "")
        if bound_field.use_fieldset and input_type in ("checkbox", "radio"):
            return f"#{auto_id}_0"
        return f"#{auto_id}"

    @property
    def error_summary(self):
        if not self.is_bound or not self.errors:
            return []
        items = []
        for bound_field in self:
            for message in bound_field.errors:
                # "What do you see instead?" reads "What do you see instead: ..."
                label = str(bound_field.label or bound_field.name).rstrip(" ?:")
                items.append(
                    ErrorItem(
                        text=f"{label}: {message}", href=self.error_anchor(bound_field)
                    )
                )
        items.extend(ErrorItem(text=str(m)) for m in self.non_field_errors())
        return items
