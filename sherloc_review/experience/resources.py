"""``phase-N/experience``: what the State under review shares of completing
the questionnaires (¶42).

After submitting its responses, the State under review may, on a voluntary
basis, write its good practices and experience of the exercise; its
officials draft the text together (versioned, a stale save refused), and
its focal point shares it, after which every State party's officials read
it.  Until then only the State and the Secretariat do.
"""

from __future__ import annotations

from pyramid.authorization import Allow

from sherloc_portal.resources.folder import Resource
from sherloc_portal.security.acl import DENY_ALL, fail_closed

from ..principals import ROLE_STATE_PARTY_OFFICIAL, SECRETARIAT, state, state_role
from ..versioned import Versioned
from .permissions import ExperiencePermission as P

EXPERIENCE_NAME = "experience"


class Experience(Resource):
    """Schema 1: ``text`` (versioned) and whether and when it was shared."""

    schema_version = 1
    view_permission = P.VIEW
    shared_at: float | None = None
    shared_by = ""
    #: The version the other States parties read: a later save is theirs
    #: only once the focal point shares again.
    shared_revision = 0

    def __init__(self) -> None:
        super().__init__()
        self.text = Versioned()

    @property
    def phase(self):
        return self.__parent__

    @property
    def country(self):
        return self.phase.country

    @fail_closed
    def __acl__(self):
        iso3 = self.country.iso3
        acl = [
            (Allow, SECRETARIAT, (P.VIEW, P.VIEW_WORKING)),
            (Allow, state(iso3), (P.VIEW, P.VIEW_WORKING)),
            (Allow, state_role(iso3, "focal"), (P.EDIT, P.SHARE)),
            (Allow, state_role(iso3, "expert"), P.EDIT),
        ]
        if self.shared_at is not None:
            acl.append((Allow, ROLE_STATE_PARTY_OFFICIAL, P.VIEW))
        acl.append(DENY_ALL)
        return acl

    def shared_version(self):
        """The version the other States parties read, or ``None``."""
        if self.shared_at is None:
            return None
        return next(
            (v for v in self.text.versions if v.number == self.shared_revision), None
        )
