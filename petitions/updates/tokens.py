"""Signed unsubscribe links.

A token is the SHA-256 of the lower-cased address (the same value
petitions.models.Unsubscribe stores) signed with Django's Signer under its own
salt. It carries no sequential id and no readable address, and it does not
expire: an unsubscribe link must work as long as the email exists.
"""

import hashlib

from django.core import signing

SALT = "petitions.updates.unsubscribe"


class TokenInvalid(Exception):
    """The link was altered or cut short."""


def email_hash(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest()


def unsubscribe_token_make(*, email: str) -> str:
    return signing.Signer(salt=SALT).sign(email_hash(email))


def unsubscribe_token_read(*, token: str) -> str:
    """The address hash in `token`; raises TokenInvalid."""
    try:
        value = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature as exc:
        raise TokenInvalid from exc
    if len(value) != 64 or any(c not in "0123456789abcdef" for c in value):
        raise TokenInvalid
    return value
