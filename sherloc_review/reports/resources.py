"""``/review/reports``: the Secretariat's general report (¶14, ¶19).

The figures are computed when read, from the mechanism's
:mod:`report index <.index>`; what is stored here is the Secretariat's own
text, its introduction and analysis, in versions (a stale save refused).
"""

from __future__ import annotations

from pyramid.authorization import Allow

from sherloc_portal.resources.folder import Resource
from sherloc_portal.security.acl import BUREAU, CHAIR, DENY_ALL, fail_closed

from ..principals import ROLE_STATE_PARTY_OFFICIAL, SECRETARIAT
from ..versioned import Versioned
from .permissions import ReportPermission as P

REPORTS_NAME = "reports"


class Reports(Resource):
    """Schema 1: ``introduction``, the Secretariat's versioned text."""

    schema_version = 1
    view_permission = P.VIEW

    def __init__(self) -> None:
        super().__init__()
        self.introduction = Versioned()

    @fail_closed
    def __acl__(self):
        return [
            (Allow, SECRETARIAT, (P.VIEW, P.EDIT)),
            (Allow, ROLE_STATE_PARTY_OFFICIAL, P.VIEW),
            (Allow, CHAIR, P.VIEW),
            (Allow, BUREAU, P.VIEW),
            DENY_ALL,
        ]
