"""Acts on the dialogue: start a thread, post, correct, read, decide who reads.

Every act is attributed and time-stamped; nothing is ever removed (a
correction is a new version of the message, the earlier kept).  Two posts
in one thread at the same moment take the same number: the second is a
ZODB conflict, retried, and takes the next number.  The permission of the
view decides who may act; the rules of the data are checked here, so HTML
and API refuse alike (``ActionRefused`` naming the field).
"""

from __future__ import annotations

import time
from datetime import date

from sherloc_portal.forms import ActionRefused

from ..i18n import _
from ..responses.access import read_current
from ..versioned import checked_text
from . import catalog
from .permissions import DialoguePermission as P
from .resources import (
    LEVELS,
    PARTICIPANTS,
    RECORD_KINDS,
    Decision,
    Dialogue,
    Message,
    RecordDetails,
    Thread,
    Topic,
    readers_of,
)

#: The longest thread title (characters).
MAX_TITLE = 200
#: The most files one message carries.
MAX_FILES = 20
#: The longest quotation kept with a reply (characters).
MAX_QUOTE = 2_000


def party_of(user) -> str:
    """Who the author speaks for: its State, or the Secretariat."""
    if getattr(user, "state", None):
        return user.state
    return "secretariat"


def _writable(dialogue: Dialogue) -> None:
    read_current(dialogue.phase)  # never beside a conclusion committed meanwhile
    if dialogue.read_only:
        raise ActionRefused(
            _("This phase is concluded: its dialogue is a read-only archive.")
        )


def check_topic(dialogue: Dialogue, topic: Topic) -> Topic:
    """``topic`` if the review has it (its instrument among the State's)."""
    if topic.feedback_item:
        feedback = dialogue.phase.feedback
        item = feedback.item(topic.feedback_item) if feedback is not None else None
        if item is None:
            raise ActionRefused(_("There is no such feedback item."), "feedback_item")
        return Topic(item.instrument, item.article, topic.feedback_item)
    if not topic.instrument:
        if topic.article:
            raise ActionRefused(_("Name the instrument of the article."), "instrument")
        return topic
    responses = dialogue.phase.responses
    if responses is None or topic.instrument not in responses:
        raise ActionRefused(
            _("This review does not cover that instrument."), "instrument"
        )
    if topic.article:
        articles = {q.article for q in responses[topic.instrument].questions}
        if topic.article not in articles:
            raise ActionRefused(
                _("This phase does not review that article."), "article"
            )
    return topic


def _instruments(topic: Topic) -> tuple[str, ...]:
    return (topic.instrument,) if topic.instrument else ()


def _title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ActionRefused(_("Give the thread a title."), "title")
    if len(title) > MAX_TITLE:
        raise ActionRefused(
            _("At most ${count} characters.", mapping={"count": MAX_TITLE}), "title"
        )
    return title


def start_thread(
    dialogue: Dialogue,
    title: str,
    topic: Topic,
    text: str,
    user,
    files: tuple = (),
    record: RecordDetails | None = None,
) -> Thread:
    """A new thread with its first message (for a record: the minutes)."""
    _writable(dialogue)
    title = _title(title)
    topic = check_topic(dialogue, topic)
    party = getattr(user, "state", "")
    if party and party not in readers_of(dialogue.country, _instruments(topic)):
        # An additional reviewer writing on another instrument (¶28(b))
        # would lose the thread it started.
        raise ActionRefused(
            _("Your State does not take part in the dialogue on that instrument."),
            "instrument",
        )
    text = checked_text(text)
    if record is not None:
        record = check_record(record)
    now = time.time()
    number = dialogue.count() + 1
    thread = Thread(number, title, topic, user.login, now)
    thread.record = record
    thread.__name__ = str(number)
    thread.__parent__ = dialogue
    dialogue.threads[number] = thread  # taken meanwhile: a conflict, retried
    dialogue.count.change(1)
    _add_message(thread, text, user, now, files=files)
    return thread


def check_record(record: RecordDetails) -> RecordDetails:
    if record.kind not in RECORD_KINDS:
        raise ActionRefused(_("Choose the kind of meeting."), "kind")
    if not isinstance(record.held_on, date):
        raise ActionRefused(_("Give the day it was held."), "held_on")
    participants = " ".join((record.participants or "").split())
    if not participants:
        raise ActionRefused(_("Name who took part."), "participants")
    if len(participants) > MAX_TITLE * 5:
        raise ActionRefused(
            _("At most ${count} characters.", mapping={"count": MAX_TITLE * 5}),
            "participants",
        )
    return RecordDetails(record.held_on, record.kind, participants)


