"""Signed, expiring links for confirming and withdrawing a signature.

A token is the signature's id signed with Django's TimestampSigner, with one
salt per purpose so a confirm link can never be used to withdraw, or the
reverse. Nothing is stored: the secret key and the timestamp do the work.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing

CONFIRM = "petitions.signature.confirm"
WITHDRAW = "petitions.signature.withdraw"


class TokenExpired(Exception):
    """The link was genuine but is older than its purpose allows."""


class TokenInvalid(Exception):
    """The link was altered, truncated or made for another purpose."""


def _max_age(purpose):
    if purpose == CONFIRM:
        days = settings.PETITION_CONFIRM_MAX_AGE_DAYS
    else:
        days = settings.PETITION_WITHDRAW_MAX_AGE_DAYS
    return timedelta(days=days)


def token_make(*, signature, purpose):
    return signing.TimestampSigner(salt=purpose).sign(str(signature.pk))


def token_read(*, token, purpose):
    """The signature id in `token`; raises TokenExpired or TokenInvalid."""
    signer = signing.TimestampSigner(salt=purpose)
    try:
        value = signer.unsign(token, max_age=_max_age(purpose))
    except signing.SignatureExpired as exc:
        raise TokenExpired from exc
    except signing.BadSignature as exc:
        raise TokenInvalid from exc
    try:
        return int(value)
    except ValueError as exc:
        raise TokenInvalid from exc
