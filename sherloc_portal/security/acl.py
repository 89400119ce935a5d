"""ACL building blocks and a fail-closed computed ACL."""

from __future__ import annotations

import functools
import logging

from pyramid.authorization import ALL_PERMISSIONS, Allow, Deny, Everyone

log = logging.getLogger(__name__)

#: Ends every confidential ACL: Pyramid's ACLHelper climbs to the parent when
#: no entry matches, so without it a confidential node would inherit the
#: public ``view`` of the knowledge base (SECURITY.md §1).
DENY_ALL = (Deny, Everyone, ALL_PERMISSIONS)

ADMIN = "role:admin"
SECRETARIAT = "role:secretariat"
NGO = "role:ngo"
CHAIR = "role:chair"
BUREAU = "role:bureau"

#: Roles a portal account may hold, besides its State office.
ROLES = ("admin", "secretariat", "ngo", "chair", "bureau")

__all__ = ["ADMIN", "DENY_ALL", "SECRETARIAT", "Allow", "Deny", "fail_closed"]


def fail_closed(method):
    """Wrap a method computing an ACL so that any error denies everything.

    ``ACLHelper`` swallows ``AttributeError`` while reading ``__acl__`` and
    moves on to the parent; a computed ACL that breaks must deny instead
    (SECURITY.md §3).  Use it on ``__acl__`` *methods*, never on properties.
    """

    @functools.wraps(method)
    def wrapper(self):
        try:
            return list(method(self))
        except Exception:
            log.exception("ACL of %r failed; denying all", self)
            return [DENY_ALL]

    return wrapper
