"""Who may do what in the dialogue and the feedback, principal by principal."""

from __future__ import annotations

import pytest
from pyramid.authorization import ACLHelper, Authenticated, Everyone

from sherloc_review.dialogue.permissions import DialoguePermission as D
from sherloc_review.dialogue.resources import Topic
from sherloc_review.dialogue.threads import decide, start_thread
from sherloc_review.feedback.permissions import FeedbackPermission as F

from .conftest import Author

BASE = [Everyone, Authenticated, "user:someone"]


def official(iso3: str, role: str, party: bool = True) -> list[str]:
    found = [f"state:{iso3}", f"state:{iso3}:{role}", "role:state-official"]
    return BASE + found + (["role:state-party-official"] if party else [])


SECRETARIAT = [*BASE, "role:secretariat"]
NGO = [*BASE, "role:ngo"]
CHAIR = [*BASE, "role:chair"]


def allowed(context, principals, permission) -> bool:
    return bool(ACLHelper().permits(context, principals, permission))


def _firearms_thread(dialogue):
    article = dialogue.phase.responses["FIREARMS"].questions[0].article
    return start_thread(
        dialogue,
        "On firearms",
        Topic("FIREARMS", article),
        "text",
        Author("focal-ita", "ITA"),
    )


def test_participants_and_the_secretariat_read_and_write_a_general_thread(dialogue):
    thread = dialogue.threads[1]
    for who in (official("ITA", "focal"), official("PRT", "expert"), SECRETARIAT):
        assert allowed(thread, who, D.VIEW) and allowed(thread, who, D.POST)
    observer = official("ITA", "observer")
    assert allowed(thread, observer, D.VIEW) and not allowed(thread, observer, D.POST)
    assert allowed(thread, official("OMN", "expert"), D.VIEW)  # general: every reviewer


@pytest.mark.parametrize(
    "who",
    [official("FRA", "focal"), official("XXX", "focal", party=False), NGO, CHAIR, BASE],
)
def test_no_one_else_reads_anything(dialogue, italy, who):
    for context in (
        dialogue,
        dialogue.threads[1],
        italy.feedback,
        *italy.feedback.values(),
    ):
        for permission in (*D, *F):
            assert not allowed(context, who, permission), (context, permission)


def test_an_additional_reviewer_reads_only_its_instruments_threads(dialogue):
    firearms = _firearms_thread(dialogue)
    untoc = start_thread(
        dialogue, "On UNTOC", Topic("UNTOC"), "text", Author("focal-ita", "ITA")
    )
    assert allowed(firearms, official("OMN", "expert"), D.VIEW)
    assert not allowed(untoc, official("OMN", "expert"), D.VIEW)
    assert not allowed(firearms, official("SYR", "expert"), D.VIEW)  # no Firearms
    assert allowed(untoc, official("SYR", "expert"), D.POST)


def test_only_the_focal_point_of_the_state_under_review_decides(dialogue):
    thread = dialogue.threads[1]
    assert allowed(thread, official("ITA", "focal"), D.DECIDE)
    for who in (official("ITA", "expert"), official("PRT", "focal"), SECRETARIAT):
        assert not allowed(thread, who, D.DECIDE)


def test_a_decision_opens_one_thread_to_every_state_party(dialogue):
    first, second = dialogue.threads[1], dialogue.threads[2]
    outsider = official("FRA", "expert")
    decide(dialogue, "states-parties", "focal-ita", first)
    assert allowed(first, outsider, D.VIEW) and not allowed(first, outsider, D.POST)
    assert not allowed(second, outsider, D.VIEW)
    assert allowed(dialogue, outsider, D.VIEW)  # to list the opened thread
    assert not allowed(first, official("XXX", "focal", party=False), D.VIEW)
    assert not allowed(first, [*BASE], D.VIEW)  # never Everyone under /review
    decide(dialogue, "participants", "focal-ita", first)
    assert not allowed(first, outsider, D.VIEW)
    assert not allowed(dialogue, outsider, D.VIEW)


def test_a_concluded_phase_is_read_only(dialogue, italy):
    italy.state = "concluded"
    thread = dialogue.threads[1]
    for who in (official("ITA", "focal"), official("PRT", "expert"), SECRETARIAT):
        assert allowed(thread, who, D.VIEW) and not allowed(thread, who, D.POST)
    released = italy.feedback["PRT"]
    assert not allowed(released, official("ITA", "expert"), F.REPLY)
    assert allowed(released, official("ITA", "expert"), F.VIEW)


def test_a_draft_feedback_is_its_reviewers_and_the_secretariats(italy):
    draft = italy.feedback["SYR"]
    assert draft.status == "draft"
    assert allowed(draft, official("SYR", "expert"), F.EDIT)
    assert allowed(draft, official("SYR", "focal"), F.RELEASE)
    assert not allowed(draft, official("SYR", "expert"), F.RELEASE)
    assert not allowed(draft, official("SYR", "observer"), F.EDIT)
    assert allowed(draft, SECRETARIAT, F.VIEW_DRAFT)
    for who in (
        official("ITA", "focal"),
        official("PRT", "focal"),
        official("OMN", "focal"),
    ):
        assert not allowed(draft, who, F.VIEW) and not allowed(draft, who, F.VIEW_DRAFT)


def test_released_feedback_is_read_by_the_participants_and_answered_by_the_state(italy):
    released = italy.feedback["PRT"]
    assert released.status == "released"
    assert allowed(released, official("ITA", "expert"), F.REPLY)
    assert not allowed(released, official("ITA", "observer"), F.REPLY)
    assert not allowed(released, official("PRT", "expert"), F.EDIT)
    assert allowed(released, official("SYR", "expert"), F.VIEW)
    assert allowed(
        released, official("OMN", "expert"), F.VIEW
    )  # PRT reviews Firearms too
    assert not allowed(released, official("FRA", "focal"), F.VIEW)


def test_a_reviewer_redrawn_away_loses_its_feedback_and_the_dialogue(italy, dialogue):
    country = italy.country
    country.reviewers = tuple(r for r in country.reviewers if r.state != "PRT")
    released = italy.feedback["PRT"]
    assert not allowed(released, official("PRT", "focal"), F.VIEW)
    assert not allowed(released, official("PRT", "focal"), F.RELEASE)
    assert allowed(released, official("ITA", "expert"), F.VIEW)
    assert not allowed(released, official("ITA", "expert"), F.REPLY)
    assert not allowed(dialogue.threads[1], official("PRT", "expert"), D.VIEW)


def test_the_whole_dialogue_opened_to_states_parties_opens_the_released_feedback(
    dialogue, italy
):
    outsider = official("FRA", "expert")
    assert not allowed(italy.feedback, outsider, F.VIEW)
    decide(dialogue, "states-parties", "focal-ita")
    assert allowed(italy.feedback, outsider, F.VIEW)
    assert allowed(italy.feedback["PRT"], outsider, F.VIEW)
    assert not allowed(italy.feedback["SYR"], outsider, F.VIEW)  # a draft
    assert not allowed(italy.feedback["PRT"], outsider, F.REPLY)
