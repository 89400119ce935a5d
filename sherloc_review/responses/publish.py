"""Publishing responses (¶41): a public copy of the chosen answers.

A State party may make public its responses, or part of them.  Publishing
never opens anything under ``/review`` (SECURITY.md §2): it writes a
:class:`Publication` under ``/knowledge/responses`` (the public knowledge
base) holding a copy of the chosen answers of the last submission, the
questions' texts, the cited legislation ids and the files the State ticked,
whose bytes are copied into new blobs.  Nothing in a publication refers to
an object of the review, so no later change there (a redraw, a new ACL, an
upgrade) can show more than what was chosen, and the public pages never
read the review to render one.

A publication never changes, with one exception: the State may withdraw
it.  The copied answers and files are then dropped, the public pages
answer 410 Gone and the listing no longer shows it; what stays is the
record of having published (which questions, which files by name and
fingerprint, by whom, when, and when it was withdrawn).

Publishing is a formal act with an idempotency key (SECURITY.md §8): the
same key sent again for the same self-assessment returns the publication
it made instead of publishing twice.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from BTrees.OOBTree import OOBTree, OOTreeSet
from pyramid.authorization import Allow, Everyone
from ZODB.blob import Blob

from sherloc_portal.forms import ActionRefused
from sherloc_portal.resources.folder import Folder, Resource
from sherloc_portal.security.acl import DENY_ALL, fail_closed
from sherloc_portal.security.permissions import Permission

from ..i18n import _
from .access import mechanism_of
from .resources import DRAFT, AnswerValue, Attachment, Reuse, SelfAssessment

#: ``/knowledge/responses``.
PUBLISHED_NAME = "responses"


def public_acl() -> list:
    """Everyone reads; nobody changes anything through the tree.

    Publishing and withdrawing are acts on the self-assessment (checked
    there with ``ResponsesPermission.PUBLISH``); the closing deny keeps the
    knowledge base's edit rights from reaching the State's copies.
    """
    return [(Allow, Everyone, Permission.PORTAL_VIEW), DENY_ALL]


@dataclass(frozen=True)
class PublishedAnswer:
    """One answer as published: the question and the answer, copied."""

    question: str  # the question's id
    article: str
    question_text: str
    closed: str
    #: ``(follow-up question text, answer)`` for each follow-up answered.
    follow_ups: tuple[tuple[str, str], ...] = ()
    text: str = ""
    legislation: tuple[str, ...] = ()  # record ids of /knowledge/legislation
    attachments: tuple[str, ...] = ()  # ids of the publication's files
    reuse: Reuse | None = None

    @classmethod
    def copy(cls, question, value: AnswerValue, files: set[str]) -> PublishedAnswer:
        """The answer to ``question``, citing only the files in ``files``."""
        texts = {f.id: f.text for f in question.follow_ups}
        return cls(
            question=question.id,
            article=question.article,
            question_text=question.text,
            closed=value.closed,
            follow_ups=tuple(
                (texts.get(name, name), text) for name, text in value.follow_ups if text
            ),
            text=value.text,
            legislation=tuple(value.legislation),
            attachments=tuple(a for a in value.attachments if a in files),
            reuse=value.reuse,
        )


def copy_file(attachment: Attachment) -> Attachment:
    """A copy of ``attachment`` in a blob of its own, its bytes checked, its
    uploader's login left behind (the copy is public)."""
    blob = Blob()
    digest = hashlib.sha256()
    with attachment.blob.open("r") as source, blob.open("w") as target:
        while chunk := source.read(1 << 16):
            digest.update(chunk)
            target.write(chunk)
    if digest.hexdigest() != attachment.sha256:
        # A stored file that no longer matches its fingerprint is not what
        # the State submitted: never publish it.
        raise ActionRefused(
            _(
                "The file ${name} cannot be read as it was submitted; "
                "ask the Secretariat for help.",
                mapping={"name": attachment.filename},
            )
        )
    return Attachment(
        id=attachment.id,
        filename=attachment.filename,
        content_type=attachment.content_type,
        size=attachment.size,
        sha256=attachment.sha256,
        by="",
        blob=blob,
    )


