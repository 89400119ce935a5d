"""Back-links from legislation records to the answers citing them.

A record's page lists the submitted answers that cite it (indexed when
submitted) and the working answers of the reader's own State, each only to
a reader who may see that answer in a version that cites it
(:mod:`.search` decides the version, as for search results).
"""

from __future__ import annotations

from BTrees.OOBTree import OOTreeSet

from .access import own_state, visible_values
from .catalog import assessment_at, catalog_of, cited_of, key_of, working_keys


def cite(mechanism, assessment, question_id: str, value) -> None:
    cited = catalog_of(mechanism).cited
    entry = (*key_of(assessment), question_id)
    for record_id in value.legislation:
        found = cited.get(record_id)
        if found is None:
            found = cited[record_id] = OOTreeSet()
        if entry not in found:
            found.add(entry)


def citing(request, mechanism, record_id: str) -> list[tuple]:
    """``(self-assessment, question, submitted)`` the reader may see."""
    keys = {e[:3] for e in cited_of(mechanism).get(record_id, ())}
    keys |= working_keys(mechanism, own_state(request))
    found = []
    for key in sorted(keys):
        assessment = assessment_at(mechanism, key)
        if assessment is None:
            continue
        values, submitted = visible_values(request, assessment)
        for question in assessment.questions if values else ():
            value = values.get(question.id)
            if value is not None and record_id in value.legislation:
                found.append((assessment, question, submitted))
    return found
