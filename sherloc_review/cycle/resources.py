"""``/review/cycle``: the cycle as it runs (¶9 to ¶17).

The workplan of Table 2 stays reference data (``/review/workplan``); the
:class:`Cycle` records what happened to it: the phases opened for each
group with the reviews foreseen at that moment (¶10), the Conference's
decisions overriding the 70 % gate (¶10) or amending the workplan (¶16),
the working-group sessions (¶12, ¶43) and the secret addresses of the
calendar feeds.

``index`` is the dashboards' catalogue: one :class:`ReviewRow` per State
and phase, rewritten whenever that phase changes, so the dashboards, the
public status and the 70 % meters read one BTree instead of waking every
review.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from BTrees.OOBTree import OOBTree
from pyramid.authorization import Allow, Everyone

from sherloc_portal.resources.folder import Folder
from sherloc_portal.security.acl import DENY_ALL, fail_closed

from ..principals import (
    BUREAU,
    CHAIR,
    ROLE_STATE_OFFICIAL,
    ROLE_STATE_PARTY_OFFICIAL,
    SECRETARIAT,
)
from .permissions import CyclePermission

CYCLE_NAME = "cycle"
SESSIONS_NAME = "sessions"
STATUS_NAME = "status"
FEEDS_NAME = "feed"


@dataclass(frozen=True)
class Opening:
    """A group's phase opened: when, by whom, which reviews it foresees."""

    group: str
    phase: int
    on: date
    by: str
    foreseen: tuple[str, ...]  # ISO3 of the States whose review it opened
    decision: str = ""  # the Conference decision it relied on, if the gate was short


@dataclass(frozen=True)
class Decision:
    """A Conference decision recorded by the Secretariat (¶10 or ¶16)."""

    number: int
    reference: str  # e.g. "Resolution 12/1, para. 4"
    note: str
    on: date
    by: str


@dataclass(frozen=True)
class Override:
    """¶10: the Conference lets ``group`` open ``phase`` short of 70 %."""

    group: str
    phase: int
    decision: Decision


@dataclass(frozen=True)
class Amendment:
    """¶16: one row of the workplan changed; the workplan's version n+1.

    When the new cluster was another not yet opened phase's of the same
    group, that phase takes this one's former cluster (``swap_*``): the two
    phases exchange clusters, as one decision.
    """

    group: str
    phase: str
    cluster: str
    cluster_name: str
    planned_start: str
    planned_end: str
    decision: Decision
    swap_phase: str = ""
    swap_cluster: str = ""
    swap_cluster_name: str = ""


@dataclass(frozen=True)
class ReviewRow:
    """What the dashboards know of one State's review in one phase."""

    iso3: str
    phase: int
    group: str
    cluster: str
    regional_group: str
    state: str
    opened_on: date
    responses_due: date | None
    feedback_due: date | None
    reviewers: tuple[str, ...]
    overdue: tuple[str, ...]  # items the reminder job found overdue


class Cycle(Folder):
    schema_version = 1
    view_permission = CyclePermission.VIEW
    openings: tuple[Opening, ...] = ()
    overrides: tuple[Override, ...] = ()
    amendments: tuple[Amendment, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self.index = OOBTree()
        #: sha256(secret) → (login, the account's credentials epoch then),
        #: and login → sha256(secret).
        self.feeds = OOBTree()
        self.feed_of = OOBTree()

    def __getitem__(self, name: str):
        if name == STATUS_NAME:
            return PublicStatus(self)
        if name == FEEDS_NAME:
            return Feeds(self)
        return super().__getitem__(name)

    def current_phase(self, group: str) -> int:
        """The latest phase opened for ``group`` (0 before the first)."""
        return max((o.phase for o in self.openings if o.group == group), default=0)

    def opening(self, group: str, phase: int) -> Opening | None:
        for o in self.openings:
            if o.group == group and o.phase == phase:
                return o
        return None

    def override(self, group: str, phase: int) -> Override | None:
        for o in self.overrides:
            if o.group == group and o.phase == phase:
                return o
        return None

    def next_decision_number(self) -> int:
        return len(self.overrides) + len(self.amendments) + 1

    def rows(self):
        return self.index.values()

    @fail_closed
    def __acl__(self):
        return [
            (Allow, SECRETARIAT, (CyclePermission.VIEW, CyclePermission.MANAGE)),
            (Allow, ROLE_STATE_PARTY_OFFICIAL, CyclePermission.VIEW),
            (Allow, CHAIR, CyclePermission.VIEW),
            (Allow, BUREAU, CyclePermission.VIEW),
            (Allow, ROLE_STATE_OFFICIAL, CyclePermission.OWN),
            (Allow, SECRETARIAT, CyclePermission.OWN),
            DENY_ALL,
        ]


class PublicStatus:
    """``/review/cycle/status``: where the public reads the counts.

    Not stored: a location with an ACL of its own, the one node of the
    review tree anyone may read (its page and API show counts only).
    """

    __name__ = STATUS_NAME
    view_permission = CyclePermission.STATUS

    def __init__(self, cycle: Cycle) -> None:
        self.__parent__ = cycle

    @property
    def cycle(self) -> Cycle:
        return self.__parent__

    @fail_closed
    def __acl__(self):
        return [(Allow, Everyone, CyclePermission.STATUS), DENY_ALL]


class Feeds:
    """``/review/cycle/feed``: where calendar applications fetch feeds.

    Not stored.  Anyone may ask (calendar applications cannot log in); the
    view serves a feed only for a valid secret (``/feed/<secret>.ics``).
    """

    __name__ = FEEDS_NAME
    view_permission = CyclePermission.FEED

    def __init__(self, cycle: Cycle) -> None:
        self.__parent__ = cycle

    @property
    def cycle(self) -> Cycle:
        return self.__parent__

    def __getitem__(self, name: str) -> FeedAddress:
        return FeedAddress(self, name)

    @fail_closed
    def __acl__(self):
        return [(Allow, Everyone, CyclePermission.FEED), DENY_ALL]


class FeedAddress:
    """One ``<secret>.ics`` below :class:`Feeds`, checked by the view."""

    view_permission = CyclePermission.FEED

    def __init__(self, feeds: Feeds, name: str) -> None:
        self.__parent__, self.__name__ = feeds, name

    @fail_closed
    def __acl__(self):
        return self.__parent__.__acl__()
