"""Who may read the mechanism's reference data, as one ACL every node shares.

States, instruments, clusters, the workplan and questionnaire definitions
are the same for everyone taking part in the mechanism, but they are not
public pages: NGOs and the public see what States publish (¶41), through
``knowledge/``.  Every ACL ends with ``DENY_ALL`` and nothing here is ever
granted to ``Everyone`` or ``Authenticated`` (SECURITY.md §1, §2).
"""

from __future__ import annotations

from pyramid.authorization import Allow

from sherloc_portal.security.acl import DENY_ALL, fail_closed

from .permissions import ReviewPermission
from .principals import ADMIN, BUREAU, CHAIR, ROLE_STATE_OFFICIAL, SECRETARIAT

#: The principals who read the reference data (``role:ngo`` is not one).
REFERENCE_READERS = (ADMIN, SECRETARIAT, ROLE_STATE_OFFICIAL, CHAIR, BUREAU)

_READ = (ReviewPermission.MECHANISM_VIEW, ReviewPermission.REFERENCE_VIEW)


def reference_acl() -> list:
    return [(Allow, principal, _READ) for principal in REFERENCE_READERS] + [DENY_ALL]


class ReferenceData:
    """Mixin for every node of the reference data: the shared, closed ACL.

    ``view_permission`` tells the portal's error views which permission
    lets one see the node, so a miss below it looks forbidden, not missing.
    """

    view_permission = ReviewPermission.REFERENCE_VIEW

    @fail_closed
    def __acl__(self):
        return reference_acl()
