"""``/review/countries/ISO3``: a State's review, as the draw made it.

A :class:`CountryReview` holds the State's group (¶17), its reviewing
States with their instruments and roles (¶28), and the redraw requests
made for it.  Its ACL is computed from those reviewers, so access follows
the draw: when a redraw replaces a reviewer, that State's officials lose
the review and the new reviewer's officials gain it on their next request.
An additional reviewer (¶28(b)) takes part for its instruments only: each
:class:`Reviewer` carries them, for the slices that hold answers per
instrument.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace

from BTrees.OOBTree import OOBTree
from pyramid.authorization import Allow

from sherloc_portal.resources.folder import Folder, Resource
from sherloc_portal.security.acl import DENY_ALL, fail_closed

from ..draw.result import COUNTED_REASONS
from ..principals import (
    ROLE_STATE_PARTY_OFFICIAL,
    SECRETARIAT,
    state,
    state_role,
)
from .permissions import CountryPermission

COUNTRIES_NAME = "countries"


@dataclass(frozen=True)
class Reviewer:
    state: str
    instruments: tuple[str, ...]
    role: str  # same, other or additional


@dataclass(frozen=True)
class RedrawRequest:
    """A request for new reviewers and what became of it."""

    number: int
    requested_by: str  # ISO3 of the State asking
    login: str
    reason: str
    note: str
    at: float
    status: str = "pending"  # pending, granted, declined
    decided_by: str = ""
    decided_at: float = 0.0
    decision_note: str = ""
    #: The draw record the request was made under (¶28(d) counts per draw).
    draw: str = ""

    def decided(self, status: str, by: str, note: str) -> RedrawRequest:
        return replace(
            self,
            status=status,
            decided_by=by,
            decided_at=time.time(),
            decision_note=note,
        )


class Countries(Folder):
    """ISO3 → :class:`CountryReview`.

    ``draw`` names the draw record the reviews follow; ``awaiting`` lists
    the States with a redraw request awaiting a decision, so the draw's
    page finds them without opening every review.
    """

    schema_version = 1
    view_permission = CountryPermission.VIEW
    draw = ""
    awaiting: tuple[str, ...] = ()

    def note_awaiting(self, country: CountryReview) -> None:
        others = tuple(i for i in self.awaiting if i != country.iso3)
        waiting = (*others, country.iso3) if country.pending() else others
        if waiting != self.awaiting:
            self.awaiting = waiting

    @fail_closed
    def __acl__(self):
        return [(Allow, SECRETARIAT, CountryPermission.VIEW), DENY_ALL]


PHASE_PREFIX = "phase-"
_PHASE_NAME = re.compile(r"phase-([1-9][0-9]*)", re.ASCII)


class CountryReview(Resource):
    """A State's review; its phases are traversed as ``phase-1`` … ``phase-4``.

    Schema 2 added ``phases`` (phase number → ``PhaseReview``).
    """

    schema_version = 2
    view_permission = CountryPermission.VIEW
    group = ""
    draw = ""
    reviewers: tuple[Reviewer, ...] = ()
    requests: tuple[RedrawRequest, ...] = ()

    def __init__(self, iso3: str) -> None:
        super().__init__()
        self.iso3 = iso3
        self.phases = OOBTree()

    def __getitem__(self, name: str):
        found = _PHASE_NAME.fullmatch(name)
        if found is None:
            raise KeyError(name)
        return self.phases[int(found.group(1))]

    def add_phase(self, phase) -> None:
        if phase.number in self.phases:
            raise KeyError(f"phase {phase.number} of {self.iso3} is open already")
        phase.__name__ = f"{PHASE_PREFIX}{phase.number}"
        phase.__parent__ = self
        self.phases[phase.number] = phase

    @property
    def participants(self) -> tuple[str, ...]:
        return (self.iso3, *(r.state for r in self.reviewers))

    def counted_requests(self, iso3: str) -> int:
        """Requests of ``iso3`` that count against the four of ¶28(d).

        Every request made under the current draw counts, granted, declined
        or pending: the paragraph limits requests, not redraws.
        """
        return sum(
            1
            for r in self.requests
            if r.requested_by == iso3
            and r.draw == self.draw
            and r.reason in COUNTED_REASONS
            and r.status != "superseded"
        )

    def requests_seen_by(self, iso3: str | None, everything: bool) -> tuple:
        """The requests a reader may see: all for the Secretariat, else the
        ones its own State made (notes and logins go no further, §11)."""
        if everything:
            return self.requests
        return tuple(r for r in self.requests if iso3 and r.requested_by == iso3)

    def pending(self) -> list[RedrawRequest]:
        return [r for r in self.requests if r.status == "pending"]

    def add_request(self, **values) -> RedrawRequest:
        request = RedrawRequest(
            number=len(self.requests) + 1, at=time.time(), draw=self.draw, **values
        )
        self.requests = (*self.requests, request)
        return request

    def decide(self, number: int, status: str, by: str, note: str) -> RedrawRequest:
        decided = None
        requests = []
        for r in self.requests:
            if r.number == number and r.status == "pending":
                r = decided = r.decided(status, by, note)
            requests.append(r)
        if decided is None:
            raise KeyError(number)
        self.requests = tuple(requests)
        return decided

    @fail_closed
    def __acl__(self):
        acl = [
            (
                Allow,
                SECRETARIAT,
                (
                    CountryPermission.VIEW,
                    CountryPermission.PARTICIPATE,
                    CountryPermission.DECIDE_REDRAW,
                    CountryPermission.STEER,
                ),
            ),
            (Allow, ROLE_STATE_PARTY_OFFICIAL, CountryPermission.VIEW),
        ]
        for iso3 in self.participants:
            acl.append(
                (
                    Allow,
                    state(iso3),
                    (CountryPermission.VIEW, CountryPermission.PARTICIPATE),
                )
            )
            acl.append(
                (
                    Allow,
                    state_role(iso3, "focal"),
                    (CountryPermission.REQUEST_REDRAW, CountryPermission.AGREE_TERMS),
                )
            )
        acl.append(DENY_ALL)
        return acl
