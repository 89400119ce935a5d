"""Principals of a State's officials, computed from stored data per request.

Never cached in the session cookie (SECURITY.md §4): changing an account's
State or role, or removing the official, takes effect on the next request.

An observer gets ``state:ISO3`` too, since it is an official of that State.
Hence a rule for every later slice: **write permissions are granted to
``state:ISO3:focal`` / ``state:ISO3:expert`` only, never to ``state:ISO3``**
(observers read, never write).
"""

from __future__ import annotations

from sherloc_portal.resources.users import STATE_ROLES

from ..principals import (
    ROLE_STATE_OFFICIAL,
    ROLE_STATE_PARTY_OFFICIAL,
    state,
    state_role,
)
from .resources import mechanism_of


def officials_principals(request, user) -> list[str]:
    """``state:ISO3``, ``state:ISO3:<role>`` and the official roles, or nothing.

    ``role:state-party-official`` is added when the State is a party to the
    Convention.

        Nothing for an inactive account, one without a State or a known role,
        a State the mechanism does not know, or when no mechanism is installed.
    """
    iso3 = user.state
    role = user.state_role
    if not user.active or not iso3 or role not in STATE_ROLES:
        return []
    mechanism = mechanism_of(request)
    if mechanism is None:
        return []
    states = mechanism.get("states")
    if states is None or iso3 not in states:
        return []
    principals = [state(iso3), state_role(iso3, role), ROLE_STATE_OFFICIAL]
    if states[iso3].is_party("UNTOC"):
        principals.append(ROLE_STATE_PARTY_OFFICIAL)
    return principals
