"""Helpers for tests that need accounts (used by the portal's and add-ons' tests)."""

from __future__ import annotations

import re

from ..resources.users import User
from ..testing import DEMO_PASSWORD, commit

_LINK = re.compile(r"https?://\S+(/(?:password-reset|invitation)/[A-Za-z0-9_-]+)")


def add_user(
    app,
    portal,
    login: str,
    password: str = DEMO_PASSWORD,
    *,
    roles: tuple[str, ...] = (),
    active: bool = True,
    email: str = "",
    language: str = "",
) -> User:
    """Create and commit an account through the ``portal`` fixture."""
    user = User(login, email=email or f"{login}@example.org", fullname=login.title())
    user.password_hash = (
        app.registry.sherloc_passwords.hash(password) if password else ""
    )
    user.roles = tuple(roles)
    user.active = active
    user.language = language
    portal["users"].add_user(user)
    commit(portal)
    return user


def link_path(message) -> str:
    """The path of the reset or invitation link in a queued mail."""
    body = message.get_payload(decode=True).decode(message.get_content_charset())
    found = _LINK.search(body)
    if found is None:
        raise LookupError(f"no link in the mail:\n{body}")
    return found.group(1)
