"""``/review/countries/ISO3/phase-N/dialogue``: the secure dialogue (¶21, ¶35).

A :class:`Dialogue` holds the phase's threads, numbered in order of
creation (an ``IOBTree``, listed and paged without waking the others).  A
:class:`Thread` is general, tied to an article of an instrument, tied to an
item of the written feedback, or the record of dialogue held elsewhere
(¶36: a call, a videoconference, a meeting at a session), whose minutes
are its first message.  Each :class:`Message` is its own persistent object,
numbered 1, 2, … in its thread, with every version its author wrote (a
correction is a new version, the old one kept).  A thread counts its
messages with a ``Length`` and keeps each reader's last message read, so
unread counts never load a message.  Files are blobs on the thread, under
the upload rules of the questionnaire.

Who reads (¶33, ¶37, ¶40): the participants of the review (an additional
reviewer only the threads of its instruments, ¶28(b)), observers included,
and the Secretariat, kept abreast of everything; all States parties'
officials once the State under review decided so, for the whole dialogue
or a thread.  Publishing to the public (¶41) is a copy under
``/knowledge`` (SECURITY.md §2).  When the phase is concluded everything is
read only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from BTrees.IOBTree import IOBTree
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.authorization import Allow

from sherloc_portal.resources.folder import Resource
from sherloc_portal.security.acl import DENY_ALL, fail_closed

from ..cycle.workflow import CONCLUDED
from ..numbers import number
from ..principals import ROLE_STATE_PARTY_OFFICIAL, SECRETARIAT, state, state_role
from ..versioned import Versioned
from .permissions import DialoguePermission as P

DIALOGUE_NAME = "dialogue"

#: Who may read, from the narrowest: the review's participants and the
#: Secretariat (¶37), every State party's officials (¶40), the public (¶41).
PARTICIPANTS = "participants"
STATES_PARTIES = "states-parties"
PUBLIC = "public"
LEVELS = (PARTICIPANTS, STATES_PARTIES, PUBLIC)

#: Kinds of dialogue held outside the platform (¶36).
RECORD_KINDS = ("call", "videoconference", "meeting", "other")


def readers_of(country, instruments: tuple[str, ...]) -> tuple[str, ...]:
    """ISO3 of the participating States that read what concerns
    ``instruments`` (every participant when none is named): an additional
    reviewer only its own instruments (¶28(b))."""
    found = [country.iso3]
    for reviewer in country.reviewers:
        concerned = not instruments or set(instruments) & set(reviewer.instruments)
        if concerned and reviewer.state not in found:
            found.append(reviewer.state)
    return tuple(found)


def wider(a: str, b: str) -> str:
    return a if LEVELS.index(a) >= LEVELS.index(b) else b


@dataclass(frozen=True)
class Topic:
    """What a thread is about: ``instrument`` and ``article`` (both empty
    for a general thread), or a feedback item (``"ISO3/item"``)."""

    instrument: str = ""
    article: str = ""
    feedback_item: str = ""


@dataclass(frozen=True)
class RecordDetails:
    """Dialogue held elsewhere (¶36); the minutes are the first message."""

    held_on: date
    kind: str  # one of RECORD_KINDS
    participants: str


@dataclass(frozen=True)
class Decision:
    """The State under review opened (or narrowed) who may read (¶40, ¶41)."""

    level: str
    by: str  # login
    at: float
    thread: int = 0  # 0: the whole dialogue


class Message(Versioned):
    """One message; ``versions`` are its author's text over time."""

    def __init__(
        self,
        number: int,
        author: str,
        author_party: str,
        at: float,
        reply_to: int = 0,
        quote: str = "",
        files: tuple[str, ...] = (),
    ) -> None:
        self.number = number
        self.author = author  # login
        self.author_party = author_party  # ISO3, or "secretariat"
        self.at = at
        self.reply_to = reply_to
        self.quote = quote
        self.files = tuple(files)

    @property
    def corrected(self) -> bool:
        return len(self.versions) > 1


