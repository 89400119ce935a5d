"""``/review/dialogues``: constructive dialogues with stakeholders (¶53).

The working groups hold a constructive dialogue with NGOs, the private
sector, academia and other stakeholders after their sessions (¶53(a)).
The Secretariat records each :class:`ConstructiveDialogue` (working group,
when in which time zone, where); its public page is the one node of the
review tree anyone reads, with :class:`DialoguesFolder` (SECURITY.md §2
allows no other: the applications hang below with ACLs of their own).

A :class:`Registration` is an application: the organisation, its
representatives, written comments and files (¶53(d), (e)), inputs on
technical assistance (¶53(i), (j)), the countries its comments name
(¶53(b)), the States parties' objections and the Bureau's decision.  Its
registrant reads and withdraws it; the States parties read it once the
list is circulated; the Secretariat, the Chair and the Bureau always.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from BTrees.IOBTree import IOBTree
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from pyramid.authorization import Allow, Everyone

from sherloc_portal.resources.folder import Folder, Resource
from sherloc_portal.security.acl import DENY_ALL, fail_closed

from ..numbers import number
from ..principals import BUREAU, CHAIR, ROLE_STATE_PARTY_OFFICIAL, SECRETARIAT
from . import rules
from .permissions import StakeholderPermission as P

DIALOGUES_NAME = "dialogues"
REGISTRATION_PREFIX = "registration-"

#: Who applies (¶53(d): NGOs; (e): other stakeholders).
KINDS = ("ngo", "private_sector", "academia", "other")
NGO_KIND = "ngo"

#: An application's course.
PENDING = "pending"  # received, before the list is circulated
CIRCULATED = "circulated"  # on the list the States parties received
APPROVED = "approved"
REJECTED = "rejected"
REFERRED = "referred"  # an NGO objected to: the Bureau decides (¶53(d))
WITHDRAWN = "withdrawn"
UNCONFIRMED = "unconfirmed"  # its e-mail never confirmed by the cut-off
NOT_CONVENED = "not-convened"  # the chair did not convene (¶53(f))

#: Applications still in course: what not convening closes (¶53(f)) and
#: what a registrant may still withdraw.
IN_COURSE = (PENDING, CIRCULATED, APPROVED, REFERRED)

#: Documents the Secretariat publishes (¶53(g)).
DOCUMENT_KINDS = ("programme", "background")


@dataclass(frozen=True)
class Organisation:
    name: str
    country: str  # ISO3, or "" for an international organisation
    website: str
    contact_name: str
    contact_email: str


@dataclass(frozen=True)
class Objection:
    state: str  # ISO3 of the State party objecting
    by: str  # login of its focal point
    reason: str
    at: float


@dataclass(frozen=True)
class Decision:
    """The Bureau's decision on an NGO objected to (¶53(d)), or the
    chair's on a comment naming a country (¶53(b))."""

    approve: bool
    note: str
    by: str
    at: float


@dataclass(frozen=True)
class Document:
    kind: str  # programme or background
    title: str
    language: str
    file_id: str
    by: str
    at: float


@dataclass(frozen=True)
class NotConvened:
    reason: str
    by: str
    at: float


@dataclass(frozen=True)
class Summary:
    """The chair's written summary (¶53(h))."""

    text: str
    language: str
    by: str
    at: float


