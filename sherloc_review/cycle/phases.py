"""``/review/countries/ISO3/phase-N``: one State's review in one phase.

A :class:`PhaseReview` holds the phase's cluster, its state in the
workflow (:mod:`.workflow`), the dates that make its deadlines, the time
frames and working languages the parties agreed (¶31, ¶50), the steps
taken (who, when) and which reminders were sent.  Its ACL is the one of
the :class:`CountryReview` above it, computed afresh, so access follows the
draw here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sherloc_portal.resources.folder import Resource
from sherloc_portal.security.acl import fail_closed

from ..countries.permissions import CountryPermission
from .dates import MAX_MONTHS, due_date
from .workflow import STATES


@dataclass(frozen=True)
class Terms:
    """Time frames and working languages, proposed by one party (¶31, ¶50)."""

    number: int  # the phase's nth proposal
    responses_months: int
    feedback_months: int
    languages: tuple[str, ...]
    reason: str  # why three languages (¶50: exceptional circumstances)
    proposed_by: str  # ISO3
    login: str
    on: date
    agreed_by: tuple[str, ...]  # ISO3 of the parties that agreed, proposer first


@dataclass(frozen=True)
class Step:
    source: str
    target: str
    on: date
    by: str
    note: str = ""


@dataclass(frozen=True)
class Due:
    """Something a party owes: ``responses`` (the State under review) or
    ``feedback`` (the reviewing States), with its last day."""

    item: str
    due: date

    def overdue(self, today: date) -> bool:
        return today > self.due


class PhaseReview(Resource):
    """Schema 2 added ``responses`` (the self-assessments, one per
    instrument the State is party to, :mod:`sherloc_review.responses`);
    schema 3 ``feedback`` (the reviewing States' written feedback,
    :mod:`sherloc_review.feedback`) and ``dialogue``
    (:mod:`sherloc_review.dialogue`); schema 4 ``observations`` (the list
    of observations and its summary, :mod:`sherloc_review.outcomes`) and
    ``assistance`` (:mod:`sherloc_review.assistance`) and ``experience``
    (¶42, :mod:`sherloc_review.experience`)."""

    schema_version = 4
    view_permission = CountryPermission.PARTICIPATE
    state = STATES[0]
    responses_months = MAX_MONTHS
    feedback_months = MAX_MONTHS
    responses_received: date | None = None
    feedback_received: date | None = None
    concluded_on: date | None = None
    languages: tuple[str, ...] = ()
    languages_reason = ""
    #: The terms in force once every party agreed, and a pending proposal.
    terms: Terms | None = None
    proposal: Terms | None = None
    steps: tuple[Step, ...] = ()
    #: Reminder and overdue notices already sent (keys name the due date,
    #: so a new due date arms them again).
    notices: frozenset[str] = frozenset()
    #: ``(item, due date, day the reminder job found it overdue)``; a mark
    #: counts only while that due date is the one in force.
    overdue_since: tuple[tuple[str, date, date], ...] = ()
    responses = None
    feedback = None
    dialogue = None
    observations = None
    assistance = None
    experience = None

    def __init__(self, number: int, group: str, cluster: str, opened_on: date):
        super().__init__()
        self.number = number
        self.group = group
        self.cluster = cluster
        self.opened_on = opened_on

    @property
    def country(self):
        return self.__parent__

    def __getitem__(self, name: str):
        found = {
            "responses": self.responses,
            "feedback": self.feedback,
            "dialogue": self.dialogue,
            "observations": self.observations,
            "assistance": self.assistance,
            "experience": self.experience,
        }.get(name)
        if found is None:
            raise KeyError(name)
        return found

    @property
    def responses_due(self) -> date:
        return due_date(self.opened_on, self.responses_months)

    @property
    def feedback_due(self) -> date | None:
        if self.responses_received is None:
            return None
        return due_date(self.responses_received, self.feedback_months)

    def owed(self) -> Due | None:
        """What is due now, if anything (the state decides which)."""
        if self.state == "self_assessment":
            return Due("responses", self.responses_due)
        if self.state == "feedback":
            return Due("feedback", self.feedback_due)
        return None

    def marked_overdue(self, item: str) -> date | None:
        """When the job marked ``item`` overdue, if it still is owed by the
        same due date (agreeing a longer time frame lifts the mark)."""
        owed = self.owed()
        if owed is None or owed.item != item:
            return None
        for name, due, on in self.overdue_since:
            if name == item and due == owed.due:
                return on
        return None

    def mark_overdue(self, owed: Due, on: date) -> None:
        self.overdue_since = (*self.overdue_since, (owed.item, owed.due, on))

    @fail_closed
    def __acl__(self):
        return self.__parent__.__acl__()
