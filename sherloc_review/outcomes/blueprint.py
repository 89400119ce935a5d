"""The blueprint of the lists of observations and the summaries (¶15, ¶38).

For each provision under review a list says four things (¶13, ¶38): gaps
and challenges, best practices, suggestions, and technical-assistance
needs.  A need also says what kind of assistance would help and how
pressing it is, so that the Working Group on Technical Assistance can read
the needs of every review together (¶44).  The summary follows the same
four headings.
"""

from __future__ import annotations

from ..i18n import _
from ..states.resources import INSTRUMENTS

GAP = "gap"
PRACTICE = "practice"
SUGGESTION = "suggestion"
ASSISTANCE = "assistance"
KINDS = (GAP, PRACTICE, SUGGESTION, ASSISTANCE)
KIND_LABELS = {
    GAP: _("Gaps and challenges"),
    PRACTICE: _("Best practices"),
    SUGGESTION: _("Suggestions"),
    ASSISTANCE: _("Technical-assistance needs"),
}

#: Kinds of technical assistance a need asks for.
NEEDS = (
    "legislative",
    "institutional",
    "policy",
    "training",
    "data",
    "cooperation",
    "equipment",
    "other",
)
NEED_LABELS = {
    "legislative": _("Legislative assistance"),
    "institutional": _("Institution-building"),
    "policy": _("Policymaking"),
    "training": _("Capacity-building (training)"),
    "data": _("Research and data collection"),
    "cooperation": _("Facilitation of international cooperation"),
    "equipment": _("Technology and equipment"),
    "other": _("Other assistance"),
}

PRIORITIES = ("high", "medium", "low")
PRIORITY_LABELS = {
    "high": _("High priority"),
    "medium": _("Medium priority"),
    "low": _("Low priority"),
}


def _convention_first(instrument: str) -> tuple:
    """The Convention, then its Protocols in the order of their adoption."""
    known = instrument in INSTRUMENTS
    return (not known, INSTRUMENTS.index(instrument) if known else 0, instrument)


def provisions(phase) -> list[tuple[str, str]]:
    """``(instrument, article)`` under review in ``phase``, the Convention
    first, each in the order of its questionnaire; ``(instrument, "")``
    stands for the instrument as a whole (observations on no one article)."""
    found: list[tuple[str, str]] = []
    responses = phase.responses
    sections = dict(responses.items()) if responses is not None else {}
    for instrument in sorted(sections, key=_convention_first):
        assessment = sections[instrument]
        found.append((instrument, ""))
        for question in assessment.questions:
            if question.article and (instrument, question.article) not in found:
                found.append((instrument, question.article))
    return found
