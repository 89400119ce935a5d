"""Search the responses a reader may see (SECURITY.md §11).

The candidates are the submitted self-assessments whose words hold every
word of the query (:mod:`.catalog`), and the working answers of the
reader's own State (for the Secretariat, of the State it names).  Each
candidate is read in the version the reader may see (the working answers
for the State's officials and the Secretariat, else the last submission,
else nothing) and kept only when that version contains the query.
Chinese and Japanese text has no spaces: each CJK character is a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from BTrees.OOBTree import OOTreeSet

from .access import own_state, visible_values
from .catalog import assessment_at, catalog_of, key_of, words_of, working_keys

_WORD = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[^\W\u3400-\u9fff\uf900-\ufaff]+")
#: Results shown for one query; a query finding more asks to be narrowed.
LIMIT = 50


def words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def index(mechanism, assessment, value) -> None:
    key = key_of(assessment)
    catalog = catalog_of(mechanism).words
    for word in words(value.words()):
        found = catalog.get(word)
        if found is None:
            found = catalog[word] = OOTreeSet()
        if key not in found:
            found.add(key)


@dataclass(frozen=True)
class Hit:
    assessment: object
    question: object
    excerpt: str
    submitted: bool  # the hit is in the submitted version


def excerpt(text: str, query: str, width: int = 80) -> str:
    # Found in the folded text, cut from the original: folding may change
    # lengths (ß → ss), so each folded character remembers where it came from.
    folded, origin = [], []
    for index, char in enumerate(text):
        piece = char.casefold()
        folded.append(piece)
        origin.extend([index] * len(piece))
    at = "".join(folded).find(query)
    at = origin[at] if at >= 0 else 0
    start = max(at - width, 0)
    end = min(at + len(query) + width, len(text))
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def search(
    request, mechanism, query: str, state: str | None = None
) -> tuple[list[Hit], bool]:
    """The hits the reader may see, and whether there were more.

    ``state``: whose working answers to search besides the reader's own
    State's (the Secretariat names one; for others it changes nothing,
    since they may not read another State's drafts).
    """
    wanted = words(query)
    needle = " ".join(query.split()).casefold()
    if not wanted or not needle:
        return [], False
    catalog = words_of(mechanism)
    candidates = None
    for word in wanted:
        found = set(catalog.get(word, ()))
        candidates = found if candidates is None else candidates & found
    candidates = (candidates or set()) | working_keys(mechanism, own_state(request))
    if state:
        candidates |= working_keys(mechanism, state)
    hits = []
    for key in sorted(candidates):
        assessment = assessment_at(mechanism, key)
        if assessment is None:
            continue
        values, submitted = visible_values(request, assessment)
        for question in assessment.questions if values else ():
            text = (
                " ".join(values.get(question.id).words().split())
                if (question.id in values)
                else ""
            )
            if needle in text.casefold():
                hits.append(Hit(assessment, question, excerpt(text, needle), submitted))
                if len(hits) > LIMIT:
                    return hits[:LIMIT], True
    return hits, False
