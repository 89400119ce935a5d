"""Drafting, releasing and answering written feedback (¶35)."""

from __future__ import annotations

from datetime import date

import pytest

from sherloc_portal.forms import ActionRefused
from sherloc_review.feedback.items import (
    add_item,
    answer,
    release,
    revise_item,
    withdraw_item,
)
from sherloc_review.versioned import Stale

TODAY = date(2026, 12, 1)


def _article(italy, instrument="UNTOC"):
    return italy.responses[instrument].questions[0].article


def test_drafters_save_over_the_revision_they_read(italy):
    syr = italy.feedback["SYR"]
    item = add_item(
        syr, "UNTOC", _article(italy), "question", "First text", "expert-syr"
    )
    revise_item(syr, item.number, "Second text", "focal-syr", base=1)
    with pytest.raises(Stale) as stale:
        revise_item(syr, item.number, "Lost?", "expert-syr", base=1)
    assert stale.value.current.text == "Second text"
    assert [v.text for v in item.versions] == ["First text", "Second text"]
    withdraw_item(syr, item.number, base=2)
    assert item.withdrawn and item not in syr.live_items()
    with pytest.raises(KeyError):
        revise_item(syr, item.number, "again", "expert-syr", base=2)


def test_items_are_checked(italy):
    syr = italy.feedback["SYR"]
    with pytest.raises(ActionRefused) as err:
        add_item(
            syr, "FIREARMS", "", "question", "SYR does not review it", "expert-syr"
        )
    assert err.value.field == "instrument"
    with pytest.raises(ActionRefused) as err:
        add_item(syr, "UNTOC", "999", "question", "x", "expert-syr")
    assert err.value.field == "article"
    with pytest.raises(ActionRefused) as err:
        add_item(syr, "UNTOC", "", "opinion", "x", "expert-syr")
    assert err.value.field == "kind"


def test_the_last_release_moves_the_phase_to_the_dialogue(mechanism, italy):
    assert italy.state == "feedback"
    syr, omn = italy.feedback["SYR"], italy.feedback["OMN"]
    first = release(mechanism, syr, "focal-syr", TODAY, "key-1")
    assert syr.status == "released" and italy.state == "feedback"
    assert release(mechanism, syr, "focal-syr", TODAY, "key-1") is first  # same act
    with pytest.raises(ActionRefused):
        release(mechanism, syr, "focal-syr", TODAY, "key-2")
    with pytest.raises(ActionRefused):  # nothing written yet
        release(mechanism, omn, "focal-omn", TODAY, "key-3")
    add_item(omn, "FIREARMS", "", "success", "Well done", "expert-omn")
    release(mechanism, omn, "focal-omn", TODAY, "key-3")
    assert italy.state == "dialogue" and italy.feedback_received == TODAY
    assert italy.steps[-1].note == "written feedback released"
    with pytest.raises(ActionRefused):  # released feedback no longer changes
        add_item(syr, "UNTOC", "", "success", "late", "expert-syr")


def test_the_state_under_review_answers_requests_in_place(italy):
    prt = italy.feedback["PRT"]
    assert prt.open_items() == 1
    request = next(i for i in prt.items.values() if i.is_request)
    statement = next(i for i in prt.items.values() if not i.is_request)
    answer(prt, request.number, "Our answer", "expert-ita", base=0)
    assert prt.open_items() == 0 and request.reply.text == "Our answer"
    with pytest.raises(Stale):
        answer(prt, request.number, "Other answer", "focal-ita", base=0)
    with pytest.raises(ActionRefused):
        answer(prt, statement.number, "Not a request", "expert-ita", base=0)
    with pytest.raises(KeyError):  # a draft is not answered
        answer(italy.feedback["SYR"], 1, "x", "expert-ita", base=0)


def test_a_wrong_base_on_an_unsaved_answer_is_stale_against_nothing(italy):
    prt = italy.feedback["PRT"]
    request = next(i for i in prt.items.values() if i.is_request)
    with pytest.raises(Stale) as stale:
        answer(prt, request.number, "An answer", "expert-ita", base=3)
    assert (stale.value.current.number, stale.value.current.text) == (0, "")
    assert request.reply.versions == ()
