"""The dialogue's word index, kept on each :class:`~.resources.Dialogue`.

word → the ``(thread, message)`` numbers whose text used it.  Written when
a message is posted or corrected, in that review's own dialogue only, so
the writers of one review never contend with another's.  Entries are
never removed (a correction's old words stay, as the old version does):
search re-reads the current text of every candidate and re-checks that the
reader may read its thread, so a stale entry can never show anything.
Chinese and Japanese text has no spaces: each CJK character is a word.
"""

from __future__ import annotations

from BTrees.OOBTree import OOTreeSet

from ..responses.search import words


def index(dialogue, thread, message) -> None:
    catalog = dialogue.words
    key = (thread.number, message.number)
    text = " ".join((thread.title, message.text))
    for word in words(text):
        found = catalog.get(word)
        if found is None:
            found = catalog[word] = OOTreeSet()
        if key not in found:
            found.add(key)
