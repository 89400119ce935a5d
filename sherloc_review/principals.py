"""Principal names the review add-on grants to (see DESIGN.md, "Principals").

The names are built here and nowhere else, so an ACL and the principals
provider that yields the same name can never drift apart.
"""

from __future__ import annotations

from sherloc_portal.security.acl import ADMIN, BUREAU, CHAIR, NGO, SECRETARIAT

#: Every official (focal point, expert, observer) of any State the mechanism
#: knows; yielded by the officials' principals provider.
ROLE_STATE_OFFICIAL = "role:state-official"
#: Every official of a State party to the Convention (signatories excluded).
ROLE_STATE_PARTY_OFFICIAL = "role:state-party-official"

__all__ = [
    "ADMIN",
    "BUREAU",
    "CHAIR",
    "NGO",
    "ROLE_STATE_OFFICIAL",
    "ROLE_STATE_PARTY_OFFICIAL",
    "SECRETARIAT",
    "state",
    "state_role",
]


def state(iso3: str) -> str:
    """Any official of the State ``iso3`` (observers included: read only)."""
    return f"state:{iso3}"


def state_role(iso3: str, role: str) -> str:
    """The official of ``iso3`` holding ``role`` (focal, expert, observer)."""
    return f"state:{iso3}:{role}"
