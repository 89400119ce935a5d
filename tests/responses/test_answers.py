"""Saving answers: revisions, refusals, no silent overwrite (issue 4)."""

from __future__ import annotations

import pytest

from sherloc_portal.forms import ActionRefused
from sherloc_review.responses.answers import StaleAnswer, save
from sherloc_review.responses.progress import of_assessment, of_phase, unanswered
from sherloc_review.responses.resources import AnswerValue, Reuse

from .conftest import unanswered_id


def test_each_save_is_a_revision_with_who_and_when(untoc):
    qid = unanswered_id(untoc)
    first = save(untoc, qid, AnswerValue(closed="yes", text="one"), 0, "expert-ken")
    second = save(untoc, qid, AnswerValue(closed="partly", text="two"), 1, "focal-ken")
    # (different writers: each keeps its revision in the history)
    answer = untoc.answers[qid]
    assert (first.number, second.number, answer.revision) == (1, 2, 2)
    assert [(r.by, r.value.text) for r in answer.history] == [
        ("expert-ken", "one"),
        ("focal-ken", "two"),
    ]
    assert answer.value.closed == "partly"
    assert not second.on_behalf


def test_one_writers_saves_in_a_sitting_are_one_revision_in_the_history(untoc):
    qid = unanswered_id(untoc)
    save(untoc, qid, AnswerValue(text="draft"), 0, "expert-ken")
    save(untoc, qid, AnswerValue(text="draft, typed on"), 1, "expert-ken")
    answer = untoc.answers[qid]
    assert answer.revision == 2  # others based on revision 1 are still told
    assert [(r.number, r.value.text) for r in answer.history] == [
        (2, "draft, typed on")
    ]
    save(untoc, qid, AnswerValue(text="the focal point's"), 2, "focal-ken")
    assert [r.number for r in answer.history] == [2, 3]


def test_a_save_based_on_an_older_revision_is_refused_with_the_other_text(untoc):
    qid = unanswered_id(untoc)
    save(untoc, qid, AnswerValue(closed="yes", text="theirs"), 0, "expert-ken")
    with pytest.raises(StaleAnswer) as stale:
        save(untoc, qid, AnswerValue(closed="no", text="mine"), 0, "focal-ken")
    assert stale.value.current.value.text == "theirs"
    assert stale.value.current.by == "expert-ken"
    assert untoc.answers[qid].value.text == "theirs"


def test_saving_the_same_value_again_records_nothing(untoc):
    qid = unanswered_id(untoc)
    value = AnswerValue(closed="yes", text="same")
    save(untoc, qid, value, 0, "focal-ken")
    again = save(untoc, qid, value, 1, "focal-ken")
    assert again.number == 1 and len(untoc.answers[qid].history) == 1


def _follow_up(untoc, answer: str, asked: bool):
    for question in untoc.questions:
        for follow_up in question.follow_ups:
            if (answer in follow_up.when) == asked:
                return question, follow_up
    raise AssertionError("no such follow-up in the questionnaire")


def test_a_follow_up_not_asked_for_the_answer_is_refused_not_dropped(untoc):
    question, follow_up = _follow_up(untoc, "no", asked=False)
    value = AnswerValue(closed="no", follow_ups=((follow_up.id, "text"),))
    with pytest.raises(ActionRefused) as refused:
        save(untoc, question.id, value, untoc.answers[question.id].revision, "x")
    assert refused.value.field == f"follow_ups.{follow_up.id}"


def test_unknown_closed_answers_follow_ups_records_and_files_are_refused(untoc):
    qid = unanswered_id(untoc)
    for value, field in (
        (AnswerValue(closed="maybe"), "closed"),
        (
            AnswerValue(closed="yes", follow_ups=(("nonsense", "x"),)),
            "follow_ups.nonsense",
        ),
        (AnswerValue(closed="yes", legislation=("no-such-record",)), "legislation"),
        (AnswerValue(closed="yes", attachments=("no-such-file",)), "attachments"),
        (AnswerValue(closed="yes", text="x" * 20_001), "text"),
    ):
        with pytest.raises(ActionRefused) as refused:
            save(untoc, qid, value, 0, "focal-ken")
        assert refused.value.field == field
    assert untoc.answers[qid].revision == 0


def test_an_unknown_question_is_refused(untoc):
    with pytest.raises(ActionRefused):
        save(untoc, "I-UNTOC-999", AnswerValue(closed="yes"), 0, "focal-ken")


def test_progress_counts_closed_answers_per_instrument_and_phase(kenya, untoc):
    before = of_assessment(untoc)
    phase_before = of_phase(kenya)
    qid = unanswered_id(untoc)
    save(untoc, qid, AnswerValue(text="a note, no closed answer yet"), 0, "x")
    assert of_assessment(untoc) == before
    save(untoc, qid, AnswerValue(closed="no"), 1, "x")
    assert of_assessment(untoc).answered == before.answered + 1
    assert of_assessment(untoc).total == len(untoc.questions)
    assert of_phase(kenya).answered == phase_before.answered + 1
    assert qid not in {q.id for q in unanswered(untoc)}


def test_a_reused_answer_keeps_its_source_and_update(untoc):
    qid = unanswered_id(untoc)
    reuse = Reuse("uncac", "UNCAC review of Kenya, cycle 2, art. 23", "")
    save(untoc, qid, AnswerValue(closed="yes", reuse=reuse), 0, "focal-ken")
    assert untoc.answers[qid].value.reuse.source == "uncac"
    assert "UNCAC review" in untoc.answers[qid].value.words()
