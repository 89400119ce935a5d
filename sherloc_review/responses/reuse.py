"""Reuse (¶22): copy forward an answer the State submitted in an earlier
phase.  The copy is a new revision of the draft, marked as reused with its
source; the page flags it until the State states what changed since.
"""

from __future__ import annotations

from .resources import AnswerValue, Reuse


def earlier_answers(assessment) -> list[tuple]:
    """``(key, label, source self-assessment, question, value)`` of the
    answers the State submitted in earlier phases, for any instrument."""
    country = assessment.country
    found = []
    for number, phase in country.phases.items():
        if number >= assessment.phase.number or phase.responses is None:
            continue
        for instrument, earlier in phase.responses.items():
            submitted = earlier.submitted
            if submitted is None:
                continue
            for question in earlier.questions:
                value = submitted.value(question.id)
                if value.answered:
                    key = f"{number}:{instrument}:{question.id}"
                    found.append((key, earlier, question, value, submitted))
    return found


def copied(
    question, source_question, value: AnswerValue, phase_number: int, submitted_on: str
) -> AnswerValue:
    """The earlier answer as a draft of ``question``: the closed answer and
    the follow-ups this question also asks, the rest in the free text."""
    own = {f.id for f in question.follow_ups}
    follow_ups = tuple((k, t) for k, t in value.follow_ups if k in own)
    rest = [t for k, t in value.follow_ups if k not in own]
    text = "\n\n".join(p for p in (value.text, *rest) if p)
    return AnswerValue(
        closed=value.closed,
        follow_ups=follow_ups,
        text=text,
        legislation=value.legislation,
        reuse=Reuse(
            "earlier",
            f"phase {phase_number}, {source_question.id} (submitted {submitted_on})",
        ),
    )
