"""``/review/countries/ISO3/phase-N/responses/INSTRUMENT``: the responses.

A :class:`SelfAssessment` holds a State's answers to one section (one
instrument) of the phase's questionnaire.  Each answer is its own
persistent :class:`Answer`, created with the self-assessment, so two
experts saving different questions never write the same object; saving the
same question carries the revision it was based on (:mod:`.answers`).
Every saved :class:`AnswerValue` is kept in the answer's history.
Attachments are blobs, never deleted: a submission (a frozen copy of every
answer's value, :class:`Submission`) may cite them.

Who sees what (¶40): the draft only the State's officials and the
Secretariat; the submitted responses also every State party's officials.
The ACL is computed from the review above, so it follows redraws.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.authorization import Allow

from sherloc_portal.resources.folder import Folder, Resource
from sherloc_portal.security.acl import DENY_ALL, fail_closed

from ..principals import ROLE_STATE_PARTY_OFFICIAL, SECRETARIAT, state, state_role
from .permissions import ResponsesPermission as P

DRAFT = "draft"
SUBMITTED = "submitted"


@dataclass(frozen=True)
class Reuse:
    """Where an answer's material comes from (¶22) and what changed since.

    ``source`` is ``earlier`` (an answer of an earlier phase, ``reference``
    naming it) or ``uncac`` (material submitted to the UNCAC mechanism,
    ``reference`` citing it); ``update`` is the update the State made,
    shown as such to the reviewers.
    """

    source: str
    reference: str
    update: str = ""


@dataclass(frozen=True)
class AnswerValue:
    closed: str = ""  # "", yes, partly, no
    follow_ups: tuple[tuple[str, str], ...] = ()
    text: str = ""
    legislation: tuple[str, ...] = ()  # record ids of /knowledge/legislation
    attachments: tuple[str, ...] = ()  # attachment ids of the self-assessment
    reuse: Reuse | None = None

    @property
    def answered(self) -> bool:
        return bool(self.closed)

    def follow_up(self, name: str) -> str:
        return dict(self.follow_ups).get(name, "")

    def words(self) -> str:
        """Every text of the answer, for search and citations."""
        parts = [self.text, *(t for _, t in self.follow_ups)]
        if self.reuse is not None:
            parts += [self.reuse.reference, self.reuse.update]
        return "\n".join(p for p in parts if p)


@dataclass(frozen=True)
class Revision:
    number: int
    value: AnswerValue
    by: str  # login
    at: float
    #: Saved by the Secretariat on the State's behalf (¶20).
    on_behalf: bool = False


class Answer(Persistent):
    """One question's answer: its current value and every earlier one."""

    revision = 0
    history: tuple[Revision, ...] = ()

    def __init__(self, question: str) -> None:
        self.question = question

    @property
    def value(self) -> AnswerValue:
        return self.history[-1].value if self.history else AnswerValue()

    @property
    def last(self) -> Revision | None:
        return self.history[-1] if self.history else None


@dataclass(frozen=True)
class Submission:
    """A frozen version of the responses (¶20, ¶34)."""

    number: int
    on: str  # ISO date of the submission
    at: float
    by: str  # login
    on_behalf: bool
    questionnaire_version: int
    values: tuple[tuple[str, AnswerValue], ...]
    #: What the submitter sent with the act: a resubmission with the same
    #: key is the same act, not a second one (SECURITY.md §8).
    key: str = ""
    #: When the Secretariat submitted on the State's behalf (¶20): who in
    #: the State asked it to.
    requested_by: str = ""

    def value(self, question: str) -> AnswerValue:
        return dict(self.values).get(question, AnswerValue())


class Attachment(Persistent):
    """A file attached to answers: a blob with the type found in its content.

    Never changed nor deleted once stored: a submission may cite it.
    """

    on_behalf = False

    def __init__(
        self, id, filename, content_type, size, sha256, by, blob, on_behalf=False
    ):
        self.id = id
        self.filename = filename
        self.content_type = content_type
        self.size = size
        self.sha256 = sha256
        self.by = by
        self.at = time.time()
        self.blob = blob
        self.on_behalf = on_behalf


class SelfAssessment(Resource):
    """One instrument's section of the phase's questionnaire, answered."""

    schema_version = 1
    view_permission = P.VIEW_SUBMITTED
    status = DRAFT
    submissions: tuple[Submission, ...] = ()

    def __init__(
        self,
        instrument: str,
        cluster: str,
        questionnaire_version: int,
        questions: tuple,
    ) -> None:
        super().__init__()
        self.instrument = instrument
        self.cluster = cluster
        self.questionnaire_version = questionnaire_version
        self.questions = tuple(questions)
        self.answers = OOBTree()
        for question in self.questions:
            self.answers[question.id] = Answer(question.id)
        self.attachments = OOBTree()

    @property
    def phase(self):
        return self.__parent__.__parent__

    @property
    def country(self):
        return self.phase.country

    @property
    def iso3(self) -> str:
        return self.country.iso3

    def question(self, question_id: str):
        return next((q for q in self.questions if q.id == question_id), None)

    @property
    def submitted(self) -> Submission | None:
        return self.submissions[-1] if self.submissions else None

    @fail_closed
    def __acl__(self):
        iso3 = self.iso3
        # SUBMIT stays after the act: the same act sent again (same key)
        # answers as the first did, another is refused (.submit).
        acl = [
            (Allow, SECRETARIAT, (P.VIEW_DRAFT, P.VIEW_SUBMITTED, P.ASSIST, P.SUBMIT)),
            (Allow, state(iso3), (P.VIEW_DRAFT, P.VIEW_SUBMITTED)),
            (Allow, state_role(iso3, "focal"), P.SUBMIT),
        ]
        if self.status == DRAFT and self.phase.state == "self_assessment":
            acl.append((Allow, SECRETARIAT, P.EDIT))
            acl.append((Allow, state_role(iso3, "focal"), P.EDIT))
            acl.append((Allow, state_role(iso3, "expert"), P.EDIT))
        else:
            acl.append((Allow, state_role(iso3, "focal"), P.PUBLISH))
            acl.append((Allow, ROLE_STATE_PARTY_OFFICIAL, P.VIEW_SUBMITTED))
            for reviewer in self.country.reviewers:
                acl.append((Allow, state(reviewer.state), P.VIEW_SUBMITTED))
        acl.append(DENY_ALL)
        return acl


class Responses(Folder):
    """``phase-N/responses``: instrument → :class:`SelfAssessment`."""

    schema_version = 1
    view_permission = P.VIEW_SUBMITTED

    @property
    def phase(self):
        return self.__parent__

    @fail_closed
    def __acl__(self):
        return [
            (Allow, SECRETARIAT, (P.VIEW_DRAFT, P.VIEW_SUBMITTED)),
            (Allow, state(self.phase.country.iso3), P.VIEW_DRAFT),
            (Allow, ROLE_STATE_PARTY_OFFICIAL, P.VIEW_SUBMITTED),
            DENY_ALL,
        ]
