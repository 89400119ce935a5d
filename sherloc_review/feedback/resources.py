"""``/review/countries/ISO3/phase-N/feedback/REVIEWER``: written feedback (¶35).

Each reviewing State writes one :class:`WrittenFeedback`: items on the
measures taken, successes and challenges, per instrument and article, and
requests for clarification or additional information and supplementary
questions, which the State under review is encouraged to answer (¶35).
The reviewing State's experts draft it together, each item its own
persistent object whose text is :class:`~sherloc_review.versioned.Versioned`
(a stale save is refused with the other writer's text); the focal point
releases it, after which it never changes and the State under review
answers each request in place (versioned as well).  Items are never
deleted: a drafter may withdraw one, which keeps it, marked.

Who reads: while drafting, the reviewing State's officials and the
Secretariat; once released, every participant of the review (an additional
reviewer only the items of its instruments, ¶28(b)) and the Secretariat;
every State party's officials when the State under review opened its whole
dialogue to them (¶40).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from BTrees.IOBTree import IOBTree
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from pyramid.authorization import Allow

from sherloc_portal.resources.folder import Resource
from sherloc_portal.security.acl import DENY_ALL, fail_closed

from ..cycle.workflow import CONCLUDED
from ..dialogue.resources import PARTICIPANTS, readers_of
from ..i18n import _
from ..numbers import number
from ..principals import ROLE_STATE_PARTY_OFFICIAL, SECRETARIAT, state, state_role
from ..versioned import Versioned
from .permissions import FeedbackPermission as P

FEEDBACK_NAME = "feedback"
DRAFT = "draft"
RELEASED = "released"

#: What an item is (¶35): the first three are the reviewers' views, the
#: last three ask the State under review for an answer.
KINDS = ("measures", "success", "challenge", "clarification", "information", "question")
REQUESTS = ("clarification", "information", "question")
KIND_LABELS = {
    "measures": _("Measures taken"),
    "success": _("Success"),
    "challenge": _("Challenge"),
    "clarification": _("Request for clarification"),
    "information": _("Request for additional information"),
    "question": _("Supplementary question"),
}


@dataclass(frozen=True)
class Release:
    by: str
    at: float
    on: str  # ISO date
    key: str = ""  # idempotency key (SECURITY.md §8)


class FeedbackItem(Versioned):
    """One item: its text over time, and the State under review's reply."""

    withdrawn = False

    def __init__(self, number: int, instrument: str, article: str, kind: str, by: str):
        self.number = number
        self.instrument = instrument
        self.article = article  # "" for the instrument as a whole
        self.kind = kind
        self.created_by = by
        self.created_at = time.time()
        self.reply = Versioned()

    @property
    def is_request(self) -> bool:
        return self.kind in REQUESTS

    @property
    def open(self) -> bool:
        """A request still waiting for its answer."""
        return self.is_request and not self.withdrawn and not self.reply.text.strip()


class WrittenFeedback(Resource):
    """One reviewing State's written feedback in a phase."""

    schema_version = 1
    view_permission = P.VIEW
    status = DRAFT
    release: Release | None = None

    def __init__(self, reviewer: str) -> None:
        super().__init__()
        self.reviewer = reviewer
        self.items = IOBTree()
        self.count = Length()

    @property
    def phase(self):
        return self.__parent__.__parent__

    @property
    def country(self):
        return self.phase.country

    @property
    def instruments(self) -> tuple[str, ...]:
        """The instruments this State reviews (an additional reviewer's own)."""
        for reviewer in self.country.reviewers:
            if reviewer.state == self.reviewer:
                return reviewer.instruments
        return ()

    def live_items(self) -> list[FeedbackItem]:
        return [i for i in self.items.values() if not i.withdrawn]

    def open_items(self) -> int:
        if self.status != RELEASED:
            return 0
        return sum(1 for i in self.items.values() if i.open)

    @fail_closed
    def __acl__(self):
        reviewer = self.reviewer
        iso3 = self.country.iso3
        concluded = self.phase.state == CONCLUDED
        acl = [(Allow, SECRETARIAT, (P.VIEW_DRAFT, P.VIEW))]
        if not self.instruments:
            # Redrawn away (¶28(d), ¶30): what it wrote stays, for the
            # Secretariat and, once released, the review's participants.
            if self.status == RELEASED:
                for party in readers_of(self.country, ()):
                    acl.append((Allow, state(party), P.VIEW))
            acl.append(DENY_ALL)
            return acl
        acl.append((Allow, state(reviewer), (P.VIEW_DRAFT, P.VIEW)))
        if self.status == DRAFT and self.phase.state == "feedback":
            acl.append((Allow, state_role(reviewer, "focal"), (P.EDIT, P.RELEASE)))
            acl.append((Allow, state_role(reviewer, "expert"), P.EDIT))
        if self.status == RELEASED:
            # The release stays allowed: the same act sent again (same key)
            # answers as the first did (.items.release).
            acl.append((Allow, state_role(reviewer, "focal"), P.RELEASE))
            for party in readers_of(self.country, self.instruments):
                acl.append((Allow, state(party), P.VIEW))
            if not concluded:
                acl.append((Allow, state_role(iso3, "focal"), P.REPLY))
                acl.append((Allow, state_role(iso3, "expert"), P.REPLY))
            dialogue = self.phase.dialogue
            if dialogue is not None and dialogue.level != PARTICIPANTS:
                acl.append((Allow, ROLE_STATE_PARTY_OFFICIAL, P.VIEW))
        acl.append(DENY_ALL)
        return acl


class Feedback(Resource):
    """``phase-N/feedback``: reviewing State (ISO3) → :class:`WrittenFeedback`."""

    schema_version = 1
    view_permission = P.VIEW

    def __init__(self) -> None:
        super().__init__()
        self.by_reviewer = OOBTree()

    @property
    def phase(self):
        return self.__parent__

    def __getitem__(self, name: str) -> WrittenFeedback:
        return self.by_reviewer[name]

    def get(self, name: str, default=None):
        return self.by_reviewer.get(name, default)

    def values(self):
        return self.by_reviewer.values()

    def ensure(self, reviewer: str) -> WrittenFeedback:
        """The feedback of ``reviewer``, created the first time it is asked."""
        found = self.by_reviewer.get(reviewer)
        if found is None:
            found = WrittenFeedback(reviewer)
            found.__name__ = reviewer
            found.__parent__ = self
            self.by_reviewer[reviewer] = found
        return found

    def item(self, ref: str) -> FeedbackItem | None:
        """The released item ``"ISO3/number"`` names, or ``None``."""
        reviewer, _sep, name = (ref or "").partition("/")
        written = self.by_reviewer.get(reviewer)
        asked = number(name)
        if written is None or written.status != RELEASED or asked is None:
            return None
        item = written.items.get(asked)
        return item if item is not None and not item.withdrawn else None

    @fail_closed
    def __acl__(self):
        country = self.phase.country
        acl = [(Allow, SECRETARIAT, (P.VIEW_DRAFT, P.VIEW))]
        for party in country.participants:
            acl.append((Allow, state(party), P.VIEW))
        dialogue = self.phase.dialogue
        if dialogue is not None and dialogue.level != PARTICIPANTS:
            acl.append((Allow, ROLE_STATE_PARTY_OFFICIAL, P.VIEW))  # ¶40
        acl.append(DENY_ALL)
        return acl
