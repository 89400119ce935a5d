"""Public copies of the dialogue (¶41): what the State chose, copied.

The State under review may make its dialogue public, as a whole or thread
by thread (¶41).  Nothing under ``/review`` is ever opened to everyone
(SECURITY.md §2): for each thread the State made public, :func:`sync`
writes a copy under ``/knowledge/dialogues/ISO3-phase-N/<thread number>``
holding its title, its topic, the record's details (¶36) and each
message's current text with the party that wrote it (a State's code or the
Secretariat, never a person's login), its time, the message it replies to
and the words it quotes, and copies of its files in blobs of their own,
their bytes checked against their fingerprints
(:func:`~sherloc_review.responses.publish.copy_file`).  When the whole
dialogue is public the reviewing States' released written feedback and the
State's answers are copied as well; drafts never are.  The public pages
(:mod:`.public_views`) read only these copies, never the review.

A copy follows the dialogue: :func:`sync` after each decision,
:func:`refresh_after_post` after a message is posted or corrected in a
public thread, :func:`refresh_feedback` after an answer to the feedback.
A thread no longer public has its copy withdrawn as a publication of
responses is: the messages and files are dropped, its pages answer 410
Gone, and the record of having published stays (when, how many messages,
the files' names and fingerprints, when it was withdrawn).  All three are
idempotent and write nothing when the copies already follow the dialogue,
so a retried request or a second call costs no write.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from BTrees.IIBTree import IITreeSet
from BTrees.IOBTree import IOBTree
from BTrees.OOBTree import OOBTree

from sherloc_portal.resources.folder import Folder, Resource
from sherloc_portal.security.acl import fail_closed
from sherloc_portal.security.permissions import Permission

from ..draws.views import state_name
from ..feedback.resources import RELEASED
from ..numbers import number
from ..responses.access import read_current
from ..responses.publish import copy_file, knowledge_folder, public_acl
from .resources import PUBLIC, Message, RecordDetails, Thread, Topic

#: ``/knowledge/dialogues``.
PUBLISHED_NAME = "dialogues"


@dataclass(frozen=True)
class PublishedMessage:
    """One message as published: its current text and the party that wrote it."""

    number: int
    party: str  # ISO3, or "secretariat"
    at: float  # when it was posted
    text: str
    revision: int  # of the text copied
    revised_at: float  # when that text was written
    reply_to: int = 0
    quote: str = ""
    files: tuple[str, ...] = ()  # ids of the copy's files

    @property
    def corrected(self) -> bool:
        return self.revision > 1

    @classmethod
    def copy(cls, thread: Thread, message: Message) -> PublishedMessage:
        current = message.current
        return cls(
            number=message.number,
            party=message.author_party,
            at=message.at,
            text=current.text,
            revision=current.number,
            revised_at=current.at,
            reply_to=message.reply_to,
            quote=thread.standing_quote(message),
            files=message.files,
        )


@dataclass(frozen=True)
class PublishedItem:
    """An item of released written feedback, and the answer given to it."""

    number: int
    instrument: str
    article: str
    kind: str
    text: str
    answer: str = ""


@dataclass(frozen=True)
class PublishedFeedback:
    """One reviewing State's released written feedback (¶35)."""

    reviewer: str  # ISO3
    released_on: str  # ISO date
    items: tuple[PublishedItem, ...]


@dataclass(frozen=True)
class Period:
    """A time a thread was public, kept when its copy is withdrawn."""

    published_at: float
    withdrawn_at: float
    messages: int  # how many messages the copy held


class PublishedThread(Resource):
    """``/knowledge/dialogues/ITA-phase-1/7``: the public copy of thread 7."""

    schema_version = 1
    view_permission = Permission.PORTAL_VIEW
    withdrawn = False
    record: RecordDetails | None = None

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number
        self.title = ""
        self.topic = Topic()
        self.messages = IOBTree()
        self.files = OOBTree()
        #: The messages are numbered 1 … ``copied``, as in the thread.
        self.copied = 0
        self.published_at = self.refreshed_at = 0.0
        #: The record of having published, kept when withdrawn.
        self.periods: tuple[Period, ...] = ()
        self.fingerprints: tuple[tuple[str, str], ...] = ()

    def publish(self, thread: Thread, now: float) -> None:
        """Make the copy public again with ``thread``'s details (its
        messages are copied by the caller)."""
        self.withdrawn = False
        self.title = thread.title
        self.topic = thread.topic
        self.record = thread.record
        self.published_at = self.refreshed_at = now

    def withdraw(self, now: float) -> None:
        """Drop the public copy, keep the record (again is a no-op)."""
        if self.withdrawn:
            return
        self.withdrawn = True
        self.periods = (*self.periods, Period(self.published_at, now, self.copied))
        self.title, self.topic, self.record = "", Topic(), None
        # The blobs go with the next pack: nothing refers to them any more.
        self.messages = IOBTree()
        self.files = OOBTree()
        self.copied = 0

    def file(self, file_id: str):
        return self.files.get(file_id)

    @fail_closed
    def __acl__(self):
        return public_acl()