class Publication(Resource):
    """``/knowledge/responses/KEN-phase-1-UNTOC-1``: one act of publishing."""

    schema_version = 1
    view_permission = Permission.PORTAL_VIEW
    withdrawn = False
    withdrawn_by = ""
    withdrawn_on = ""
    withdrawn_at = 0.0

    def __init__(
        self,
        *,
        iso3: str,
        state_name: str,
        phase: int,
        instrument: str,
        cluster: str,
        submission: int,
        submitted_on: str,
        answers: tuple[PublishedAnswer, ...],
        files: tuple[Attachment, ...],
        by: str,
        on: str,
        key: str = "",
    ) -> None:
        super().__init__()
        self.iso3 = iso3
        self.state_name = state_name
        self.phase = phase
        self.instrument = instrument
        self.cluster = cluster
        self.submission = submission
        self.submitted_on = submitted_on
        self.answers = answers
        self.files = files
        #: What was published, kept when the copy is withdrawn.
        self.questions = tuple(a.question for a in answers)
        self.fingerprints = tuple((f.filename, f.sha256) for f in files)
        self.by = by
        self.on = on
        self.at = time.time()
        self.key = key

    @property
    def assessment_key(self) -> str:
        return assessment_key_of(self.iso3, self.phase, self.instrument)

    def file(self, file_id: str) -> Attachment | None:
        return next((f for f in self.files if f.id == file_id), None)

    def withdraw(self, by: str, on: str) -> None:
        """Drop the public copy, keep the record (once; again is a no-op)."""
        if self.withdrawn:
            return
        self.withdrawn = True
        self.withdrawn_by = by
        self.withdrawn_on = on
        self.withdrawn_at = time.time()
        self.answers = ()
        # The blobs go with the next pack: nothing refers to them any more.
        self.files = ()

    @fail_closed
    def __acl__(self):
        return public_acl()


class PublishedResponses(Folder):
    """``/knowledge/responses``: every publication, with its indexes.

    ``by_assessment`` names every publication of a self-assessment (the
    withdrawn ones too); ``listed`` the ones shown, by State; ``by_key`` the
    publication each idempotency key made; ``state_names`` the name each
    State had when it last published, for the listing's filter.
    """

    schema_version = 1
    view_permission = Permission.PORTAL_VIEW

    def __init__(self) -> None:
        super().__init__()
        self.by_assessment = OOBTree()
        self.listed = OOBTree()
        self.by_key = OOBTree()
        self.state_names = OOBTree()

    def add_publication(self, publication: Publication) -> Publication:
        prefix = publication.assessment_key
        names = self.by_assessment.get(prefix)
        if names is None:
            names = self.by_assessment[prefix] = OOTreeSet()
        name = f"{prefix}-{len(names) + 1}"
        self.add(name, publication)
        names.add(name)
        shown = self.listed.get(publication.iso3)
        if shown is None:
            shown = self.listed[publication.iso3] = OOTreeSet()
        shown.add(name)
        if self.state_names.get(publication.iso3) != publication.state_name:
            self.state_names[publication.iso3] = publication.state_name
        if publication.key:
            self.by_key[(prefix, publication.key)] = name
        return publication

    def unlist(self, publication: Publication) -> None:
        shown = self.listed.get(publication.iso3)
        if shown is not None:
            shown.discard(publication.__name__)

    def made_with(self, prefix: str, key: str) -> Publication | None:
        name = self.by_key.get((prefix, key)) if key else None
        return self[name] if name is not None else None

    def of_assessment(self, prefix: str) -> list[Publication]:
        """Every publication of one self-assessment, oldest first."""
        found = [self[n] for n in self.by_assessment.get(prefix, ())]
        return sorted(found, key=lambda p: p.at)

    def states(self) -> list[str]:
        """The States with a publication shown, by code."""
        return [iso3 for iso3, names in self.listed.items() if len(names)]

    def shown(self, iso3: str) -> list[Publication]:
        return [self[n] for n in self.listed.get(iso3, ())]

    @fail_closed
    def __acl__(self):
        return public_acl()


def assessment_key_of(iso3: str, phase: int, instrument: str) -> str:
    return f"{iso3}-phase-{phase}-{instrument}"


def assessment_key(assessment: SelfAssessment) -> str:
    """``KEN-phase-1-UNTOC``: what a self-assessment's publications start with."""
    return assessment_key_of(
        assessment.iso3, assessment.phase.number, assessment.instrument
    )


def knowledge_folder(
    portal_root, name: str, factory, what: str, changed: Callable[..., None] | None
):
    """``/knowledge/<name>``, created with ``factory()`` if missing
    (idempotent); ``changed`` (the installer's ``context.changed``) is told
    "created the ``what``'s folder"."""
    knowledge = portal_root["knowledge"]
    found = knowledge.get(name)
    if found is None:
        found = knowledge.add(name, factory())
        if changed is not None:
            changed("created the %s' folder", what)
    return found