class Registration(Resource):
    schema_version = 1
    view_permission = P.OWN
    status = PENDING
    objections: tuple[Objection, ...] = ()
    bureau: Decision | None = None
    #: The chair's review of the countries the comments name (¶53(b)).
    mention_review: Decision | None = None
    #: Notices already mailed to the registrant (keys), so a job run twice
    #: tells nothing twice.
    told: frozenset[str] = frozenset()

    def __init__(
        self,
        number: int,
        kind: str,
        organisation: Organisation,
        representatives: tuple[str, ...],
        comments: str,
        assistance: str,
        files: tuple[str, ...],
        login: str,
        at: float,
        mentions: tuple[str, ...],
    ) -> None:
        super().__init__()
        self.number = number
        self.kind = kind
        self.organisation = organisation
        self.representatives = tuple(representatives)
        self.comments = comments
        self.assistance = assistance  # ¶53(i), (j)
        self.files = tuple(files)
        self.login = login
        self.at = at
        self.mentions = tuple(mentions)

    @property
    def dialogue(self) -> ConstructiveDialogue:
        return self.__parent__

    @property
    def comments_public(self) -> bool:
        """Whether its comments may show on the public page: approved, and
        any country they name cleared by the chair (¶53(b))."""
        if self.status != APPROVED or not self.comments.strip():
            return False
        return not self.mentions or bool(
            self.mention_review and self.mention_review.approve
        )

    @fail_closed
    def __acl__(self):
        acl = [
            (Allow, SECRETARIAT, (P.OWN, P.VIEW_APPLICANTS)),
            (Allow, CHAIR, (P.VIEW_APPLICANTS, P.CHAIR)),
            (Allow, BUREAU, P.VIEW_APPLICANTS),
            (Allow, f"user:{self.login}", P.OWN),
        ]
        if self.status == REFERRED:
            acl.append((Allow, BUREAU, P.BUREAU_DECIDE))
        if self.dialogue.circulated_at is not None:
            acl.append((Allow, ROLE_STATE_PARTY_OFFICIAL, P.VIEW_APPLICANTS))
            acl.append((Allow, ROLE_STATE_PARTY_OFFICIAL, P.OBJECT))
        acl.append(DENY_ALL)
        return acl


class ConstructiveDialogue(Resource):
    """One dialogue; traversed as ``/review/dialogues/<number>``."""

    schema_version = 1
    view_permission = P.PUBLIC_VIEW
    title = ""
    place = ""
    link = ""
    documents: tuple[Document, ...] = ()
    summary: Summary | None = None
    not_convened: NotConvened | None = None
    circulated_at: float | None = None
    settled_at: float | None = None

    def __init__(
        self,
        number: int,
        working_group: str,
        starts_at: datetime,
        timezone: str,
        by: str,
        at: float,
    ) -> None:
        super().__init__()
        self.number = number
        self.working_group = working_group
        self.starts_at = starts_at  # aware, UTC
        self.timezone = timezone  # IANA name
        self.created_by = by
        self.created_at = at
        self.registrations = IOBTree()
        self.count = Length()
        self.files = OOBTree()

    def __getitem__(self, name: str) -> Registration:
        if name.startswith(REGISTRATION_PREFIX):
            found = number(name[len(REGISTRATION_PREFIX) :])
            if found is not None and found in self.registrations:
                return self.registrations[found]
        raise KeyError(name)

    @property
    def cutoff(self) -> datetime:
        return rules.registration_cutoff(self.starts_at, self.timezone)

    @property
    def circulation_due(self) -> datetime:
        return rules.circulation_due(self.starts_at, self.timezone)

    @property
    def objections_close(self) -> datetime:
        return rules.objections_close(self.starts_at, self.timezone)

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(rules.zone(self.timezone))

    def open_for_registration(self, now: datetime) -> bool:
        return self.not_convened is None and now < self.cutoff

    @fail_closed
    def __acl__(self):
        return [
            (Allow, Everyone, (P.PUBLIC_VIEW, P.REGISTER)),
            (Allow, SECRETARIAT, (P.MANAGE, P.SUMMARY, P.VIEW_APPLICANTS)),
            (Allow, CHAIR, (P.CHAIR, P.SUMMARY, P.VIEW_APPLICANTS)),
            (Allow, BUREAU, P.VIEW_APPLICANTS),
            *(
                [(Allow, ROLE_STATE_PARTY_OFFICIAL, P.VIEW_APPLICANTS)]
                if self.circulated_at is not None
                else []
            ),
            DENY_ALL,
        ]


class DialoguesFolder(Folder):
    """``/review/dialogues``: number → :class:`ConstructiveDialogue`."""

    schema_version = 1
    view_permission = P.PUBLIC_VIEW

    def next_number(self) -> int:
        return max((int(k) for k in self.data), default=0) + 1

    @fail_closed
    def __acl__(self):
        return [
            (Allow, Everyone, P.PUBLIC_VIEW),
            (Allow, SECRETARIAT, P.MANAGE),
            DENY_ALL,
        ]
