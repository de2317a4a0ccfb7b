"""Signed, expiring links for confirming and withdrawing a signature.

A token is the signature's random public id (Signature.public_id) signed with
Django's TimestampSigner, with one salt per purpose so a confirm link can
never be used to withdraw, or the reverse. Nothing else is stored: the secret
key and the timestamp do the work. The public id is random, so a link says
nothing about how many people signed (a sequential id would).

Links emailed before public ids existed sign the primary key instead; they
stay valid until they expire (PETITION_*_MAX_AGE_DAYS) because a public id
is never all digits, so `token_read` can tell the two apart. Once the oldest
such withdraw link has expired (365 days by default) the `LegacyId` branch can go.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings

from core.tokens import TokenExpired, TokenInvalid, token_sign, token_unsign

CONFIRM = "petitions.signature.confirm"
WITHDRAW = "petitions.signature.withdraw"


__all__ = ["TokenExpired", "TokenInvalid", "LegacyId", "token_make", "token_read"]


@dataclass(frozen=True)
class LegacyId:
    """The primary key a link made before public ids carries."""

    pk: int


def _max_age(purpose):
    if purpose == CONFIRM:
        days = settings.PETITION_CONFIRM_MAX_AGE_DAYS
    else:
        days = settings.PETITION_WITHDRAW_MAX_AGE_DAYS
    return timedelta(days=days)


def token_make(*, signature, purpose):
    return token_sign(signature.public_id, salt=purpose)


def token_read(*, token, purpose):
    """The signature's public id in `token` (a str), or a LegacyId for a link
    made before public ids; raises TokenExpired or TokenInvalid."""
    value = token_unsign(token, salt=purpose, max_age=_max_age(purpose))
    if value.isdigit():
        return LegacyId(pk=int(value))
    return value
