"""Dashboards, the public status, the API and the calendar feeds of the cycle."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from sherloc_portal.testing import client_as, commit


def _rows(portal):
    return list(portal["review"]["cycle"].index.values())


def _owing(portal):
    """The reviews with a deadline: responses or written feedback."""
    return [r for r in _rows(portal) if r.state in ("self_assessment", "feedback")]


def test_the_secretariat_dashboard_lists_every_review_with_filters(
    app, db, portal, clock
):
    rows = _rows(portal)
    due = rows[0].responses_due
    clock.set(due - timedelta(days=1))
    secretariat = client_as(app, "secretariat")
    page = secretariat.get("/review/cycle/dashboard")
    listed = page.html.find(id="dashboard").find_all("tr", attrs={"data-review": True})
    assert len(listed) == len(rows)
    region = rows[0].regional_group
    page = secretariat.get(f"/review/cycle/dashboard?regional_group={region}")
    expected = sum(1 for r in rows if r.regional_group == region)
    assert f"{expected} " in page.html.find(id="dashboard-count").text
    assert (
        secretariat.get("/review/cycle/dashboard?overdue=1").html.find(id="dashboard")
        is None
    )
    clock.set(due + timedelta(days=1))
    page = secretariat.get("/review/cycle/dashboard?overdue=1")
    overdue = page.html.find(id="dashboard").find_all("tr", class_="overdue")
    assert len(overdue) == len(_owing(portal))


def test_an_unknown_filter_value_is_a_400_not_an_empty_list(app, db):
    secretariat = client_as(app, "secretariat")
    page = secretariat.get("/review/cycle/dashboard?cluster=IX", status=400)
    assert "IX" in page.html.find(id="dashboard-error").text
    secretariat.get("/review/cycle/dashboard.csv?state=lost", status=400)


def test_the_dashboard_exports_csv_with_the_same_filters(app, db, portal):
    rows = _rows(portal)
    response = client_as(app, "secretariat").get(
        "/review/cycle/dashboard.csv?group=1&state=self_assessment"
    )
    assert response.content_type == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert len(table) == len([r for r in rows if r.state == "self_assessment"])
    assert {r["stage"] for r in table} == {"self_assessment"}
    assert {r["due_item"] for r in table} == {"responses"}


@pytest.mark.parametrize("who", ["focal-fra", "expert-fra", "ngo-demo"])
def test_only_the_secretariat_reads_the_dashboard(app, db, who):
    client = client_as(app, who)
    client.get("/review/cycle/dashboard", status=403)
    client.get("/review/cycle/dashboard.csv", status=403)


def test_a_focal_point_sees_its_own_review_and_the_reviews_it_performs(app, db, portal):
    rows = _rows(portal)
    row = rows[0]
    reviewer = row.reviewers[0]
    page = client_as(app, f"focal-{row.iso3.lower()}").get("/review/cycle/mine")
    assert page.html.find(id="own-reviews").find(attrs={"data-review": f"{row.iso3}-1"})
    due = page.html.find(id="due-next").find_all("tr", attrs={"data-review": True})
    assert {d["data-review"] for d in due} >= {f"{row.iso3}-1"}
    page = client_as(app, f"focal-{reviewer.lower()}").get("/review/cycle/mine")
    performing = page.html.find(id="performing")
    assert performing.find(attrs={"data-review": f"{row.iso3}-1"})
    client_as(app, "ngo-demo").get("/review/cycle/mine", status=403)


def test_the_public_status_shows_counts_only(app, db, portal):
    rows = _rows(portal)
    awaiting = [r for r in rows if r.state == "self_assessment"]
    page = client_as(app).get("/review/cycle/status")
    assert str(len(rows)) in page.html.find(id="status-total").text
    cell = page.html.find(id="status-stages").find(
        "td", attrs={"data-stage": "self_assessment"}
    )
    assert cell.text.strip() == str(len(awaiting))
    api = client_as(app).get("/api/v1/status").json
    assert api["reviews"] == len(rows)
    assert api["by_state"]["self_assessment"] == len(awaiting)
    for state in ("feedback", "observations", "summary"):
        assert api["by_state"][state] == sum(1 for r in rows if r.state == state)
    states = portal["review"]["states"]
    shown = page.text + str(api)
    for row in rows:
        assert states[row.iso3].name not in shown
        assert row.iso3 not in shown
        for due in (row.responses_due, row.feedback_due):
            assert due is None or due.isoformat() not in shown


def test_the_cycle_api_gives_each_group_its_phase_and_meter(app, db, portal):
    token = (
        client_as(app)
        .post_json(
            "/api/v1/tokens", {"login": "focal-fra", "password": "sherloc-demo-2026"}
        )
        .json["token"]
    )
    body = (
        client_as(app)
        .get("/api/v1/cycle", headers={"Authorization": f"Bearer {token}"})
        .json
    )
    assert body["workplan_version"] == 1
    first, second, _third = body["groups"]
    assert (first["group"], first["phase"], first["cluster"]) == ("1", 1, "I")
    assert first["meter"] == {
        "foreseen": len(_rows(portal)),
        "completed": 0,
        "percent": 0,
        "threshold": 70,
        "met": False,
    }
    assert second["phase"] is None and second["meter"] is None
    client_as(app).get("/api/v1/cycle", status=403)


def _feed_address(client) -> str:
    page = client.get("/review/cycle/calendar").forms["calendar-form"].submit()
    assert page.headers["Cache-Control"] == "no-store"
    address = page.html.find(id="feed-url")["value"]
    return address[address.index("/review/") :]


def test_a_calendar_feed_serves_the_users_deadlines_by_its_secret(app, db, portal):
    row = _rows(portal)[0]
    client = client_as(app, f"focal-{row.iso3.lower()}")
    path = _feed_address(client)
    feed = client_as(app).get(path)  # no login: a calendar application
    assert feed.content_type == "text/calendar"
    body = feed.text.replace("\r\n ", "")
    assert f"UID:responses-{row.iso3}-1@sherloc-review" in body
    assert f"DTSTART;VALUE=DATE:{row.responses_due:%Y%m%d}" in body
    assert "session-1@sherloc-review" in body  # the demo's session
    others = [
        r for r in _rows(portal) if row.iso3 != r.iso3 and row.iso3 not in r.reviewers
    ]
    assert f"responses-{others[0].iso3}-1@" not in body
    new = _feed_address(client)
    client_as(app).get(path, status=404)
    client_as(app).get(new, status=200)
    client_as(app).get("/review/cycle/feed/guess.ics", status=404)


def test_a_deactivated_account_loses_its_feed(app, db, portal):
    client = client_as(app, "focal-fra")
    path = _feed_address(client)
    portal["users"]["focal-fra"].active = False
    commit(portal)
    client_as(app).get(path, status=404)


def test_the_secretariat_feed_holds_every_deadline(app, db, portal):
    body = client_as(app).get(_feed_address(client_as(app, "secretariat"))).text
    assert body.count("BEGIN:VEVENT") == len(_owing(portal)) + 1  # + the session


def test_the_public_finds_the_status_in_the_navigation(app, db):
    home = client_as(app).get("/")
    links = [a["href"] for a in home.html.find("nav").find_all("a")]
    assert "http://localhost/review/cycle/status" in links
    assert "http://localhost/review" not in links  # the secure area stays hidden


def test_confidential_notes_reach_no_public_page_feed_or_mail(app, db, portal, outbox):
    from sherloc_review.cycle.cli import remind
    from sherloc_review.cycle.steps import advance
    from sherloc_review.cycle.terms import propose

    marker = "CONFIDENTIAL-MARKER-77"
    rows = _rows(portal)
    phase = portal["review"]["countries"][rows[0].iso3].phases[1]
    propose(
        portal["review"],
        phase,
        rows[0].iso3,
        "focal",
        phase.opened_on,
        responses_months=6,
        feedback_months=6,
        languages={"en", "fr", "es"},
        reason=marker,
    )
    other = portal["review"]["countries"][rows[1].iso3].phases[1]
    advance(portal["review"], other, "secretariat", other.opened_on, marker)
    commit(portal)
    assert (
        marker
        in client_as(app, "secretariat")
        .get(f"/review/countries/{rows[0].iso3}/phase-1")
        .text
    )  # the participants do see it
    public = client_as(app).get("/review/cycle/status").text
    public += client_as(app).get("/api/v1/status").text
    focal = client_as(app, f"focal-{rows[0].iso3.lower()}")
    public += client_as(app).get(_feed_address(focal)).text
    remind(app.registry, other.feedback_due - timedelta(days=7))
    remind(app.registry, rows[0].responses_due - timedelta(days=7))
    mails = outbox()
    assert mails
    for mail in mails:
        public += mail["Subject"] + mail.get_payload(decode=True).decode(
            mail.get_content_charset()
        )
    assert marker not in public
