"""Search the dialogue a reader may read (SECURITY.md §11).

The candidate dialogues are those whose own ACL lets the reader read them:
the participants' and, for the Secretariat, every one; for an official of
any State party also those its State under review opened, whole or thread
by thread, to all States parties (¶40).  Each dialogue's word index
(:mod:`.catalog`) gives the messages using every word of the query; each
is kept only when the reader may read its thread (an additional reviewer
only its instruments', ¶28(b)) and its current text holds the query
(the words of a corrected version stay in the index, never in a result).
Chinese and Japanese text has no spaces: each CJK character is a word.
"""

from __future__ import annotations

from dataclasses import dataclass

from BTrees.OOBTree import intersection

from ..cycle.resources import CYCLE_NAME
from ..responses.search import excerpt, words
from .permissions import DialoguePermission as P
from .resources import Dialogue, Message, Thread

#: Results shown for one query; a query finding more asks to be narrowed.
LIMIT = 50


@dataclass(frozen=True)
class Hit:
    thread: Thread
    message: Message
    excerpt: str


def _dialogues(request, mechanism):
    """The dialogues the reader may read, State by State, phase by phase.

    The cycle's index has a row per review and phase (about 200 a phase);
    each row's dialogue answers from its own ACL, which grants reading to
    the participants and the Secretariat and, once the State under review
    opened the dialogue or one of its threads wider (``level``,
    ``widened``), to every State party's officials.  A scan of those rows
    is cheap beside the messages, which only the word index opens.
    """
    countries = mechanism["countries"]
    for row in mechanism[CYCLE_NAME].rows():
        country = countries.get(row.iso3)
        phase = country.phases.get(row.phase) if country is not None else None
        dialogue = phase.dialogue if phase is not None else None
        if dialogue is not None and request.has_permission(P.VIEW, dialogue):
            yield dialogue


def _candidates(dialogue: Dialogue, wanted: set[str]):
    """``(thread, message)`` numbers whose text used every word wanted."""
    found = None
    for word in wanted:
        keys = dialogue.words.get(word)
        if keys is None:
            return ()
        found = keys if found is None else intersection(found, keys)
    return found or ()


def _matching(text: str, needle: str) -> str | None:
    """The excerpt of ``text`` around ``needle`` if it holds it."""
    text = " ".join(text.split())
    return excerpt(text, needle) if needle in text.casefold() else None


def search(request, mechanism, query: str) -> tuple[list[Hit], bool]:
    """The messages the reader may read that hold ``query``, and whether
    there were more than :data:`LIMIT`."""
    wanted = words(query)
    needle = " ".join(query.split()).casefold()
    if not wanted or not needle:
        return [], False
    hits: list[Hit] = []
    for dialogue in _dialogues(request, mechanism):
        readable: dict[int, bool] = {}
        for number, index in _candidates(dialogue, wanted):
            thread = dialogue.thread(number)
            if thread is None:
                continue
            if number not in readable:
                readable[number] = bool(request.has_permission(P.VIEW, thread))
            message = thread.messages.get(index) if readable[number] else None
            if message is None:
                continue
            excerpt = _matching(message.text, needle)
            if excerpt is None and index == 1:
                # The title is indexed with every message; the thread is
                # found by its first one.
                excerpt = _matching(thread.title, needle)
            if excerpt is not None:
                hits.append(Hit(thread, message, excerpt))
                if len(hits) > LIMIT:
                    return hits[:LIMIT], True
    return hits, False