class Thread(Resource):
    """A thread of messages; traversed by its number (``dialogue/7``)."""

    schema_version = 1
    view_permission = P.VIEW
    record: RecordDetails | None = None
    #: The State's own decision for this thread (the dialogue's may be wider).
    level = PARTICIPANTS

    def __init__(
        self, number: int, title: str, topic: Topic, by: str, at: float
    ) -> None:
        super().__init__()
        self.number = number
        self.title = title
        self.topic = topic
        self.created_by = by
        self.created_at = at
        self.last_at = at
        self.messages = IOBTree()
        self.count = Length()
        #: login → number of the last message that reader has read.
        self.read_marks = OOBTree()
        self.files = OOBTree()

    @property
    def dialogue(self) -> Dialogue:
        return self.__parent__

    @property
    def effective_level(self) -> str:
        return wider(self.level, self.dialogue.level)

    def standing_quote(self, message: Message) -> str:
        """``message``'s quotation while the quoted message still says it:
        what an author corrected away leaves the replies quoting it too,
        for every reader of the current text (¶40, ¶41)."""
        replied = self.messages.get(message.reply_to) if message.reply_to else None
        if not message.quote or replied is None or message.quote not in replied.text:
            return ""
        return message.quote

    def unread(self, login: str) -> int:
        return max(self.count() - self.read_marks.get(login, 0), 0)

    @fail_closed
    def __acl__(self):
        return self.dialogue.acl_for(self.topic.instrument, self.effective_level)


class Dialogue(Resource):
    """A phase's threads; schema 1."""

    schema_version = 1
    view_permission = P.VIEW
    level = PARTICIPANTS
    decisions: tuple[Decision, ...] = ()
    #: Threads the State opened wider than the whole dialogue.
    widened: frozenset[int] = frozenset()

    def __init__(self) -> None:
        super().__init__()
        self.threads = IOBTree()
        self.count = Length()
        #: Messages in every thread, and login → how many of them it has
        #: read: what a reader of every thread (the Secretariat, ¶33) has
        #: not read, without waking one thread.
        self.total = Length()
        self.read_totals = OOBTree()
        #: word → ``(thread, message)`` numbers (:mod:`.catalog`).
        self.words = OOBTree()

    @property
    def phase(self):
        return self.__parent__

    @property
    def country(self):
        return self.phase.country

    @property
    def read_only(self) -> bool:
        return self.phase.state == CONCLUDED

    def __getitem__(self, name: str) -> Thread:
        found = number(name)
        if found is None:
            raise KeyError(name)
        return self.threads[found]

    def thread(self, number: int) -> Thread | None:
        return self.threads.get(number)

    def unread_everywhere(self, login: str) -> int:
        """Messages ``login`` has not read, counting every thread."""
        return max(self.total() - self.read_totals.get(login, 0), 0)

    def decisions_for(self, thread: int) -> tuple[Decision, ...]:
        """The decisions that set who reads ``thread`` (the whole's and its own)."""
        return tuple(d for d in self.decisions if d.thread in (0, thread))

    def acl_for(self, instrument: str, level: str) -> list:
        open_ = not self.read_only
        iso3 = self.country.iso3
        acl = [(Allow, SECRETARIAT, (P.VIEW, P.EXPORT, P.VIEW_VERSIONS))]
        if open_:
            acl.append((Allow, SECRETARIAT, P.POST))
        for party in readers_of(self.country, (instrument,) if instrument else ()):
            acl.append((Allow, state(party), (P.VIEW, P.EXPORT, P.VIEW_VERSIONS)))
            if open_:
                acl.append((Allow, state_role(party, "focal"), P.POST))
                acl.append((Allow, state_role(party, "expert"), P.POST))
        acl.append((Allow, state_role(iso3, "focal"), P.DECIDE))
        if level != PARTICIPANTS:
            acl.append((Allow, ROLE_STATE_PARTY_OFFICIAL, P.VIEW))
        acl.append(DENY_ALL)
        return acl

    @fail_closed
    def __acl__(self):
        # A State party's official reads the list when a thread is open to
        # it; each thread's own ACL still decides which ones it sees.
        level = STATES_PARTIES if self.widened else self.level
        return self.acl_for("", wider(level, self.level))


class DialoguePreferences(Persistent):
    """How each user wants to hear of new messages: login → ``each`` (a
    mail per message), ``digest`` (one mail a day) or ``none``."""

    def __init__(self) -> None:
        self.choices = OOBTree()
        #: login → time of the last digest sent.
        self.digested = OOBTree()
