"""A word-level diff of two texts, as parts a template marks up safely."""

from __future__ import annotations

import difflib
import re

_TOKEN = re.compile(r"\s+|[^\s]+")


#: Past this many words on a side, texts are compared line by line: a word
#: diff costs the product of the two lengths.
MAX_WORDS = 3000
_LINE = re.compile(r"[^\n]*\n|[^\n]+")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """``(kind, text)`` parts: ``same``, ``removed`` or ``added``."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    if max(len(a), len(b)) > MAX_WORDS:
        a, b = _LINE.findall(old), _LINE.findall(new)
    parts = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(("added", "".join(b[j1:j2])))
    return parts
