"""Two experts at once, on two real ZODB connections (issue 4).

Each connection has its own transaction manager, as two server threads
would: both read the same revision, then both write.
"""

from __future__ import annotations

import contextlib

import pytest
import transaction
from transaction.interfaces import NoTransaction
from ZODB.POSException import ConflictError

from sherloc_portal.forms import ActionRefused
from sherloc_portal.resources.root import ROOT_KEY
from sherloc_review.responses.answers import StaleAnswer, save
from sherloc_review.responses.resources import AnswerValue
from sherloc_review.responses.submit import submit


class Session:
    """One connection with its own transaction manager."""

    def __init__(self, db) -> None:
        self.tm = transaction.TransactionManager(explicit=True)
        self.tm.begin()
        self.conn = db.open(transaction_manager=self.tm)

    def phase(self):
        return self.conn.root()[ROOT_KEY]["review"]["countries"]["KEN"].phases[1]

    def untoc(self):
        return self.phase().responses["UNTOC"]

    def retry(self, work):
        """Abort, begin again on fresh data, and redo ``work`` (pyramid_retry)."""
        self.tm.abort()
        self.tm.begin()
        return work()

    def close(self):
        with contextlib.suppress(NoTransaction):  # committed, not begun again
            self.tm.abort()
        self.conn.close()


@pytest.fixture
def two(db):
    sessions = Session(db), Session(db)
    yield sessions
    for s in sessions:
        s.close()


def _two_unanswered(assessment) -> tuple[str, str]:
    free = [q.id for q in assessment.questions if not assessment.answers[q.id].revision]
    return free[0], free[1]


def test_different_questions_saved_at_once_both_keep_their_work(two, db):
    a, b = two
    first, second = _two_unanswered(a.untoc())
    save(a.untoc(), first, AnswerValue(closed="yes", text="A's text"), 0, "expert-ken")
    save(b.untoc(), second, AnswerValue(closed="no", text="B's text"), 0, "focal-ken")
    a.tm.commit()
    b.tm.commit()  # no conflict: different Answer objects
    check = Session(db)
    try:
        answers = check.untoc().answers
        assert answers[first].value.text == "A's text"
        assert answers[second].value.text == "B's text"
    finally:
        check.close()


def test_the_same_question_saved_at_once_tells_the_later_writer(two, db):
    a, b = two
    question, _other = _two_unanswered(a.untoc())
    save(
        a.untoc(), question, AnswerValue(closed="yes", text="A's text"), 0, "expert-ken"
    )
    save(b.untoc(), question, AnswerValue(closed="no", text="B's text"), 0, "focal-ken")
    a.tm.commit()
    with pytest.raises(ConflictError):
        b.tm.commit()
    # The retry (as pyramid_retry would) finds A's revision and refuses.
    with pytest.raises(StaleAnswer) as stale:
        b.retry(
            lambda: save(
                b.untoc(),
                question,
                AnswerValue(closed="no", text="B's text"),
                0,
                "focal-ken",
            )
        )
    assert stale.value.current.value.text == "A's text"
    assert stale.value.current.by == "expert-ken"


def test_submitting_the_last_two_instruments_at_once_still_advances_the_phase(
    two, db, clock
):
    a, b = two
    drafts = [i for i, s in a.phase().responses.items() if s.status == "draft"]
    # Submit all but two, committed, then the last two on two connections.
    for instrument in drafts[:-2]:
        submit(
            a.phase().responses[instrument],
            "focal-ken",
            clock.today(),
            "k-" + instrument,
            False,
        )
    a.tm.commit()
    a.tm.begin()
    b.tm.abort()
    b.tm.begin()
    last_a, last_b = drafts[-2:]
    submit(a.phase().responses[last_a], "focal-ken", clock.today(), "ka", False)
    submit(b.phase().responses[last_b], "focal-ken", clock.today(), "kb", False)
    assert a.phase().state == b.phase().state == "self_assessment"
    a.tm.commit()
    with pytest.raises(ConflictError):  # readCurrent of the other instrument
        b.tm.commit()
    b.retry(
        lambda: submit(
            b.phase().responses[last_b], "focal-ken", clock.today(), "kb", False
        )
    )
    b.tm.commit()
    check = Session(db)
    try:
        assert check.phase().state == "feedback"
        assert check.phase().responses_received == clock.today()
    finally:
        check.close()


def test_a_save_racing_a_submission_cannot_land_outside_the_frozen_version(
    two, db, clock
):
    a, b = two
    question = next(
        q.id for q in a.untoc().questions if not a.untoc().answers[q.id].revision
    )
    save(a.untoc(), question, AnswerValue(closed="yes", text="late text"), 0, "expert")
    submit(b.untoc(), "focal-ken", clock.today(), "kb", False)
    b.tm.commit()
    with pytest.raises(ConflictError):  # the save read the draft status
        a.tm.commit()
    with pytest.raises(ActionRefused):  # retried: the responses are frozen
        a.retry(
            lambda: save(
                a.untoc(), question, AnswerValue(closed="yes", text="late"), 0, "expert"
            )
        )


def test_a_save_committed_just_before_a_submission_makes_it_retry(two, db, clock):
    a, b = two
    question = next(
        q.id for q in a.untoc().questions if not a.untoc().answers[q.id].revision
    )
    submit(b.untoc(), "focal-ken", clock.today(), "kb", False)  # reads the answers
    save(a.untoc(), question, AnswerValue(closed="yes", text="just in"), 0, "expert")
    a.tm.commit()
    with pytest.raises(ConflictError):  # the answer it froze changed
        b.tm.commit()
    b.retry(lambda: submit(b.untoc(), "focal-ken", clock.today(), "kb", False))
    b.tm.commit()
    check = Session(db)
    try:
        assert check.untoc().submitted.value(question).text == "just in"
    finally:
        check.close()
