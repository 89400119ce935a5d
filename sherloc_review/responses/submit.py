"""Submitting the responses (¶20, ¶34): a frozen version, once.

The focal point submits (or the Secretariat, on the State's request, which
is recorded as such).  The act carries an idempotency key: the same key
sent again after a lost answer returns the same submission instead of
refusing or acting twice.  When the last instrument of the phase is
submitted, the phase records that the responses were received, which
starts the reviewers' time frame (¶35).
"""

from __future__ import annotations

import time
from datetime import date

from sherloc_portal.forms import ActionRefused

from ..cycle.steps import advance
from ..i18n import _
from ..reports.index import record_responses
from . import citations, search
from .access import mechanism_of, read_current
from .resources import DRAFT, SUBMITTED, SelfAssessment, Submission


def submit(
    assessment: SelfAssessment,
    by: str,
    today: date,
    key: str,
    on_behalf: bool,
    requested_by: str = "",
) -> Submission:
    """``requested_by``: who in the State asked the Secretariat to act."""
    last = assessment.submitted
    if assessment.status != DRAFT:
        if last is not None and key and last.key == key:
            return last
        raise ActionRefused(_("These responses were submitted already."))
    phase = assessment.phase
    if phase.state != "self_assessment":
        raise ActionRefused(
            _("This phase is past the self-assessment; nothing more is submitted.")
        )
    for answer in assessment.answers.values():
        # A save committed meanwhile would be left out of the frozen version.
        read_current(answer)
    submission = Submission(
        number=len(assessment.submissions) + 1,
        on=today.isoformat(),
        at=time.time(),
        by=by,
        on_behalf=bool(on_behalf),
        questionnaire_version=assessment.questionnaire_version,
        values=tuple(
            (q.id, assessment.answers[q.id].value) for q in assessment.questions
        ),
        key=key,
        requested_by=requested_by,
    )
    assessment.submissions = (*assessment.submissions, submission)
    assessment.status = SUBMITTED
    mechanism = mechanism_of(assessment)
    record_responses(mechanism, assessment)
    for question_id, value in submission.values:
        search.index(mechanism, assessment, value)
        citations.cite(mechanism, assessment, question_id, value)
    others = [a for a in phase.responses.values() if a is not assessment]
    for other in others:
        # Two instruments submitted at once must not both miss the last one.
        read_current(other)
    if all(o.status == SUBMITTED for o in others):
        advance(
            mechanism,
            phase,
            by,
            today,
            "responses submitted",
        )
    return submission
