"""Workplan versions (¶16), the public counts (¶4(b)) and the iCalendar text."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from sherloc_portal.forms import ActionRefused
from sherloc_portal.resources.users import User
from sherloc_review.cycle import workplan as plan
from sherloc_review.cycle.calendar import Event, new_feed, owner, render
from sherloc_review.cycle.gate import open_next_phase
from sherloc_review.cycle.resources import Amendment, Decision
from sherloc_review.cycle.status import public_status
from sherloc_review.cycle.steps import advance

DAY = date(2027, 1, 15)


def _amendment(number=1, **values) -> Amendment:
    fields = {
        "group": "1",
        "phase": "4",
        "cluster": "II",
        "cluster_name": "Prevention",
        "planned_start": "2027-06",
        "planned_end": "2029-06",
        "decision": Decision(number, f"Resolution 13/{number}", "", DAY, "secretariat"),
    }
    fields.update(values)
    return Amendment(**fields)


def _rows(mechanism, amendments=()):
    return plan.entries(mechanism["workplan"], tuple(amendments))


def test_each_amendment_makes_a_version_and_earlier_versions_stay_readable(mechanism):
    first = _amendment()
    plan.check_amendment(_rows(mechanism), ["I", "II", "III", "IV"], first)
    amendments = (first,)
    latest = plan.entry(_rows(mechanism, amendments), "1", 4)
    assert (latest.planned_start, latest.confidence, latest.basis) == (
        "2027-06",
        "decided",
        "Resolution 13/1",
    )
    original = plan.entry(plan.entries(mechanism["workplan"], amendments, 1), "1", 4)
    assert original.planned_start == "2026-12"
    assert plan.version(amendments) == 2


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"cluster": "I"}, "cluster"),  # group 1 would have cluster I twice
        ({"cluster": "V"}, "cluster"),
        ({"planned_start": "2029-06"}, "planned_end"),
        ({"planned_start": "2026-01"}, "planned_start"),  # before phase 3 ends
        ({"phase": "5"}, "phase"),
    ],
)
def test_an_amendment_that_breaks_table_2_is_refused(mechanism, values, field):
    with pytest.raises(ActionRefused) as refused:
        plan.check_amendment(
            _rows(mechanism), ["I", "II", "III", "IV"], _amendment(**values)
        )
    assert refused.value.field == field


def test_the_public_status_counts_and_names_no_state(mechanism):
    open_next_phase(mechanism, "1", DAY, "secretariat")
    open_next_phase(mechanism, "2", DAY, "secretariat")
    countries = mechanism["countries"]
    done = next(i for i, c in countries.items() if c.phases and c.group == "1")
    advance(mechanism, countries[done].phases[1], "secretariat", DAY)
    status = public_status(mechanism["cycle"])
    opened = len(mechanism["cycle"].index)
    assert status["reviews"] == opened
    assert status["by_state"]["feedback"] == 1
    assert status["by_state"]["self_assessment"] == opened - 1
    assert [(p["group"], p["phase"], p["cluster"]) for p in status["phases"]] == [
        ("1", 1, "I"),
        ("2", 1, "I"),
    ]
    rows = {
        r["regional_group"]: sum(r["by_state"].values())
        for r in status["regional_groups"]
    }
    assert min(rows.values()) >= 5
    listed = {r.regional_group or "none" for r in mechanism["cycle"].rows()}
    small = listed - set(rows)
    left_out = sum(
        1 for r in mechanism["cycle"].rows() if (r.regional_group or "none") in small
    )
    assert sum(rows.values()) + left_out == opened
    _names_absent(status, mechanism)


def test_a_region_of_a_few_states_is_not_shown_on_its_own(mechanism):
    for group in ("1", "2", "3"):
        open_next_phase(mechanism, group, DAY, "secretariat")
    nowhere = [r for r in mechanism["cycle"].rows() if not r.regional_group]
    assert 0 < len(nowhere) < 5  # the EU, the Holy See, Cook Islands, Niue
    status = public_status(mechanism["cycle"])
    assert "none" not in {r["regional_group"] for r in status["regional_groups"]}
    assert status["reviews"] == len(mechanism["cycle"].index)
    _names_absent(status, mechanism)


def _names_absent(status, mechanism):
    text = json.dumps(status)
    for iso3, state in mechanism["states"].items():
        assert f'"{iso3}"' not in text and state.name not in text


def test_a_feed_secret_is_stored_hashed_and_a_new_one_ends_the_old(mechanism):
    cycle = mechanism["cycle"]
    user = User("focal-fra")
    user.active = True
    users = {"focal-fra": user}
    first = new_feed(cycle, user)
    assert owner(cycle, users, first) is user
    assert first not in set(cycle.feeds.keys())
    second = new_feed(cycle, user)
    assert owner(cycle, users, first) is None
    assert owner(cycle, users, second) is user
    assert len(cycle.feeds) == 1
    user.revoke_credentials()  # a new password, or a deactivation
    assert owner(cycle, users, second) is None


def test_the_calendar_is_rfc_5545_text():
    summary = "Réponses dues; examen de la France, phase 1, " + "x" * 80
    body = render(
        [
            Event(
                "responses-FRA-1@sherloc-review",
                date(2027, 7, 15),
                summary,
                "https://x/",
            )
        ],
        datetime(2027, 1, 15, 12, tzinfo=UTC),
        "Deadlines",
    )
    lines = body.split("\r\n")
    assert body.endswith("\r\n") and lines[0] == "BEGIN:VCALENDAR"
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = body.replace("\r\n ", "")
    assert "SUMMARY:Réponses dues\\; examen de la France\\, phase 1\\, x" in unfolded
    assert "DTSTART;VALUE=DATE:20270715\r\n" in unfolded
    assert "DTEND;VALUE=DATE:20270716\r\n" in unfolded
    assert "DTSTAMP:20270115T120000Z\r\n" in unfolded


def test_two_phases_not_yet_open_may_exchange_clusters(mechanism):
    rows = _rows(mechanism)
    phase3 = plan.entry(rows, "1", 3)
    phase4 = plan.entry(rows, "1", 4)
    asked = _amendment(
        phase="3",
        cluster=phase4.cluster,
        cluster_name=phase4.cluster_name,
        planned_start=phase3.planned_start,
        planned_end=phase3.planned_end,
    )
    amendment = plan.with_swap(rows, asked, opened=2)
    assert (amendment.swap_phase, amendment.swap_cluster) == ("4", phase3.cluster)
    plan.check_amendment(rows, ["I", "II", "III", "IV"], amendment)
    after = _rows(mechanism, (amendment,))
    assert plan.entry(after, "1", 3).cluster == phase4.cluster
    assert plan.entry(after, "1", 4).cluster == phase3.cluster
    assert plan.entry(after, "1", 4).basis == "Resolution 13/1"


def test_an_open_phase_keeps_its_cluster_in_an_exchange(mechanism):
    rows = _rows(mechanism)
    phase1 = plan.entry(rows, "1", 1)
    asked = _amendment(phase="4", cluster=phase1.cluster)
    amendment = plan.with_swap(rows, asked, opened=1)
    assert amendment.swap_phase == ""
    with pytest.raises(ActionRefused) as refused:
        plan.check_amendment(rows, ["I", "II", "III", "IV"], amendment)
    assert refused.value.field == "cluster"


def test_the_dashboard_filters_the_entities_in_no_regional_group(mechanism):
    from sherloc_review.cycle.dashboards import choices, filters_of, lines

    for group in ("1", "2", "3"):
        open_next_phase(mechanism, group, DAY, "secretariat")
    rows = list(mechanism["cycle"].rows())
    known = choices(rows)
    assert "none" in known["regional_group"]
    chosen = filters_of({"regional_group": "none"}, known)
    found = lines(rows, chosen, False, DAY)
    assert found and {line.row.regional_group for line in found} == {""}
    assert len(found) == sum(1 for r in rows if not r.regional_group)
