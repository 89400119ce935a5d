"""``/review/cycle/sessions``: sessions of the Conference's working groups.

Each working group adds the review to its agenda as no more than one item
per session (¶12); the Secretariat records the session, its agenda and
which item is the review's (one number: there cannot be two), and makes
the lists of observations of concluded phases available to it as
conference room papers (¶38, ¶43).  States parties' officials read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pyramid.authorization import Allow

from sherloc_portal.resources.folder import Folder, Resource
from sherloc_portal.security.acl import DENY_ALL, fail_closed

from ..i18n import _
from ..principals import BUREAU, CHAIR, ROLE_STATE_PARTY_OFFICIAL, SECRETARIAT
from .permissions import CyclePermission

WORKING_GROUPS = {
    "tip": _("Working Group on Trafficking in Persons"),
    "som": _("Working Group on the Smuggling of Migrants"),
    "firearms": _("Working Group on Firearms"),
    "ic": _("Working Group on International Cooperation"),
    "ta": _("Working Group of Government Experts on Technical Assistance"),
}


def sessions_acl() -> list:
    """Sessions are for the States parties and the Secretariat; the Chair
    and Bureau read them too.  Not public: agendas are published elsewhere."""
    return [
        (Allow, SECRETARIAT, (CyclePermission.VIEW, CyclePermission.MANAGE)),
        (Allow, ROLE_STATE_PARTY_OFFICIAL, CyclePermission.VIEW),
        (Allow, CHAIR, CyclePermission.VIEW),
        (Allow, BUREAU, CyclePermission.VIEW),
        DENY_ALL,
    ]


@dataclass(frozen=True)
class Paper:
    """A list of observations made available to the session (¶43)."""

    iso3: str
    phase: int
    cluster: str
    added_on: date


class Sessions(Folder):
    schema_version = 1
    view_permission = CyclePermission.VIEW

    def next_name(self) -> str:
        return str(max((int(k) for k in self.keys()), default=0) + 1)

    @fail_closed
    def __acl__(self):
        return sessions_acl()


class WorkingGroupSession(Resource):
    schema_version = 1
    view_permission = CyclePermission.VIEW
    papers: tuple[Paper, ...] = ()

    def __init__(
        self,
        working_group: str,
        title: str,
        starts: date,
        ends: date,
        place: str,
        agenda: tuple[str, ...],
        review_item: int,
    ) -> None:
        super().__init__()
        self.working_group = working_group
        self.title = title
        self.starts = starts
        self.ends = ends
        self.place = place
        self.agenda = agenda
        #: 1-based number of the agenda item on the review process; 0 if none.
        self.review_item = review_item

    @fail_closed
    def __acl__(self):
        return sessions_acl()

    def add_paper(self, paper: Paper) -> bool:
        if any((p.iso3, p.phase) == (paper.iso3, paper.phase) for p in self.papers):
            return False
        self.papers = (*self.papers, paper)
        return True
