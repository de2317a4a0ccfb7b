"""The admin's sign-in form with failed attempts limited (core/loginlimit.py)."""

import datetime
import math

from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import dateformat, timezone

from core import loginlimit, ratelimit

LOCKOUT_MESSAGES = {
    loginlimit.ACCOUNT: (
        "Too many failed sign-in attempts for this account. To protect it, "
        "signing in is paused: try again in {wait} (after {clock})."
    ),
    loginlimit.NETWORK: (
        "Too many failed sign-in attempts from your network. To protect the "
        "site, signing in from it is paused: try again in {wait} (after {clock})."
    ),
}


def lockout_message(lockout):
    """What the sign-in page says during a pause: why, and when to try again."""
    minutes = math.ceil(lockout.seconds_left / 60)
    until = datetime.datetime.fromtimestamp(lockout.until, tz=datetime.UTC)
    return LOCKOUT_MESSAGES[lockout.scope].format(
        wait=f"{minutes} minute{'' if minutes == 1 else 's'}",
        clock=dateformat.format(timezone.localtime(until), "g:i A T"),
    )


class LimitedAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin's sign-in form, with failed attempts limited (core/loginlimit.py).

    During a pause the password is not checked and the form says when to try
    again; `lockout` is then set, for the view's 429 and Retry-After.
    """

    lockout = None

    def clean(self):
        username = self.cleaned_data.get("username")
        if not (username and self.cleaned_data.get("password")):
            return super().clean()  # a field is missing: nothing was tried
        ip_address = ratelimit.client_ip(self.request)
        self.lockout = loginlimit.login_lockout(
            username=username, ip_address=ip_address
        )
        if self.lockout:
            raise ValidationError(lockout_message(self.lockout), code="locked")
        try:
            cleaned = super().clean()
        except ValidationError:
            self.lockout = loginlimit.login_failure_register(
                username=username, ip_address=ip_address
            )
            if self.lockout:
                raise ValidationError(
                    lockout_message(self.lockout), code="locked"
                ) from None
            raise
        loginlimit.login_success_register(username=username, ip_address=ip_address)
        return cleaned
