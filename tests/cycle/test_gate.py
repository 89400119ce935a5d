"""Opening phases: the planned month (¶15), the 70 % gate (¶10) and overrides."""

from __future__ import annotations

from datetime import date

import pytest

from sherloc_portal.forms import ActionRefused
from sherloc_review.cycle.gate import meter, open_next_phase
from sherloc_review.cycle.resources import Decision, Override
from sherloc_review.cycle.steps import advance
from sherloc_review.cycle.workflow import CONCLUDED

from .conftest import group_of

DAY = date(2027, 1, 15)


def conclude(mechanism, iso3s, on=DAY):
    countries = mechanism["countries"]
    for iso3 in iso3s:
        phase = countries[iso3].phases[max(countries[iso3].phases)]
        while phase.state != CONCLUDED:
            advance(mechanism, phase, "secretariat", on)


def test_opening_a_phase_opens_every_drawn_review_of_the_group_on_its_cluster(
    mechanism,
):
    members = group_of(mechanism, "1")
    opening = open_next_phase(mechanism, "1", DAY, "secretariat")
    assert opening.phase == 1 and sorted(opening.foreseen) == members
    cycle = mechanism["cycle"]
    clusters = {cycle.index[(iso3, 1)].cluster for iso3 in members}
    assert clusters == {"I"}  # ¶11: the whole group on one cluster
    others = set(mechanism["countries"]) - set(members)
    assert not any(mechanism["countries"][i].phases for i in others)
    assert len(cycle.index) == len(members)


def test_a_phase_does_not_open_before_its_planned_month(mechanism):
    with pytest.raises(ActionRefused) as refused:
        open_next_phase(mechanism, "1", date(2020, 11, 30), "secretariat")
    assert "2020-12" in refused.value.message.interpolate()
    assert open_next_phase(mechanism, "1", date(2020, 12, 1), "secretariat")


def test_the_next_phase_waits_for_70_per_cent_of_the_foreseen_reviews(mechanism):
    open_next_phase(mechanism, "1", DAY, "secretariat")
    members = group_of(mechanism, "1")
    needed = -(-len(members) * 70 // 100)  # ceiling
    conclude(mechanism, members[: needed - 1])
    gate = meter(mechanism["cycle"], "1")
    assert (gate.completed, gate.foreseen, gate.met) == (
        needed - 1,
        len(members),
        False,
    )
    assert gate.percent < 70
    with pytest.raises(ActionRefused, match="70 %"):
        open_next_phase(mechanism, "1", DAY, "secretariat")
    conclude(mechanism, members[needed - 1 : needed])
    assert meter(mechanism["cycle"], "1").met
    opening = open_next_phase(mechanism, "1", DAY, "secretariat")
    assert opening.phase == 2 and opening.decision == ""
    assert mechanism["cycle"].index[(members[0], 2)].cluster == "IV"


def test_a_conference_decision_overrides_the_gate_and_is_recorded(mechanism):
    cycle = mechanism["cycle"]
    open_next_phase(mechanism, "1", DAY, "secretariat")
    decision = Decision(1, "Resolution 12/1, para. 4", "", DAY, "secretariat")
    cycle.overrides = (Override("1", 2, decision),)
    opening = open_next_phase(mechanism, "1", DAY, "secretariat")
    assert opening.phase == 2 and opening.decision == "Resolution 12/1, para. 4"
    # The override was for phase 2 only: phase 3 waits for the gate again.
    with pytest.raises(ActionRefused, match="¶10"):
        open_next_phase(mechanism, "1", DAY, "secretariat")


def test_the_meter_counts_the_reviews_foreseen_when_the_phase_opened(mechanism):
    open_next_phase(mechanism, "1", DAY, "secretariat")
    members = group_of(mechanism, "1")
    # A State leaving the group later does not shrink the denominator.
    mechanism["countries"][members[0]].group = ""
    assert meter(mechanism["cycle"], "1").foreseen == len(members)


def test_no_fifth_phase(mechanism):
    cycle = mechanism["cycle"]
    for number in (2, 3, 4):
        decision = Decision(number, f"Decision {number}", "", DAY, "secretariat")
        cycle.overrides = (*cycle.overrides, Override("1", number, decision))
    for _ in range(4):
        open_next_phase(mechanism, "1", date(2029, 1, 1), "secretariat")
    with pytest.raises(ActionRefused, match="four phases"):
        open_next_phase(mechanism, "1", date(2029, 1, 1), "secretariat")


def test_a_group_without_drawn_states_opens_nothing(mechanism):
    for country in mechanism["countries"].values():
        if country.group == "2":
            country.reviewers = ()
    with pytest.raises(ActionRefused, match="drawn"):
        open_next_phase(mechanism, "2", DAY, "secretariat")
    assert mechanism["cycle"].openings == ()


def test_a_phase_running_past_its_planned_end_is_late(mechanism):
    from sherloc_review.cycle.overview import groups

    open_next_phase(mechanism, "1", date(2021, 6, 1), "secretariat")
    first = groups(mechanism, date(2022, 12, 31))[0]
    assert (first.group, first.phase, first.late) == ("1", 1, False)
    assert groups(mechanism, date(2023, 1, 1))[0].late
    assert not groups(mechanism, date(2030, 1, 1))[1].late  # group 2 not open