def _add_message(
    thread: Thread,
    text: str,
    user,
    now: float,
    reply_to: int = 0,
    quote: str = "",
    files: tuple = (),
) -> Message:
    if len(files) > MAX_FILES:
        raise ActionRefused(
            _("At most ${count} files.", mapping={"count": MAX_FILES}), "files"
        )
    number = thread.count() + 1
    message = Message(
        number,
        user.login,
        party_of(user),
        now,
        reply_to=reply_to,
        quote=quote,
        files=tuple(f.id for f in files),
    )
    message.revise(text, user.login, 0, now)
    for attachment in files:
        thread.files[attachment.id] = attachment
    thread.messages[number] = message  # taken meanwhile: a conflict, retried
    thread.count.change(1)
    thread.last_at = now
    catalog.index(thread.dialogue, thread, message)
    thread.dialogue.total.change(1)
    # Writing in a thread is reading it: the author's own message (and what
    # came before, which a reply answers) is not news to the author.
    _move_mark(thread, user.login, number)
    return message


def post(
    thread: Thread,
    text: str,
    user,
    reply_to: int = 0,
    quote: str = "",
    files: tuple = (),
) -> Message:
    """A new message in ``thread``, replying to (and quoting) another."""
    _writable(thread.dialogue)
    text = checked_text(text)
    if reply_to:
        replied = thread.messages.get(reply_to)
        if replied is None:
            raise ActionRefused(_("There is no such message to reply to."), "reply_to")
        quote = (quote or "").strip()
        if quote and quote not in replied.text:
            raise ActionRefused(_("Quote words of the message you reply to."), "quote")
        quote = quote[:MAX_QUOTE]
    elif quote:
        raise ActionRefused(_("Quote only the message you reply to."), "quote")
    return _add_message(
        thread, text, user, time.time(), reply_to=reply_to, quote=quote, files=files
    )


def correct(thread: Thread, number: int, text: str, user, base: int):
    """A new version of message ``number``, by its author only."""
    _writable(thread.dialogue)
    message = thread.messages.get(number)
    if message is None:
        raise KeyError(number)
    if message.author != user.login:
        raise ActionRefused(_("Only the author of a message may correct it."))
    text = checked_text(text)
    version = message.revise(text, user.login, base, time.time())
    if version is not None:
        catalog.index(thread.dialogue, thread, message)
    return version


def mark_read(thread: Thread, login: str, upto: int) -> None:
    """``login`` has read the messages up to ``upto`` (never goes back)."""
    upto = min(max(int(upto), 0), thread.count())
    if upto > thread.read_marks.get(login, 0):
        _move_mark(thread, login, upto)


def _move_mark(thread: Thread, login: str, upto: int) -> None:
    """Move ``login``'s mark forward, and its total over the dialogue."""
    before = thread.read_marks.get(login, 0)
    thread.read_marks[login] = upto
    totals = thread.dialogue.read_totals
    totals[login] = totals.get(login, 0) + upto - before


def decide(
    dialogue: Dialogue,
    level: str,
    by: str,
    thread: Thread | None = None,
    seen: int | None = None,
):
    """Record who may read the whole dialogue or ``thread`` (¶40, ¶41).

    ``seen``: how many decisions the decider's page showed.  A decision
    recorded since makes the act stale (refused: read it and decide again),
    unless it is this very act sent again, which answers as the first did.
    """
    if level not in LEVELS:
        raise ActionRefused(_("Choose who may read."), "level")
    number = thread.number if thread is not None else 0
    if seen is not None and seen != len(dialogue.decisions):
        last = dialogue.decisions[-1] if dialogue.decisions else None
        if (
            seen == len(dialogue.decisions) - 1
            and last is not None
            and (last.level, last.thread, last.by) == (level, number, by)
        ):
            return last
        raise ActionRefused(
            _(
                "Another decision was recorded since this page was shown: read "
                "it below and decide again."
            ),
            "level",
        )
    current = thread.level if thread is not None else dialogue.level
    if thread is not None and LEVELS.index(level) < LEVELS.index(dialogue.level):
        raise ActionRefused(
            _(
                "The whole dialogue is open to more readers than that: change "
                "the decision for the whole dialogue first."
            ),
            "level",
        )
    if level == current:
        raise ActionRefused(_("That is already the decision in force."), "level")
    decision = Decision(level, by, time.time(), number)
    dialogue.decisions = (*dialogue.decisions, decision)
    if thread is None:
        dialogue.level = level
    else:
        thread.level = level
        widened = set(dialogue.widened)
        if level == PARTICIPANTS:
            widened.discard(number)
        else:
            widened.add(number)
        dialogue.widened = frozenset(widened)
    return decision


def readable(request, dialogue: Dialogue) -> list[Thread]:
    """The threads the reader may read, newest first (each checked)."""
    return [
        t
        for t in reversed(dialogue.threads.values())
        if request.has_permission(P.VIEW, t)
    ]


def unread_in(request, dialogue: Dialogue) -> int:
    """Messages the reader has not read in the threads it may read."""
    login = request.identity.user.login if request.identity else None
    if login is None:
        return 0
    return sum(t.unread(login) for t in readable(request, dialogue))
