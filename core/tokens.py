"""Signed, expiring link tokens: a value signed with Django's TimestampSigner
under a salt per purpose, so a link made for one purpose never serves another.

The petitions' confirm and withdraw links and the letters' confirm, status
and reply links use these; each app keeps its own salts and ages.
"""

from django.core import signing


class TokenExpired(Exception):
    """The link was genuine but is older than its purpose allows."""


class TokenInvalid(Exception):
    """The link was altered, truncated or made for another purpose."""


def token_sign(value: str, *, salt: str) -> str:
    return signing.TimestampSigner(salt=salt).sign(value)


def token_unsign(token: str, *, salt: str, max_age) -> str:
    """The value signed in `token` (never empty); raises TokenExpired or
    TokenInvalid."""
    try:
        value = signing.TimestampSigner(salt=salt).unsign(token, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise TokenExpired from exc
    except signing.BadSignature as exc:
        raise TokenInvalid from exc
    if not value:
        raise TokenInvalid
    return value
