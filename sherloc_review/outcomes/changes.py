"""What changed between two versions of a list: entry by entry."""

from __future__ import annotations

from ..responses.diff import word_diff

#: The fields of an entry besides its text whose change a reader is shown.
FIELDS = ("place", "kind", "need", "priority", "cites")


def _value(entry, field: str):
    if field == "place":
        return (entry.instrument, entry.article)
    return getattr(entry, field)


def compare(old, new) -> list[dict]:
    """For each entry of either version, in number order: ``added``,
    ``removed``, ``changed`` (with a word diff of the text and the other
    fields that changed) or ``same``."""
    before = {e.number: e for e in (old.entries if old is not None else ())}
    after = {e.number: e for e in new.entries}
    rows = []
    for number in sorted(before.keys() | after.keys()):
        a, b = before.get(number), after.get(number)
        if a is None:
            rows.append({"number": number, "change": "added", "entry": b})
        elif b is None:
            rows.append({"number": number, "change": "removed", "entry": a})
        elif a.revision == b.revision:
            rows.append({"number": number, "change": "same", "entry": b})
        else:
            rows.append(
                {
                    "number": number,
                    "change": "changed",
                    "entry": b,
                    "diff": word_diff(a.text, b.text),
                    "fields": [
                        (f, _value(a, f), _value(b, f))
                        for f in FIELDS
                        if _value(a, f) != _value(b, f)
                    ],
                }
            )
    return rows
