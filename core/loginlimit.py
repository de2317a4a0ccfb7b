"""Failed sign-ins: counted, and paused for a while after too many.

Three counts, each over ADMIN_LOGIN_WINDOW_SECONDS, each pausing sign-in
for ADMIN_LOGIN_LOCKOUT_SECONDS once it reaches its limit:

- one account from one network (ADMIN_LOGIN_FAILURE_LIMIT): someone
  guessing one password;
- one account from anywhere (ADMIN_LOGIN_ACCOUNT_FAILURE_LIMIT): the same
  guessing spread over many networks;
- one network for any account (ADMIN_LOGIN_NETWORK_FAILURE_LIMIT): one
  place trying many accounts.

While a pause holds, the password is not even checked, so the right one
does not get in either. A successful sign-in clears only the first count
(that account from that network): the account-wide and network-wide counts
run out with their window, so an attacker's own account cannot wipe the
count of the guesses against others.

A network is an IPv4 address or an IPv6 /64 (core.ratelimit.network); the
cache keys hold salted hashes of it and of the account name, never either
in the clear. A pause is logged once, with the account name when such an
account exists (staff security logs), and never with an address.
"""

import logging
import math
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache

from core import ratelimit

logger = logging.getLogger(__name__)

ACCOUNT = "account"
NETWORK = "network"


@dataclass(frozen=True)
class Lockout:
    """A pause on signing in: whose (ACCOUNT or NETWORK) and until when (epoch s)."""

    scope: str
    until: float

    @property
    def seconds_left(self):
        return max(1, math.ceil(self.until - ratelimit.now()))


def _account_name(username):
    return (username or "").strip().casefold()


def _scopes(username, ip_address):
    """(counter key, limit, scope) per count, in the order they are checked."""
    account = ratelimit.salted_hash(f"account:{_account_name(username)}")[:40]
    net = ratelimit.ip_hash(ip_address)[:40]
    return (
        (
            f"login:fail:pair:{account}:{net}",
            settings.ADMIN_LOGIN_FAILURE_LIMIT,
            ACCOUNT,
        ),
        (
            f"login:fail:account:{account}",
            settings.ADMIN_LOGIN_ACCOUNT_FAILURE_LIMIT,
            ACCOUNT,
        ),
        (
            f"login:fail:network:{net}",
            settings.ADMIN_LOGIN_NETWORK_FAILURE_LIMIT,
            NETWORK,
        ),
    )


def _lock_key(counter_key):
    return counter_key.replace("login:fail:", "login:lock:", 1)


def login_lockout(*, username, ip_address):
    """The pause that holds for this account name from this address, or None."""
    keys = [_lock_key(key) for key, _, _ in _scopes(username, ip_address)]
    found = cache.get_many(keys)
    moment = ratelimit.now()
    for key, (_, _, scope) in zip(keys, _scopes(username, ip_address), strict=True):
        until = found.get(key)
        if until is not None and until > moment:
            return Lockout(scope=scope, until=until)
    return None


def login_failure_register(*, username, ip_address):
    """Count a failed sign-in; the pause it starts (a Lockout), or None.

    A count that reaches its limit starts its pause (kept in the cache with
    its end time) and starts again from zero, so after the pause the account
    gets the full number of attempts again. Logs each pause it starts.
    """
    window = settings.ADMIN_LOGIN_WINDOW_SECONDS
    lockout = None
    for key, limit, scope in _scopes(username, ip_address):
        total = ratelimit.hit(key, window=window)
        if total < limit:
            continue
        seconds = settings.ADMIN_LOGIN_LOCKOUT_SECONDS
        until = ratelimit.now() + seconds
        cache.set(_lock_key(key), until, timeout=seconds)
        cache.delete(key)
        _log_lockout(scope=scope, username=username, failures=total, seconds=seconds)
        lockout = lockout or Lockout(scope=scope, until=until)
    return lockout


def login_success_register(*, username, ip_address):
    """Clear the failed attempts of this account from this network only."""
    key = _scopes(username, ip_address)[0][0]
    cache.delete(key)


def _log_lockout(*, scope, username, failures, seconds):
    if scope == NETWORK:
        logger.warning(
            "admin sign-in paused for one network after %d failed attempts "
            "(any account), for %d seconds",
            failures,
            seconds,
        )
        return
    name = (username or "").strip()
    model = get_user_model()
    known = model._default_manager.filter(**{model.USERNAME_FIELD: name}).exists()
    logger.warning(
        "admin sign-in paused for account %s after %d failed attempts, for %d seconds",
        # A name that is no account may be a password typed in the wrong box.
        repr(name) if known else "(not an account)",
        failures,
        seconds,
    )
