"""Install and uninstall the officials index (called by the profiles)."""

from __future__ import annotations

import logging

from .resources import INDEX_NAME, OfficialsIndex

log = logging.getLogger(__name__)


def install(mechanism) -> OfficialsIndex:
    """Create ``mechanism["officials"]`` and enrol the accounts of its States.

    Idempotent: running it again adds the officials created since (the demo
    profile runs it after creating its accounts) and changes nothing else.
    Scanning all accounts is fine here, once, at install time; pages read
    the index.
    """
    index = mechanism.get(INDEX_NAME)
    if index is None:
        index = mechanism.add(INDEX_NAME, OfficialsIndex())
        log.info("created the officials index")
    states = mechanism.get("states")
    users = mechanism.__parent__["users"]
    for user in users.values():
        if not user.state or states is None or user.state not in states:
            continue
        entry = index.get(user.state)
        if entry is None or entry.members.get(user.login) != user.state_role:
            index.enrol(user)
            log.info("enrolled %s as %s of %s", user.login, user.state_role, user.state)
    return index


def uninstall(mechanism) -> None:
    """Remove the index; accounts (the portal's) are left as they are."""
    if mechanism.get(INDEX_NAME) is not None:
        mechanism.remove(INDEX_NAME)
        log.info("removed the officials index")
