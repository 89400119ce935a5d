"""Checking a login and password: the one road in, for pages and the API.

:func:`authenticate` throttles, verifies, logs and rehashes; the login page
and ``POST /api/v1/tokens`` both call it and only decide what to do with the
user it returns (a session, a token) or the :class:`LoginRefused` it raises.
"""

from __future__ import annotations

import math
import secrets
import time

from ..forms import ActionRefused
from ..i18n import _
from ..resources.root import portal_root
from . import throttle
from .schemas import LOGIN_PATTERN
from .security_log import client_address, log_event

WRONG_CREDENTIALS = _("The login or the password is not correct.")

#: Why a login was refused (``LoginRefused.reason``).
CREDENTIALS = "credentials"
INACTIVE = "inactive"
THROTTLED = "throttled"


class LoginRefused(ActionRefused):
    """The login was refused; ``message`` is safe to show to the person.

    ``reason`` is one of :data:`CREDENTIALS`, :data:`INACTIVE`,
    :data:`THROTTLED`; ``retry_after`` is the number of seconds to wait when
    throttled (an API answers 429 with a ``Retry-After`` header).
    """

    def __init__(self, message, reason: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.retry_after = retry_after


def portal_users(request):
    """The portal's ``Users`` folder, whatever the request's context."""
    return portal_root(request)["users"]


def _addr_key(request) -> str:
    return f"addr:{client_address(request)}"


def throttle_keys(request, login: str) -> tuple[str, str]:
    return (f"login:{login}", _addr_key(request))


def minutes_to_wait(until: float) -> int:
    """Whole minutes from now until ``until`` (at least 1), for messages."""
    return max(1, math.ceil((until - time.time()) / 60))


def _dummy_hash(request) -> str:
    """A hash to verify against for unknown logins, so they take as long."""
    registry = request.registry
    cached = getattr(registry, "sherloc_dummy_password_hash", None)
    if cached is None:
        cached = registry.sherloc_passwords.hash(secrets.token_urlsafe(16))
        registry.sherloc_dummy_password_hash = cached
    return cached


def authenticate(request, login: str, password: str):
    """Return the active user ``login``/``password`` names, or raise.

    Unknown logins and wrong passwords get the same message and take the
    same time.  Failures count per account and per client address
    (``sherloc.login_attempts`` and ``sherloc.login_attempts_per_address``
    within ``sherloc.login_window`` seconds);
    while either is over the limit every attempt is refused, even with the
    right password.  A hash made with older argon2 parameters is replaced.

    :raises LoginRefused: with a translatable message.
    """
    users = portal_users(request)
    login = users.normalize_login(login or "")
    # A login that no account could have is never looked up nor made into a
    # throttle key of its own: padded variants of a real login would
    # otherwise each get a fresh per-account allowance.  It counts against
    # the address only.
    well_formed = LOGIN_PATTERN.match(login) is not None
    keys = throttle_keys(request, login) if well_formed else (None, _addr_key(request))
    account_keys = keys[:1] if well_formed else ()
    failure_keys = keys if well_formed else keys[1:]
    settings = request.sherloc_settings
    until = throttle.retry_after(
        request, account_keys, settings.login_attempts
    ) or throttle.retry_after(request, keys[1:], settings.login_attempts_per_address)
    if until is not None:
        seconds = max(1, math.ceil(until - time.time()))
        log_event(request, "login.throttled", login=login[:64], retry_after=seconds)
        message = _(
            "Too many failed attempts to log in. For your security, logging in "
            "is paused: try again in ${minutes} minutes.",
            mapping={"minutes": minutes_to_wait(until)},
        )
        raise LoginRefused(message, THROTTLED, seconds)

    passwords = request.registry.sherloc_passwords
    user = users.get(login) if well_formed else None
    stored = user.password_hash if user is not None else ""
    if not passwords.verify(stored or _dummy_hash(request), password or ""):
        throttle.record(request, failure_keys)
        log_event(request, "login.failed", login=login[:64])
        raise LoginRefused(WRONG_CREDENTIALS, CREDENTIALS)
    if not user.active:
        # The same answer as a wrong password: telling "inactive" apart
        # would confirm to a guesser that the password is right.
        throttle.record(request, failure_keys)
        log_event(request, "login.inactive", login=login)
        raise LoginRefused(WRONG_CREDENTIALS, INACTIVE)
    if passwords.needs_rehash(stored):
        user.password_hash = passwords.hash(password)
    throttle.clear(request, keys[0])
    log_event(request, "login.succeeded", login=login)
    return user
