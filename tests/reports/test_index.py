"""The report's index follows the acts: a submission, an agreement, a
change of what a State withholds; and install builds the same from the
stored reviews, idempotently."""

from __future__ import annotations

import time
from datetime import date

from sherloc_review.outcomes.lists import withhold
from sherloc_review.reports import setup
from sherloc_review.reports.index import ReportIndex, build
from sherloc_review.responses.submit import submit


def test_only_submitted_responses_and_agreed_lists_are_indexed(index):
    assert sorted(index.responses) == [
        "ARG/1/UNTOC",
        *(f"ITA/1/{i}" for i in ("FIREARMS", "SOM", "TIP", "UNTOC")),
        "JOR/1/TIP",
        "JOR/1/UNTOC",
        "SGP/1/TIP",
        "SGP/1/UNTOC",
    ]  # Kenya's draft is not
    assert list(index.lists) == ["JOR/1"]  # Singapore's list awaits Russia
    row = index.responses["SGP/1/UNTOC"]
    assert [(a.article, a.closed) for a in row.answers][:4] == [
        ("2", "yes"),
        ("5", "partly"),
        ("6", "yes"),
        ("8", "no"),
    ]


def test_install_is_idempotent_and_builds_what_the_acts_recorded(mechanism, index):
    said = []
    setup.install(mechanism, lambda *args: said.append(args))
    assert said == []
    fresh = ReportIndex()
    assert build(mechanism, fresh) == len(index.responses) + len(index.lists)
    assert dict(fresh.responses) == dict(index.responses)
    assert dict(fresh.lists) == dict(index.lists)


def test_install_on_a_site_without_the_index_creates_it(mechanism, index):
    del mechanism.report_index
    mechanism.remove("reports")
    said = []
    setup.install(mechanism, lambda message, *args: said.append(message % args))
    assert said[:2] == [
        "created the general report",
        "created the index of the general report",
    ]
    assert dict(mechanism.report_index.lists) == dict(index.lists)


def test_a_submission_is_recorded(mechanism, index):
    assessment = mechanism["countries"]["KEN"].phases[1].responses["UNTOC"]
    submit(assessment, "focal-ken", date(2027, 1, 15), "report-test", False)
    row = index.responses["KEN/1/UNTOC"]
    answered = [
        q for q in assessment.questions if assessment.answers[q.id].value.closed
    ]
    assert len(row.answers) == len(answered) > 0


def test_an_agreement_is_recorded_without_the_withheld_entries(
    index, withheld_practice, marker
):
    number = withheld_practice()
    row = index.lists["SGP/1"]
    assert number not in [e.number for e in row.entries]
    assert not any(marker in e.text for e in row.entries)
    assert len(row.entries) == 5  # the demo's five


def test_a_change_of_withholding_is_recorded(
    mechanism, index, withheld_practice, release
):
    number = withheld_practice()
    release()
    assert number in [e.number for e in index.lists["SGP/1"].entries]
    jordan = mechanism["countries"]["JOR"].phases[1].observations
    first = jordan.entries[0].number
    withhold(jordan, {first}, "focal-jor", time.time(), "exceptional", 0)
    assert first not in [e.number for e in index.lists["JOR/1"].entries]
