"""Who the officials of each State are: an index kept beside the mechanism.

``mechanism["officials"]`` (an :class:`OfficialsIndex`) maps a State's ISO3
code to its :class:`StateOfficials`: the logins of its officials with their
role (focal point, governmental expert, observer — ¶18, ¶27), and who
registered the State as volunteering to be reviewed (¶52).  Pages and the
public directory read this index, never a scan of all accounts.

The account itself (``User.state``, ``User.state_role``, ``User.active``)
stays the source of a person's principals; the index mirrors it and every
change made through this slice writes both in the same transaction.
"""

from __future__ import annotations

import time

from BTrees.OOBTree import OOBTree
from pyramid.authorization import Allow

from sherloc_portal.resources.folder import Folder, Resource
from sherloc_portal.resources.root import portal_root
from sherloc_portal.resources.users import STATE_ROLES
from sherloc_portal.security.acl import ADMIN, DENY_ALL, SECRETARIAT, fail_closed

from ..principals import state_role
from .permissions import OfficialsPermission

INDEX_NAME = "officials"
MECHANISM_NAME = "review"

#: Roles shown in the public directory (¶18, ¶27); observers are not listed.
DIRECTORY_ROLES = ("focal", "expert")

_STAFF = (OfficialsPermission.MANAGE, OfficialsPermission.VIEW)


class StateOfficials(Resource):
    """One State's officials: ``members`` maps login to role.

    Pending invitations are members too (their account is inactive until
    the invitation is accepted); whether one is active is read from the
    account.  Reached as ``/review/officials/ISO3``.
    """

    schema_version = 1
    volunteer_by = ""
    volunteer_at = 0.0
    view_permission = OfficialsPermission.VIEW

    def __init__(self, iso3: str) -> None:
        super().__init__()
        self.iso3 = iso3
        self.members = OOBTree()

    @property
    def mechanism(self):
        return self.__parent__.__parent__

    @property
    def state(self):
        """The mechanism's State object."""
        return self.mechanism["states"][self.iso3]

    def is_stored(self) -> bool:
        return self.__parent__.get(self.iso3) is self

    def accounts(self, users) -> list:
        """The listed accounts that still name this State, focal points first.

        The account is the source of truth: one whose State or role was
        changed elsewhere is shown as it now is, or not at all.
        """
        found = []
        for login in self.members:
            user = users.get(login)
            if (
                user is not None
                and user.state == self.iso3
                and user.state_role in STATE_ROLES
            ):
                found.append(user)
        order = {role: n for n, role in enumerate(STATE_ROLES)}
        return sorted(found, key=lambda u: (order[u.state_role], u.login))

    @fail_closed
    def __acl__(self):
        # Write permissions go to named offices only; ``state:ISO3`` alone
        # (which observers hold too) is never granted anything here.
        return [
            (Allow, ADMIN, (*_STAFF, OfficialsPermission.VOLUNTEER)),
            (Allow, SECRETARIAT, (*_STAFF, OfficialsPermission.VOLUNTEER)),
            (
                Allow,
                state_role(self.iso3, "focal"),
                (OfficialsPermission.VIEW, OfficialsPermission.VOLUNTEER),
            ),
            (Allow, state_role(self.iso3, "expert"), OfficialsPermission.VIEW),
            (Allow, state_role(self.iso3, "observer"), OfficialsPermission.VIEW),
            DENY_ALL,
        ]


class OfficialsIndex(Folder):
    """``/review/officials``: ISO3 → :class:`StateOfficials`.

    A State's entry is stored on its first change; until then traversal
    hands out an unsaved, empty one for any State the mechanism knows, so
    that reading a page never writes to the database.
    """

    schema_version = 1
    view_permission = OfficialsPermission.MANAGE

    def __getitem__(self, name: str) -> StateOfficials:
        stored = self.data.get(name)
        if stored is not None:
            return stored
        states = self.__parent__.get("states") if self.__parent__ else None
        if states is None or name not in states:
            raise KeyError(name)
        blank = StateOfficials(name)
        blank.__name__ = name
        blank.__parent__ = self
        return blank

    def ensure(self, iso3: str) -> StateOfficials:
        """The stored entry of ``iso3``, created if needed (a write)."""
        entry = self.data.get(iso3)
        if entry is None:
            entry = self.add(iso3, StateOfficials(iso3))
        return entry

    def enrol(self, user) -> None:
        """Record ``user`` under its State (``user.state``) with its role."""
        if user.state and user.state_role in STATE_ROLES:
            self.ensure(user.state).members[user.login] = user.state_role

    def withdraw(self, iso3: str, login: str) -> None:
        entry = self.data.get(iso3)
        if entry is not None and login in entry.members:
            del entry.members[login]

    def record_volunteer(self, iso3: str, login: str) -> None:
        entry = self.ensure(iso3)
        entry.volunteer_by = login
        entry.volunteer_at = time.time()

    @fail_closed
    def __acl__(self):
        return [
            (Allow, ADMIN, _STAFF),
            (Allow, SECRETARIAT, _STAFF),
            DENY_ALL,
        ]


def mechanism_of(request):
    """The installed review mechanism, or ``None`` when it is not installed."""
    root = portal_root(request)
    return root.get(MECHANISM_NAME) if root is not None else None


def is_signatory(state) -> bool:
    """Whether ``state`` signed UNTOC or a Protocol (the condition of ¶52)."""
    return any(record.status == "signatory" for record in state.participation.values())
