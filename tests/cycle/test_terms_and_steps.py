"""Agreed time frames and languages (¶31, ¶34, ¶35, ¶50) and the steps' dates."""

from __future__ import annotations

from datetime import date

import pytest

from sherloc_portal.forms import ActionRefused
from sherloc_review.cycle.gate import open_next_phase
from sherloc_review.cycle.steps import advance
from sherloc_review.cycle.terms import agree, propose

from .conftest import group_of

OPENED = date(2027, 1, 15)


@pytest.fixture
def phase(mechanism):
    open_next_phase(mechanism, "1", OPENED, "secretariat")
    iso3 = group_of(mechanism, "1")[0]
    return mechanism["countries"][iso3].phases[1]


def _propose(mechanism, phase, by=None, on=OPENED, **values):
    terms = {"responses_months": 4, "feedback_months": 5, "languages": {"en", "fr"}}
    terms.update(values)
    return propose(mechanism, phase, by or phase.country.iso3, "focal", on, **terms)


def _message(refused) -> str:
    return refused.value.message.interpolate()


def test_until_agreed_each_time_frame_is_six_months(phase):
    assert phase.responses_due == date(2027, 7, 15)
    assert phase.owed().item == "responses"
    assert phase.feedback_due is None


def test_terms_are_in_force_only_when_every_party_agreed(mechanism, phase):
    index = mechanism["cycle"].index
    proposal = _propose(mechanism, phase)
    assert phase.terms is None and phase.proposal == proposal
    assert phase.responses_due == date(2027, 7, 15)
    reviewers = [r.state for r in phase.country.reviewers]
    for iso3 in reviewers[:-1]:
        agree(mechanism, phase, iso3, OPENED)
        assert phase.terms is None
    agree(mechanism, phase, reviewers[-1], OPENED)
    assert phase.proposal is None and phase.terms.agreed_by[0] == phase.country.iso3
    assert phase.responses_due == date(2027, 5, 15)
    assert phase.languages == ("en", "fr")
    assert index[(phase.country.iso3, 1)].responses_due == date(2027, 5, 15)


def test_a_party_agrees_once(mechanism, phase):
    _propose(mechanism, phase)
    with pytest.raises(ActionRefused, match="already"):
        agree(mechanism, phase, phase.country.iso3, OPENED)


def test_a_new_proposal_replaces_the_pending_one_and_its_agreements(mechanism, phase):
    _propose(mechanism, phase)
    reviewer = phase.country.reviewers[0].state
    agree(mechanism, phase, reviewer, OPENED)
    second = _propose(mechanism, phase, by=reviewer, responses_months=6)
    assert second.number == 2 and second.agreed_by == (reviewer,)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"responses_months": 7}, "responses_months"),
        ({"feedback_months": 0}, "feedback_months"),
        ({"languages": set()}, "languages"),
        ({"languages": {"en", "la"}}, "languages"),
        ({"languages": {"en", "fr", "es", "ru"}}, "languages"),
        ({"languages": {"en", "fr", "es"}}, "reason"),
    ],
)
def test_terms_outside_the_rules_are_refused(mechanism, phase, values, field):
    with pytest.raises(ActionRefused) as refused:
        _propose(mechanism, phase, **values)
    assert refused.value.field == field
    assert phase.proposal is None


def test_three_languages_with_a_recorded_reason(mechanism, phase):
    terms = _propose(
        mechanism, phase, languages={"ar", "en", "fr"}, reason="Three legal systems"
    )
    assert (
        terms.languages == ("ar", "en", "fr") and terms.reason == "Three legal systems"
    )


def test_a_time_frame_that_would_have_ended_is_refused(mechanism, phase):
    with pytest.raises(ActionRefused) as refused:
        _propose(mechanism, phase, on=date(2027, 3, 1), responses_months=1)
    assert refused.value.field == "responses_months"
    assert "ended" in _message(refused)


def test_receiving_the_responses_starts_the_reviewers_six_months(mechanism, phase):
    step = advance(mechanism, phase, "secretariat", date(2027, 6, 30))
    assert (step.source, step.target) == ("self_assessment", "feedback")
    assert phase.responses_received == date(2027, 6, 30)
    assert phase.owed().item == "feedback"
    assert phase.feedback_due == date(2027, 12, 30)
    row = mechanism["cycle"].index[(phase.country.iso3, 1)]
    assert (row.state, row.responses_due, row.feedback_due) == (
        "feedback",
        None,
        date(2027, 12, 30),
    )


def test_terms_stop_changing_once_the_feedback_is_in(mechanism, phase):
    advance(mechanism, phase, "secretariat", OPENED)
    advance(mechanism, phase, "secretariat", OPENED)
    with pytest.raises(ActionRefused, match="no longer"):
        _propose(mechanism, phase)


def test_no_step_is_dated_before_the_phase_opened_or_after_conclusion(mechanism, phase):
    with pytest.raises(ActionRefused, match="before"):
        advance(mechanism, phase, "secretariat", date(2027, 1, 14))
    for _ in range(5):
        advance(mechanism, phase, "secretariat", OPENED)
    assert phase.state == "concluded" and phase.concluded_on == OPENED
    assert [s.target for s in phase.steps][-1] == "concluded"
    with pytest.raises(ActionRefused, match="concluded"):
        advance(mechanism, phase, "secretariat", OPENED)


def test_the_responses_time_frame_is_frozen_once_they_are_in(mechanism, phase):
    advance(mechanism, phase, "secretariat", OPENED)
    with pytest.raises(ActionRefused) as refused:
        _propose(mechanism, phase, responses_months=3)
    assert refused.value.field == "responses_months"
    terms = _propose(mechanism, phase, responses_months=6, feedback_months=2)
    assert terms.feedback_months == 2
