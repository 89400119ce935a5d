"""Helpers for tests of API services (the portal's and the add-ons')."""

from __future__ import annotations

from ..resources.users import User
from ..testing import DEMO_PASSWORD, commit


def add_account(portal, registry, login: str, password: str = DEMO_PASSWORD, **attrs):
    """Create an active account through the ``portal`` fixture and commit it.

    ``attrs`` sets further ``User`` attributes (``roles``, ``state``,
    ``state_role``, ``fullname``...).
    """
    user = User(login, email=f"{login}@example.org")
    user.password_hash = registry.sherloc_passwords.hash(password)
    user.active = True
    for name, value in attrs.items():
        setattr(user, name, value)
    portal["users"].add_user(user)
    commit(portal)
    return user


def issue_token(testapp, login: str, password: str = DEMO_PASSWORD) -> str:
    """A bearer token from ``POST /api/v1/tokens`` (which must answer 201)."""
    response = testapp.post_json(
        "/api/v1/tokens", {"login": login, "password": password}, status=201
    )
    return response.json["token"]


def bearer(token: str) -> dict[str, str]:
    """Request headers carrying ``token``."""
    return {"Authorization": f"Bearer {token}"}