class PublishedReview(Resource):
    """``/knowledge/dialogues/ITA-phase-1``: what one phase's dialogue has
    public, its threads traversed by number."""

    schema_version = 1
    view_permission = Permission.PORTAL_VIEW
    #: The State under review made the whole dialogue public.
    whole = False
    feedback: tuple[PublishedFeedback, ...] = ()

    def __init__(self, iso3: str, phase: int) -> None:
        super().__init__()
        self.iso3 = iso3
        self.phase = phase
        #: Party code → the State's name when copied.
        self.names: dict[str, str] = {}
        self.threads = IOBTree()
        #: Numbers of the threads whose copy is public.
        self.live = IITreeSet()

    @property
    def state_name(self) -> str:
        return self.names.get(self.iso3, self.iso3)

    @property
    def shown(self) -> bool:
        return self.whole or bool(len(self.live)) or bool(self.feedback)

    def __getitem__(self, name: str) -> PublishedThread:
        found = number(name)
        if found is None:
            raise KeyError(name)
        return self.threads[found]

    @fail_closed
    def __acl__(self):
        return public_acl()


class PublishedDialogues(Folder):
    """``/knowledge/dialogues``: a :class:`PublishedReview` per phase."""

    schema_version = 1
    view_permission = Permission.PORTAL_VIEW

    def shown(self) -> list[PublishedReview]:
        """The phases with something public, by State code and phase."""
        return [review for review in self.values() if review.shown]

    @fail_closed
    def __acl__(self):
        return public_acl()


def review_name(iso3: str, phase: int) -> str:
    return f"{iso3}-phase-{phase}"


def dialogues_folder(
    portal_root, changed: Callable[..., None] | None = None
) -> PublishedDialogues:
    """``/knowledge/dialogues``, created if missing (idempotent)."""
    return knowledge_folder(
        portal_root, PUBLISHED_NAME, PublishedDialogues, "published dialogues", changed
    )


def published_review(dialogue, create: bool = False) -> PublishedReview | None:
    """The copy of ``dialogue``'s phase, created (with ``/knowledge/dialogues``
    on a site installed before it) when ``create`` and missing."""
    portal_root = dialogue.country.__parent__.__parent__.__parent__
    folder = portal_root["knowledge"].get(PUBLISHED_NAME)
    if folder is None:
        if not create:
            return None
        folder = dialogues_folder(portal_root)
    iso3, phase = dialogue.country.iso3, dialogue.phase.number
    review = folder.get(review_name(iso3, phase))
    if review is None and create:
        review = folder.add(review_name(iso3, phase), PublishedReview(iso3, phase))
    return review


def _public_threads(dialogue) -> list[Thread]:
    if dialogue.level == PUBLIC:
        return list(dialogue.threads.values())
    # Only a thread the State opened itself can be wider than the whole.
    found = (dialogue.threads.get(n) for n in sorted(dialogue.widened))
    return [t for t in found if t is not None and t.effective_level == PUBLIC]


def _name_parties(review: PublishedReview, dialogue) -> None:
    """Copy the names of the parties (a State redrawn away keeps its name)."""
    country = dialogue.country
    states = country.__parent__.__parent__["states"]
    names = {**review.names}
    names.update({p: state_name(states, p) for p in country.participants})
    if names != review.names:
        review.names = names


def _copy_message(copy: PublishedThread, thread: Thread, message: Message) -> bool:
    """Copy ``message`` unless its current text is copied already."""
    read_current(message)  # a correction committed meanwhile: retried
    found = copy.messages.get(message.number)
    fresh = PublishedMessage.copy(thread, message)
    if found == fresh:
        return False
    for file_id in message.files:
        attachment = thread.files.get(file_id)
        if attachment is None or file_id in copy.files:
            continue  # a stored file never changes: copied once
        copied = copy_file(attachment)
        copy.files[file_id] = copied
        record = (copied.filename, copied.sha256)
        if record not in copy.fingerprints:  # published again after a withdrawal
            copy.fingerprints = (*copy.fingerprints, record)
    copy.messages[message.number] = fresh
    if message.number > copy.copied:
        copy.copied = message.number
    return True


