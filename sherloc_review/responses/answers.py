"""Saving one answer: checked, never lost, never silently overwritten.

Each save names the revision it was based on.  When someone else saved the
same question since, the save is refused with :class:`StaleAnswer`, which
carries what they saved, so the later writer sees the other text and
decides (the API answers 409, the form shows it).  Two experts saving
different questions write different :class:`~.resources.Answer` objects
and nothing else (no shared index: :mod:`.catalog` is written only on
submission), so they never conflict; a true race on one answer is a ZODB
conflict, retried, after which the retry finds the new revision and is
refused the same way.
"""

from __future__ import annotations

import time

from sherloc_portal.forms import ActionRefused

from ..i18n import _
from ..questionnaires.resources import CLOSED_ANSWERS
from .access import mechanism_of, still_draft
from .resources import DRAFT, AnswerValue, Revision, SelfAssessment

#: The longest text a field of an answer takes (characters).
MAX_TEXT = 20_000
#: Saves of one writer this close to its previous one replace it in the
#: history (autosave every few seconds would otherwise keep every keystroke).
MERGE_SECONDS = 10 * 60
#: The most legislation records and attachments one answer cites.
MAX_CITED = 50


class StaleAnswer(Exception):
    """The answer changed since the revision the save was based on."""

    def __init__(self, current: Revision) -> None:
        super().__init__(current.number)
        self.current = current


def check(assessment: SelfAssessment, question_id: str, value: AnswerValue) -> None:
    """Refuse what the question does not take, naming the field as the API
    does: ``closed``, ``text``, ``follow_ups.<id>``, ``legislation``,
    ``attachments``, ``reuse.reference``, ``reuse.update``."""
    question = assessment.question(question_id)
    if question is None:
        raise ActionRefused(_("This questionnaire has no such question."))
    if value.closed and value.closed not in CLOSED_ANSWERS:
        raise ActionRefused(_("Answer Yes, Yes in part or No."), "closed")
    for name, text in value.follow_ups:
        follow_up = question.follow_up(name)
        if follow_up is None:
            raise ActionRefused(
                _("This question has no such follow-up."), f"follow_ups.{name}"
            )
        if text and value.closed not in follow_up.when:
            raise ActionRefused(
                _(
                    "This follow-up is not asked for the answer chosen: clear it "
                    "or change the answer."
                ),
                f"follow_ups.{name}",
            )
    texts = [("text", value.text)]
    texts += [(f"follow_ups.{name}", text) for name, text in value.follow_ups]
    if value.reuse is not None:
        texts += [
            ("reuse.reference", value.reuse.reference),
            ("reuse.update", value.reuse.update),
        ]
    for name, text in texts:
        if len(text) > MAX_TEXT:
            raise ActionRefused(
                _(
                    "At most ${count} characters; split long material into an "
                    "attachment.",
                    mapping={"count": MAX_TEXT},
                ),
                name,
            )
    if len(value.legislation) > MAX_CITED or len(value.attachments) > MAX_CITED:
        raise ActionRefused(
            _("At most ${count} citations per answer.", mapping={"count": MAX_CITED})
        )
    records = mechanism_of(assessment).__parent__["knowledge"]["legislation"]
    unknown = [r for r in value.legislation if r not in records]
    if unknown:
        raise ActionRefused(
            _(
                "No legislation record has the id ${ids}.",
                mapping={"ids": ", ".join(unknown)},
            ),
            "legislation",
        )
    missing = [a for a in value.attachments if a not in assessment.attachments]
    if missing:
        raise ActionRefused(
            _("That attachment is not in this questionnaire."), "attachments"
        )


def save(
    assessment: SelfAssessment,
    question_id: str,
    value: AnswerValue,
    base: int,
    by: str,
    on_behalf: bool = False,
) -> Revision:
    """Save ``value`` as the answer to ``question_id`` if still at ``base``.

    Saving what is already there records nothing (an autosave repeating
    itself); the result is then the current revision.
    """
    if assessment.status != DRAFT:
        raise ActionRefused(
            _("These responses were submitted; they can no longer be changed.")
        )
    still_draft(assessment)
    check(assessment, question_id, value)
    answer = assessment.answers[question_id]
    if base != answer.revision:
        # A revision from the future (a forged or mistyped one) is as stale.
        raise StaleAnswer(answer.last or Revision(0, AnswerValue(), "", 0.0))
    if answer.last is not None and answer.last.value == value:
        return answer.last
    now = time.time()
    revision = Revision(answer.revision + 1, value, by, now, bool(on_behalf))
    last = answer.last
    if (
        last is not None
        and (last.by, last.on_behalf) == (by, revision.on_behalf)
        and now - last.at < MERGE_SECONDS
    ):
        # One writer's autosaves in a sitting are one revision in the
        # history; the number still moves on, so other writers see it.
        answer.history = (*answer.history[:-1], revision)
    else:
        answer.history = (*answer.history, revision)
    answer.revision = revision.number
    return revision
