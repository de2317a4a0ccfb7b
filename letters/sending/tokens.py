"""Signed links for a letter request: confirm it, see its status, answer the follow-up.

A token is a random public id signed with Django's TimestampSigner, one salt
per purpose, so a status link can never confirm a request or answer for it.
"""

from datetime import timedelta

from django.conf import settings

from core.tokens import TokenExpired, TokenInvalid, token_sign, token_unsign

CONFIRM = "letters.request.confirm"
STATUS = "letters.request.status"
REPLY = "letters.delivery.reply"


__all__ = ["TokenExpired", "TokenInvalid", "token_make", "token_read"]


def _max_age(purpose):
    if purpose == CONFIRM:
        days = settings.LETTERS_UNCONFIRMED_KEEP_DAYS
    else:
        # Nothing personal is left after LETTERS_KEEP_DAYS past sending; the
        # status page still shows what happened for a while after.
        days = (
            settings.LETTERS_KEEP_DAYS
            + settings.LETTERS_FOLLOWUP_DAYS
            + settings.LETTERS_FOLLOWUP_AGAIN_DAYS
            + settings.LETTERS_UNCONFIRMED_KEEP_DAYS
        )
    return timedelta(days=days)


def token_make(*, public_id, purpose):
    return token_sign(public_id, salt=purpose)


def token_read(*, token, purpose):
    """The public id in `token`; raises TokenExpired or TokenInvalid."""
    return token_unsign(token, salt=purpose, max_age=_max_age(purpose))