def _follow(
    review: PublishedReview, thread: Thread, messages: Iterable[Message], now: float
) -> None:
    """Make ``thread``'s copy public and copy ``messages`` into it."""
    read_current(thread)  # a post committed meanwhile: retried
    copy = review.threads.get(thread.number)
    if copy is None:
        copy = PublishedThread(thread.number)
        copy.__name__ = str(thread.number)
        copy.__parent__ = review
        review.threads[thread.number] = copy
    fresh = copy.withdrawn or not copy.published_at
    if fresh:
        copy.publish(thread, now)
        review.live.add(thread.number)
    changed = False
    for message in messages:
        changed = _copy_message(copy, thread, message) or changed
    if changed and not fresh:
        copy.refreshed_at = now


def _feedback_of(phase) -> tuple[PublishedFeedback, ...]:
    """The released written feedback of ``phase`` with its answers."""
    feedback = phase.feedback
    found = []
    for written in feedback.values() if feedback is not None else ():
        read_current(written)  # a release committed meanwhile is not missed
        if written.status != RELEASED or written.release is None:
            continue
        for item in written.live_items():
            read_current(item.reply)  # nor an answer
        items = tuple(
            PublishedItem(
                i.number, i.instrument, i.article, i.kind, i.text, i.reply.text
            )
            for i in written.live_items()
        )
        found.append(PublishedFeedback(written.reviewer, written.release.on, items))
    return tuple(found)


def _follow_feedback(review: PublishedReview, dialogue) -> None:
    whole = dialogue.level == PUBLIC
    if review.whole != whole:
        review.whole = whole
    copied = _feedback_of(dialogue.phase) if whole else ()
    if copied != review.feedback:
        review.feedback = copied


def sync(request, dialogue) -> None:
    """Make the public copies follow the State's decisions (¶41).

    Call it after :func:`~.threads.decide`, in the same transaction.  Every
    thread now public gets a copy, or its copy brought up to date (new
    messages, corrected texts, new files); every copy of a thread no longer
    public is withdrawn; the written feedback is copied while the whole
    dialogue is public and dropped otherwise.  Writes nothing when the
    copies already follow; creates nothing until something is public.

    :raises ActionRefused: a stored file no longer matches its fingerprint
        (then nothing should be published: the caller dooms the
        transaction and shows the reason).
    """
    read_current(dialogue)  # the decision in force, read here, decides
    public = _public_threads(dialogue)
    review = published_review(dialogue, create=bool(public) or dialogue.level == PUBLIC)
    if review is None:
        return
    now = time.time()
    _name_parties(review, dialogue)
    numbers = {t.number for t in public}
    for thread in public:
        _follow(review, thread, thread.messages.values(), now)
    for gone in [n for n in review.live if n not in numbers]:
        review.threads[gone].withdraw(now)
        review.live.remove(gone)
    _follow_feedback(review, dialogue)


def refresh_after_post(request, thread: Thread, message: Message | None = None) -> None:
    """Copy what was posted in ``thread`` since its last copy, and
    ``message`` again if it was corrected; nothing when the thread is not
    public.  Cheap: only the messages after the last one copied are read.

    Call it after every successful post, thread started or correction
    (HTML and API), in the same transaction.
    """
    dialogue = thread.dialogue
    read_current(dialogue)
    read_current(thread)
    if thread.effective_level != PUBLIC:
        return
    review = published_review(dialogue, create=True)
    _name_parties(review, dialogue)
    copy = review.threads.get(thread.number)
    start = copy.copied + 1 if copy is not None and not copy.withdrawn else 1
    messages = list(thread.messages.values(start))
    if message is not None and message.number < start:
        # A correction: the message, and the replies quoting it (rare).
        messages.append(message)
        messages += [
            m
            for m in thread.messages.values(message.number + 1, start - 1)
            if m.reply_to == message.number
        ]
    _follow(review, thread, messages, time.time())


def refresh_feedback(request, dialogue) -> None:
    """Copy the written feedback again (an answer given, a State released
    its own) while the whole dialogue is public; nothing otherwise."""
    read_current(dialogue)
    if dialogue.level != PUBLIC:
        return
    _follow_feedback(published_review(dialogue, create=True), dialogue)
