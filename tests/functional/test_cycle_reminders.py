"""``sherloc-cycle remind``: reminders before due dates, overdue marks, idempotent."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sherloc_portal.testing import commit
from sherloc_review.cycle.cli import main, remind
from sherloc_review.cycle.index import reindex
from sherloc_review.cycle.steps import advance


def _rows(portal):
    """The reviews awaiting responses (the demo's Italy is past them)."""
    return [
        r
        for r in portal["review"]["cycle"].index.values()
        if r.state == "self_assessment"
    ]


def _focal(rows) -> set[str]:
    return {f"focal-{r.iso3.lower()}@example.org" for r in rows}


def _to(mails) -> list[str]:
    return sorted(m["To"] for m in mails)


def test_reminders_go_to_the_focal_points_once(app, db, portal, outbox):
    rows = _rows(portal)
    due = rows[0].responses_due
    assert {r.responses_due for r in rows} == {due}  # opened together
    report = remind(app.registry, due - timedelta(days=31))
    assert (report.sent, report.marked) == (0, 0)
    report = remind(app.registry, due - timedelta(days=30))
    mails = outbox()
    # One digest per person: every focal point owing responses, and the
    # reviewers of Italy, whose feedback falls due the same day.
    assert report.sent == len(mails) == len(set(_to(mails)))
    assert _focal(rows) <= set(_to(mails))
    assert remind(app.registry, due - timedelta(days=30)).sent == 0
    assert remind(app.registry, due - timedelta(days=29)).sent == 0
    assert remind(app.registry, due - timedelta(days=7)).sent == report.sent
    assert len(outbox()) == 2 * report.sent


def test_a_late_run_sends_only_the_most_urgent_reminder(app, db, portal, outbox):
    rows = _rows(portal)
    due = rows[0].responses_due
    sent = remind(app.registry, due - timedelta(days=5)).sent
    assert remind(app.registry, due - timedelta(days=4)).sent == 0
    mails = outbox()
    assert len(mails) == sent == len(set(_to(mails)))
    assert _focal(rows) <= set(_to(mails))


def test_a_reminder_mail_carries_a_link_and_no_content(app, db, portal, outbox):
    row = _rows(portal)[0]
    remind(app.registry, row.responses_due - timedelta(days=30))
    mail = next(
        m for m in outbox() if m["To"] == f"focal-{row.iso3.lower()}@example.org"
    )
    body = mail.get_payload(decode=True).decode(mail.get_content_charset())
    assert f"/review/countries/{row.iso3}/phase-1" in body
    assert row.responses_due.isoformat() in body
    assert portal["review"]["states"][row.iso3].name not in body + mail["Subject"]


def test_overdue_items_are_marked_and_the_secretariat_is_told_once(
    app, db, portal, outbox, testapp
):
    # Every review owing something is overdue then: the responses, and
    # Italy's feedback (the demo's Singapore and Jordan owe neither).
    rows = [
        r
        for r in portal["review"]["cycle"].index.values()
        if r.state in ("self_assessment", "feedback")
    ]
    late = _rows(portal)[0].responses_due + timedelta(days=1)
    report = remind(app.registry, late)
    assert report.marked == len(rows)
    mails = outbox()
    (digest,) = [m for m in mails if m["To"] == "secretariat@example.org"]
    body = digest.get_payload(decode=True).decode(digest.get_content_charset())
    assert f"({len(rows)})" in digest["Subject"]
    assert all(f"/review/countries/{r.iso3}/phase-1" in body for r in rows)
    again = remind(app.registry, late + timedelta(days=1))
    assert (again.sent, again.marked) == (0, 0)
    commit(portal)
    row = portal["review"]["cycle"].index[(rows[0].iso3, 1)]
    assert row.overdue == ("responses",)
    phase = portal["review"]["countries"][row.iso3].phases[1]
    assert phase.marked_overdue("responses") == late


def test_feedback_reminders_go_to_the_reviewing_states(app, db, portal, outbox):
    row = _rows(portal)[0]
    phase = portal["review"]["countries"][row.iso3].phases[1]
    received = phase.opened_on + timedelta(days=20)
    advance(portal["review"], phase, "secretariat", received)
    commit(portal)
    due = phase.feedback_due
    remind(app.registry, due - timedelta(days=7))
    to = {m["To"] for m in outbox()}
    reviewers = {
        f"focal-{r.state.lower()}@example.org" for r in phase.country.reviewers
    }
    assert reviewers <= to
    assert f"focal-{row.iso3.lower()}@example.org" not in to


def test_a_new_due_date_arms_the_reminders_again(app, db, portal, outbox):
    row = _rows(portal)[0]
    remind(app.registry, row.responses_due - timedelta(days=30))
    commit(portal)  # a new transaction: see what the run wrote
    phase = portal["review"]["countries"][row.iso3].phases[1]
    phase.responses_months = 5  # as if the parties agreed a shorter frame
    commit(portal)
    reindex(portal["review"], phase)
    commit(portal)
    outbox_before = len(outbox())
    sent = remind(app.registry, phase.responses_due - timedelta(days=30)).sent
    assert sent == 1 and len(outbox()) == outbox_before + 1
    assert outbox()[-1]["To"] == f"focal-{row.iso3.lower()}@example.org"


def test_the_command_refuses_a_missing_settings_file(tmp_path, capsys):
    assert main(["remind", str(tmp_path / "nowhere.ini")]) == 2
    assert "no such settings file" in capsys.readouterr().err


def test_the_command_refuses_a_malformed_day(tmp_path):
    with pytest.raises(SystemExit) as exit_:
        main(["remind", str(tmp_path / "x.ini"), "--today", "31/12/2027"])
    assert exit_.value.code == 2


def test_the_server_runs_the_job_for_cron_once_a_day(app, db, portal, outbox, clock):
    import webtest

    from sherloc_portal.api.testing import bearer, issue_token
    from sherloc_portal.testing import DEMO_PASSWORD

    rows = _rows(portal)
    clock.set(rows[0].responses_due - timedelta(days=7))
    client = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    token = issue_token(client, "secretariat", DEMO_PASSWORD)
    first = client.post_json("/api/v1/cycle/reminders", {}, headers=bearer(token))
    assert (
        first.json["today"] == (rows[0].responses_due - timedelta(days=7)).isoformat()
    )
    assert first.json["marked"] == 0
    # One mail per person owed something: every focal point owing responses.
    assert first.json["sent"] == len(outbox()) >= len(_focal(rows))
    again = client.post_json("/api/v1/cycle/reminders", {}, headers=bearer(token))
    assert again.json["sent"] == 0 and len(outbox()) == first.json["sent"]
    focal = issue_token(client, "focal-fra", DEMO_PASSWORD)
    client.post_json("/api/v1/cycle/reminders", {}, headers=bearer(focal), status=403)


def test_a_longer_agreed_time_frame_lifts_the_overdue_mark(app, db, portal, outbox):
    row = _rows(portal)[0]
    phase = portal["review"]["countries"][row.iso3].phases[1]
    phase.responses_months = 3
    reindex(portal["review"], phase)
    commit(portal)
    late = phase.responses_due + timedelta(days=1)
    assert remind(app.registry, late).marked >= 1
    commit(portal)
    phase = portal["review"]["countries"][row.iso3].phases[1]
    assert phase.marked_overdue("responses") == late
    phase.responses_months = 6  # the parties agree the longest frame
    reindex(portal["review"], phase)
    commit(portal)
    assert phase.marked_overdue("responses") is None
    assert portal["review"]["cycle"].index[(row.iso3, 1)].overdue == ()


def test_a_notice_with_nobody_to_tell_waits_for_a_focal_point(app, db, portal, outbox):
    row = _rows(portal)[0]
    focal = portal["users"][f"focal-{row.iso3.lower()}"]
    focal.active = False
    commit(portal)
    day = row.responses_due - timedelta(days=30)
    remind(app.registry, day)
    assert focal.email not in {m["To"] for m in outbox()}
    commit(portal)
    focal = portal["users"][f"focal-{row.iso3.lower()}"]
    focal.active = True
    commit(portal)
    assert remind(app.registry, day).sent == 1
    assert outbox()[-1]["To"] == focal.email
