"""Portal accounts.

A ``User`` holds what the portal needs to authenticate and describe a person:
login, e-mail, argon2id hash, portal roles, and an optional affiliation to a
State (``state`` ISO3 code and ``state_role``).  What an affiliation *means*
(principals such as ``state:FRA:focal``) is decided by add-ons through
principals providers.
"""

from __future__ import annotations

import time

from BTrees.OOBTree import OOBTree
from pyramid.authorization import Allow

from ..security.acl import ADMIN, DENY_ALL, SECRETARIAT, fail_closed
from ..security.permissions import Permission
from .folder import Folder, Resource
from .onetime import OneTimeTokens

STATE_ROLES = ("focal", "expert", "observer")


class User(Resource):
    """One account.  ``session_epoch`` changes whenever sessions must end."""

    schema_version = 1
    # Class-level defaults: attributes added later read these on old objects.
    fullname = ""
    email = ""
    password_hash = ""
    roles: tuple[str, ...] = ()
    state = ""
    state_role = ""
    active = False
    language = ""
    session_epoch = 0
    credentials_epoch = 0
    created = 0.0
    invited_by = ""
    invited_at = 0.0
    #: An invitation withdrawn before it was accepted (its link is dead).
    invitation_cancelled = False

    def __init__(self, login: str, email: str = "", fullname: str = "") -> None:
        super().__init__()
        self.login = login
        self.email = email.strip().lower()
        self.fullname = fullname
        self.created = time.time()

    @property
    def userid(self) -> str:
        return self.login

    def end_sessions(self) -> None:
        """End every browser session of this user (logout)."""
        self.session_epoch += 1

    def revoke_credentials(self) -> None:
        """End every session *and* API token (new password, deactivation)."""
        self.session_epoch += 1
        self.credentials_epoch += 1

    @fail_closed
    def __acl__(self):
        # Only administrators manage an administrator's account: the
        # Secretariat must not be able to lock every administrator out, nor
        # revive an administrator account disabled after a compromise.
        managers = [ADMIN] if "admin" in self.roles else [ADMIN, SECRETARIAT]
        return [
            *((Allow, who, Permission.ACCOUNTS_MANAGE) for who in managers),
            (Allow, f"user:{self.login}", Permission.ACCOUNT_EDIT_OWN),
            DENY_ALL,
        ]


class Users(Folder):
    """``/users``: accounts keyed by login, with an e-mail index."""

    schema_version = 1

    def __init__(self) -> None:
        super().__init__()
        self.by_email = OOBTree()
        self.onetime = OneTimeTokens()

    @staticmethod
    def normalize_login(login: str) -> str:
        return login.strip().lower()

    def add_user(self, user: User) -> User:
        self.add(user.login, user)
        if user.email:
            self.by_email[user.email] = user.login
        return user

    def by_login(self, login: str) -> User | None:
        return self.get(self.normalize_login(login or ""))

    def find_by_email(self, email: str) -> User | None:
        login = self.by_email.get((email or "").strip().lower())
        return self.get(login) if login else None

    def set_email(self, user: User, email: str) -> None:
        email = email.strip().lower()
        if user.email and self.by_email.get(user.email) == user.login:
            del self.by_email[user.email]
        user.email = email
        if email:
            self.by_email[email] = user.login

    @fail_closed
    def __acl__(self):
        return [
            (Allow, ADMIN, Permission.ACCOUNTS_MANAGE),
            (Allow, SECRETARIAT, Permission.ACCOUNTS_MANAGE),
            DENY_ALL,
        ]
