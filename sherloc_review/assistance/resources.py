"""``phase-N/assistance``: the technical-assistance needs of a review.

When a list of observations is agreed (¶39), each of its entries on a
technical-assistance need becomes an :class:`AssistanceNeed` here
(:mod:`.records`): the provision, the kind of need, the priority and the
text the parties agreed.  The State under review may then request
assistance based on it (¶45) and report, over time, whether it was
addressed and what progress was made (¶44, ¶46); the next phase's page
shows that progress.  A need whose entry the State keeps confidential
(¶38) is ``withheld``: the review's participants and the Secretariat read
it, the working groups never do.

Every need is also a row of the mechanism's ``assistance_index``
(:class:`NeedRow`, keyed ``ISO3/phase/number``), so the Working Group on
Technical Assistance reads the needs of every review (¶44) without waking
one review.
"""

from __future__ import annotations

from dataclasses import dataclass

from BTrees.IOBTree import IOBTree
from persistent import Persistent
from pyramid.authorization import Allow

from sherloc_portal.resources.folder import Resource
from sherloc_portal.security.acl import DENY_ALL, fail_closed

from ..dialogue.resources import readers_of
from ..principals import SECRETARIAT, state, state_role
from .permissions import AssistancePermission as P

ASSISTANCE_NAME = "assistance"

#: Where a need stands, as the State reports it (¶44).
NOT_ADDRESSED = "not-addressed"
IN_PROGRESS = "in-progress"
ADDRESSED = "addressed"
STATUSES = (NOT_ADDRESSED, IN_PROGRESS, ADDRESSED)


@dataclass(frozen=True)
class Request:
    """The State asked for assistance based on the need (¶45)."""

    text: str
    by: str
    at: float
    on: str  # ISO date


@dataclass(frozen=True)
class Progress:
    """A report on the need (¶44, ¶46): where it stands and what was done."""

    status: str
    text: str
    by: str
    at: float
    on: str  # ISO date


class AssistanceNeed(Persistent):
    """One need, from entry ``entry`` of the agreed list."""

    withheld = False
    requests: tuple[Request, ...] = ()
    progress: tuple[Progress, ...] = ()

    def __init__(
        self,
        number: int,
        entry: int,
        instrument: str,
        article: str,
        need: str,
        priority: str,
        text: str,
        agreed_on: str,
    ) -> None:
        self.number = number
        self.entry = entry
        self.instrument = instrument
        self.article = article
        self.need = need
        self.priority = priority
        self.text = text
        self.agreed_on = agreed_on

    @property
    def status(self) -> str:
        return self.progress[-1].status if self.progress else NOT_ADDRESSED

    @property
    def requested(self) -> bool:
        return bool(self.requests)


@dataclass(frozen=True)
class NeedRow:
    """What the cross-review list shows of a need (``assistance_index``)."""

    iso3: str
    phase: int
    number: int
    instrument: str
    article: str
    need: str
    priority: str
    text: str
    status: str
    requested: bool
    withheld: bool
    agreed_on: str


class Assistance(Resource):
    """A phase's needs, numbered as the agreed list gave them; schema 1."""

    schema_version = 1
    view_permission = P.VIEW

    def __init__(self) -> None:
        super().__init__()
        self.needs = IOBTree()

    @property
    def phase(self):
        return self.__parent__

    @property
    def country(self):
        return self.phase.country

    def row(self, need: AssistanceNeed) -> NeedRow:
        return NeedRow(
            self.country.iso3,
            self.phase.number,
            need.number,
            need.instrument,
            need.article,
            need.need,
            need.priority,
            need.text,
            need.status,
            need.requested,
            need.withheld,
            need.agreed_on,
        )

    @fail_closed
    def __acl__(self):
        iso3 = self.country.iso3
        acl = [(Allow, SECRETARIAT, P.VIEW)]
        for party in readers_of(self.country, ()):
            acl.append((Allow, state(party), P.VIEW))
        # Follow-up outlives the phase (¶44 to ¶46): it is reported later.
        acl.append((Allow, state_role(iso3, "focal"), (P.REQUEST, P.REPORT)))
        acl.append((Allow, state_role(iso3, "expert"), P.REPORT))
        acl.append(DENY_ALL)
        return acl
