"""Install and uninstall the officials index (called by the profiles).

Both report each change through ``changed(message, *args)`` — the install
context's :meth:`~sherloc_portal.installer.InstallContext.changed` when a
profile runs them — so ``sherloc-admin`` (dry runs included) lists them and
an empty change list still means nothing changed.  Called outside a profile
they only log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sherloc_portal.resources.users import STATE_ROLES

from .resources import INDEX_NAME, OfficialsIndex

log = logging.getLogger(__name__)

#: ``changed(message, *args)``, with ``message % args`` the change done.
Report = Callable[..., None]


def install(mechanism, changed: Report = log.info) -> OfficialsIndex:
    """Create ``mechanism["officials"]`` and enrol the accounts of its States.

    Idempotent: running it again adds the officials created since (the demo
    profile runs it after creating its accounts) and changes nothing else.
    Scanning all accounts is fine here, once, at install time; pages read
    the index.
    """
    index = mechanism.get(INDEX_NAME)
    if index is None:
        index = mechanism.add(INDEX_NAME, OfficialsIndex())
        changed("created the officials index")
    states = mechanism.get("states")
    users = mechanism.__parent__["users"]
    for user in users.values():
        if not user.state or states is None or user.state not in states:
            continue
        if user.state_role not in STATE_ROLES:
            continue  # not an official: enrolling would change nothing
        entry = index.get(user.state)
        if entry is None or entry.members.get(user.login) != user.state_role:
            index.enrol(user)
            changed("enrolled %s as %s of %s", user.login, user.state_role, user.state)
    return index


def uninstall(mechanism, changed: Report = log.info) -> None:
    """Remove the index; accounts (the portal's) are left as they are."""
    if mechanism.get(INDEX_NAME) is not None:
        mechanism.remove(INDEX_NAME)
        changed("removed the officials index")
