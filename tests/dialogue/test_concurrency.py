"""Two writers at once on two real ZODB connections: nothing lost.

Each connection has its own transaction manager, as two server threads
would; a ConflictError is what pyramid_tm retries.
"""

from __future__ import annotations

from datetime import date

import pytest
from ZODB.POSException import ConflictError

from sherloc_portal.forms import ActionRefused
from sherloc_portal.resources.root import ROOT_KEY
from sherloc_review.dialogue.resources import Topic
from sherloc_review.dialogue.threads import post, start_thread
from sherloc_review.feedback.items import add_item, answer, release

from ..responses.test_concurrency import Session
from .conftest import Author

TODAY = date(2026, 12, 1)


def italy(session):
    return session.conn.root()[ROOT_KEY]["review"]["countries"]["ITA"].phases[1]


@pytest.fixture
def two(db):
    sessions = Session(db), Session(db)
    yield sessions
    for s in sessions:
        s.close()


def test_two_posts_at_once_both_land_numbered_in_turn(two):
    a, b = two
    post(italy(a).dialogue.threads[1], "from ITA", Author("focal-ita", "ITA"))
    post(italy(b).dialogue.threads[1], "from PRT", Author("expert-prt", "PRT"))
    a.tm.commit()
    with pytest.raises(ConflictError):
        b.tm.commit()
    b.retry(
        lambda: post(
            italy(b).dialogue.threads[1], "from PRT", Author("expert-prt", "PRT")
        )
    )
    b.tm.commit()
    a.tm.begin()
    thread = italy(a).dialogue.threads[1]
    assert [m.text for m in thread.messages.values()][-2:] == ["from ITA", "from PRT"]
    assert thread.count() == 4


def test_two_new_threads_at_once_take_different_numbers(two):
    a, b = two
    start_thread(italy(a).dialogue, "A", Topic(), "a", Author("focal-ita", "ITA"))
    start_thread(italy(b).dialogue, "B", Topic(), "b", Author("focal-prt", "PRT"))
    a.tm.commit()
    with pytest.raises(ConflictError):
        b.tm.commit()
    b.retry(
        lambda: start_thread(
            italy(b).dialogue, "B", Topic(), "b", Author("focal-prt", "PRT")
        )
    )
    b.tm.commit()
    a.tm.begin()
    assert [t.title for t in italy(a).dialogue.threads.values()][-2:] == ["A", "B"]


def test_the_two_last_releases_at_once_still_move_the_phase(two):
    a, b = two
    # SYR drafts already (the demo); OMN, the additional reviewer, writes one.
    add_item(italy(a).feedback["OMN"], "FIREARMS", "", "success", "ok", "expert-omn")
    a.tm.commit()
    a.tm.begin()
    b.tm.abort()
    b.tm.begin()
    mech_a = a.conn.root()[ROOT_KEY]["review"]
    mech_b = b.conn.root()[ROOT_KEY]["review"]
    release(mech_a, italy(a).feedback["SYR"], "focal-syr", TODAY, "k1")
    release(mech_b, italy(b).feedback["OMN"], "focal-omn", TODAY, "k2")
    a.tm.commit()
    with pytest.raises(ConflictError):
        b.tm.commit()
    b.retry(lambda: release(mech_b, italy(b).feedback["OMN"], "focal-omn", TODAY, "k2"))
    b.tm.commit()
    a.tm.begin()
    assert italy(a).state == "dialogue"


def test_a_save_racing_a_release_is_refused_not_left_out(two):
    a, b = two
    mech_a = a.conn.root()[ROOT_KEY]["review"]
    release(mech_a, italy(a).feedback["SYR"], "focal-syr", TODAY, "k1")
    add_item(italy(b).feedback["SYR"], "UNTOC", "", "question", "late", "expert-syr")
    a.tm.commit()
    with pytest.raises(ConflictError):
        b.tm.commit()
    with pytest.raises(ActionRefused):
        b.retry(
            lambda: add_item(
                italy(b).feedback["SYR"], "UNTOC", "", "question", "late", "expert-syr"
            )
        )


def test_an_answer_racing_the_conclusion_is_refused_not_archived(two):
    a, b = two
    prt = italy(b).feedback["PRT"]
    number = next(i.number for i in prt.items.values() if i.is_request)
    italy(a).state = "concluded"
    answer(prt, number, "late answer", "expert-ita", base=0)
    a.tm.commit()
    with pytest.raises(ConflictError):
        b.tm.commit()
    with pytest.raises(ActionRefused):
        b.retry(
            lambda: answer(
                italy(b).feedback["PRT"], number, "late answer", "expert-ita", base=0
            )
        )


def test_a_draft_saved_as_the_phase_moves_on_is_refused(two):
    a, b = two
    italy(a).state = "dialogue"
    add_item(italy(b).feedback["SYR"], "UNTOC", "", "question", "late", "expert-syr")
    a.tm.commit()
    with pytest.raises(ConflictError):
        b.tm.commit()
    with pytest.raises(ActionRefused):
        b.retry(
            lambda: add_item(
                italy(b).feedback["SYR"], "UNTOC", "", "question", "late", "expert-syr"
            )
        )
