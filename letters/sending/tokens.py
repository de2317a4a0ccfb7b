"""Signed links for a letter request: confirm it, see its status, answer the follow-up.

A token is a random public id signed with Django's TimestampSigner, one salt
per purpose, so a status link can never confirm a request or answer for it.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing

CONFIRM = "letters.request.confirm"
STATUS = "letters.request.status"
REPLY = "letters.delivery.reply"


class TokenExpired(Exception):
    """The link was genuine but is older than its purpose allows."""


class TokenInvalid(Exception):
    """The link was altered, truncated or made for another purpose."""


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
    return signing.TimestampSigner(salt=purpose).sign(public_id)


def token_read(*, token, purpose):
    """The public id in `token`; raises TokenExpired or TokenInvalid."""
    signer = signing.TimestampSigner(salt=purpose)
    try:
        value = signer.unsign(token, max_age=_max_age(purpose))
    except signing.SignatureExpired as exc:
        raise TokenExpired from exc
    except signing.BadSignature as exc:
        raise TokenInvalid from exc
    if not value:
        raise TokenInvalid
    return value
