"""Taking a phase's workflow one step forward, with the dates it sets.

Receiving the responses starts the reviewers' six months (¶35); each step
is recorded with its day and author.  The questionnaire, dialogue and
outcome modules call :func:`advance` when their work completes a step.
"""

from __future__ import annotations

from datetime import date

from sherloc_portal.forms import ActionRefused

from ..i18n import _
from .index import reindex
from .phases import PhaseReview, Step
from .workflow import CONCLUDED, next_state


def advance(
    mechanism, phase: PhaseReview, by: str, today: date, note: str = ""
) -> Step:
    target = next_state(phase.state)
    if target is None:
        raise ActionRefused(_("This phase of the review is concluded."))
    if today < phase.opened_on:
        raise ActionRefused(_("A step cannot be dated before the phase opened."))
    if phase.state == "self_assessment":
        phase.responses_received = today
    elif phase.state == "feedback":
        phase.feedback_received = today
    if target == CONCLUDED:
        phase.concluded_on = today
    step = Step(phase.state, target, today, by, note)
    phase.steps = (*phase.steps, step)
    phase.state = target
    reindex(mechanism, phase)
    return step