def ensure_published_folder(
    portal_root, changed: Callable[..., None] | None = None
) -> PublishedResponses:
    """``/knowledge/responses``, created if missing (idempotent)."""
    return knowledge_folder(
        portal_root, PUBLISHED_NAME, PublishedResponses, "published responses", changed
    )


def published_folder(assessment: SelfAssessment) -> PublishedResponses | None:
    """``/knowledge/responses`` of the portal ``assessment`` belongs to."""
    return mechanism_of(assessment).__parent__["knowledge"].get(PUBLISHED_NAME)


def _state_name(assessment: SelfAssessment) -> str:
    state = mechanism_of(assessment)["states"].get(assessment.iso3)
    return state.name if state is not None else assessment.iso3


def _checked_choice(
    assessment: SelfAssessment, question_ids, attachment_ids
) -> tuple[list, set[str]]:
    """``(questions chosen, in questionnaire order; file ids chosen)``."""
    if assessment.status == DRAFT or assessment.submitted is None:
        raise ActionRefused(
            _(
                "Only submitted responses can be published (¶41): submit them "
                "first, then choose what to publish."
            )
        )
    chosen = list(dict.fromkeys(question_ids))
    if not chosen:
        raise ActionRefused(_("Choose at least one answer to publish."))
    unknown = [q for q in chosen if assessment.question(q) is None]
    if unknown:
        raise ActionRefused(
            _(
                "This questionnaire has no question ${ids}.",
                # Echo a few, shortened: the ids come from the form.
                mapping={"ids": ", ".join(q[:64] for q in unknown[:5])},
            )
        )
    submission = assessment.submitted
    unanswered = [q for q in chosen if not submission.value(q).answered]
    if unanswered:
        raise ActionRefused(
            _(
                "The submitted responses do not answer ${ids}: there is nothing "
                "to publish for it.",
                mapping={"ids": ", ".join(unanswered)},
            )
        )
    cited = {a for q in chosen for a in submission.value(q).attachments}
    files = set(attachment_ids)
    if any(f not in cited or f not in assessment.attachments for f in files):
        raise ActionRefused(
            _(
                "Only files cited by the answers chosen can be published; "
                "untick the others."
            )
        )
    questions = [q for q in assessment.questions if q.id in chosen]
    return questions, files


def publish(
    assessment: SelfAssessment,
    question_ids,
    attachment_ids,
    by: str,
    key: str,
    today: date | None = None,
) -> Publication:
    """Publish a copy of the chosen answers of the last submission (¶41).

    :param question_ids: the questions whose submitted answers are copied.
    :param attachment_ids: the files to copy, among those the chosen answers
        cite; the others are left out of the copy and of its answers.
    :param by: the login of the focal point publishing.
    :param key: the act's idempotency key: a publication already made with
        it for this self-assessment is returned as it is.
    :param today: the date recorded (the request's clock in a view).
    :raises ActionRefused: a draft, an empty or unknown choice, a file not
        cited by the answers chosen.
    """
    folder = ensure_published_folder(mechanism_of(assessment).__parent__)
    prefix = assessment_key(assessment)
    earlier = folder.made_with(prefix, key)
    if earlier is not None:
        return earlier
    questions, files = _checked_choice(assessment, question_ids, attachment_ids)
    if assessment._p_jar is not None:
        # The decision reads the assessment's status and writes elsewhere.
        assessment._p_jar.readCurrent(assessment)
    submission = assessment.submitted
    publication = Publication(
        iso3=assessment.iso3,
        state_name=_state_name(assessment),
        phase=assessment.phase.number,
        instrument=assessment.instrument,
        cluster=assessment.cluster,
        submission=submission.number,
        submitted_on=submission.on,
        answers=tuple(
            PublishedAnswer.copy(q, submission.value(q.id), files) for q in questions
        ),
        files=tuple(
            copy_file(assessment.attachments[a])
            for a in sorted(files, key=lambda a: assessment.attachments[a].filename)
        ),
        by=by,
        on=(today or date.today()).isoformat(),
        key=key,
    )
    return folder.add_publication(publication)


def withdraw(publication: Publication, by: str, today: date | None = None) -> None:
    """Take a publication off the public pages; the record of it stays."""
    publication.withdraw(by, (today or date.today()).isoformat())
    publication.__parent__.unlist(publication)
