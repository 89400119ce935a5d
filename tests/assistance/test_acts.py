"""Requests for assistance (¶45) and progress reports (¶44, ¶46), as acts."""

from __future__ import annotations

from datetime import date

import pytest
from ZODB.POSException import ConflictError

from sherloc_portal.forms import ActionRefused
from sherloc_portal.resources.root import ROOT_KEY
from sherloc_review.assistance.acts import report_progress, request
from sherloc_review.assistance.resources import ADDRESSED, IN_PROGRESS
from sherloc_review.versioned import MAX_TEXT

from ..responses.test_concurrency import Session
from .conftest import TODAY


def _row(mechanism, number):
    return mechanism.assistance_index[f"JOR/1/{number}"]


def test_requests_are_kept_in_order_and_the_index_follows(mechanism, jordan):
    assistance = jordan.assistance
    request(assistance, 1, "Train 40 investigators.", "focal-jor", TODAY, 1.0)
    assert _row(mechanism, 1).requested and not _row(mechanism, 2).requested
    later = date(2027, 3, 1)
    request(assistance, 1, "And their trainers.", "focal-jor", later, 2.0)
    need = assistance.needs[1]
    assert [(r.text, r.by, r.on) for r in need.requests] == [
        ("Train 40 investigators.", "focal-jor", "2027-01-15"),
        ("And their trainers.", "focal-jor", "2027-03-01"),
    ]


def test_progress_reports_are_kept_and_the_latest_gives_the_status(mechanism, jordan):
    assistance = jordan.assistance
    report_progress(assistance, 2, IN_PROGRESS, "A tender.", "expert-jor", TODAY, 1.0)
    report_progress(assistance, 2, ADDRESSED, "Running.", "focal-jor", TODAY, 2.0)
    need = assistance.needs[2]
    assert [p.status for p in need.progress] == [IN_PROGRESS, ADDRESSED]
    assert need.status == ADDRESSED == _row(mechanism, 2).status
    assert _row(mechanism, 1).status == "not-addressed"


def test_the_same_act_sent_twice_is_kept_once(jordan):
    assistance = jordan.assistance
    request(assistance, 1, "Once.", "focal-jor", TODAY, 1.0)
    request(assistance, 1, "Once.", "focal-jor", TODAY, 2.0)
    report_progress(assistance, 1, IN_PROGRESS, "Once.", "focal-jor", TODAY, 1.0)
    report_progress(assistance, 1, IN_PROGRESS, "Once.", "focal-jor", TODAY, 2.0)
    assert len(assistance.needs[1].requests) == len(assistance.needs[1].progress) == 1


@pytest.mark.parametrize(
    ("number", "status", "text", "field"),
    [
        (3, IN_PROGRESS, "x", "number"),
        (None, IN_PROGRESS, "x", "number"),
        ("1", IN_PROGRESS, "x", "number"),
        (1, "done", "x", "status"),
        (1, IN_PROGRESS, "  ", "text"),
        (1, IN_PROGRESS, "x" * (MAX_TEXT + 1), "text"),
        (1, IN_PROGRESS, "bad \ud800", "text"),
    ],
)
def test_bad_reports_are_refused_naming_the_field(
    mechanism, jordan, number, status, text, field
):
    with pytest.raises(ActionRefused) as refused:
        report_progress(jordan.assistance, number, status, text, "x", TODAY, 1.0)
    assert refused.value.field == field
    assert not jordan.assistance.needs[1].progress
    assert _row(mechanism, 1).status == "not-addressed"


@pytest.mark.parametrize(
    ("number", "text", "field"), [(9, "x", "number"), (1, "", "text")]
)
def test_bad_requests_are_refused_naming_the_field(jordan, number, text, field):
    with pytest.raises(ActionRefused) as refused:
        request(jordan.assistance, number, text, "focal-jor", TODAY, 1.0)
    assert refused.value.field == field
    assert not jordan.assistance.needs[1].requests


def _jordan(session):
    return session.conn.root()[ROOT_KEY]["review"]["countries"]["JOR"].phases[1]


@pytest.fixture
def two(db):
    sessions = Session(db), Session(db)
    yield sessions
    for session in sessions:
        session.close()


def test_two_reports_at_once_on_one_need_conflict_and_both_are_kept(two):
    a, b = two
    report_progress(_jordan(a).assistance, 1, IN_PROGRESS, "A", "focal-jor", TODAY, 1)
    report_progress(_jordan(b).assistance, 1, ADDRESSED, "B", "expert-jor", TODAY, 2)
    a.tm.commit()
    with pytest.raises(ConflictError):
        b.tm.commit()
    b.retry(
        lambda: report_progress(
            _jordan(b).assistance, 1, ADDRESSED, "B", "expert-jor", TODAY, 2
        )
    )
    b.tm.commit()
    a.tm.begin()
    need = _jordan(a).assistance.needs[1]
    assert [p.text for p in need.progress] == ["A", "B"]
    index = a.conn.root()[ROOT_KEY]["review"].assistance_index
    assert index["JOR/1/1"].status == ADDRESSED


def test_a_request_and_a_report_at_once_on_one_need_are_both_kept(two):
    a, b = two
    request(_jordan(a).assistance, 2, "Ask", "focal-jor", TODAY, 1)
    report_progress(_jordan(b).assistance, 2, IN_PROGRESS, "Do", "expert-jor", TODAY, 2)
    a.tm.commit()
    with pytest.raises(ConflictError):
        b.tm.commit()
    b.retry(
        lambda: report_progress(
            _jordan(b).assistance, 2, IN_PROGRESS, "Do", "expert-jor", TODAY, 2
        )
    )
    b.tm.commit()
    a.tm.begin()
    row = a.conn.root()[ROOT_KEY]["review"].assistance_index["JOR/1/2"]
    assert row.requested and row.status == IN_PROGRESS
