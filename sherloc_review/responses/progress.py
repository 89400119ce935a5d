"""How far the answers are: answered / total, per instrument and phase.

A question counts as answered once its closed answer is given; the
follow-ups are what the answer then asks for.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    answered: int
    total: int

    def __add__(self, other: Progress) -> Progress:
        return Progress(self.answered + other.answered, self.total + other.total)


def of_assessment(assessment) -> Progress:
    answered = sum(1 for a in assessment.answers.values() if a.value.answered)
    return Progress(answered, len(assessment.questions))


def of_phase(phase) -> Progress:
    total = Progress(0, 0)
    for assessment in phase.responses.values() if phase.responses else ():
        total += of_assessment(assessment)
    return total


def unanswered(assessment) -> list:
    return [
        q for q in assessment.questions if not assessment.answers[q.id].value.answered
    ]
