"""A review's technical-assistance needs and their follow-up through the
pages (¶44 to ¶46): Jordan's phase 1 of the demo, its list agreed with two
needs; France and Mongolia review it."""

from __future__ import annotations

import pytest

from sherloc_portal.testing import client_as, commit, csrf_token

from ..assistance.conftest import open_next_phase, withhold_need

A = "/review/countries/JOR/phase-1/assistance"


def _needs(page) -> dict:
    return {
        article["data-number"]: article
        for article in page.html.find_all("article", class_="assistance-need")
    }


def _post(client, action, expect=303, **fields):
    token = csrf_token(client)
    return client.post(f"{A}/{action}", {"csrf_token": token, **fields}, status=expect)


def _jordan(portal):
    return portal["review"]["countries"]["JOR"].phases[1]


@pytest.mark.parametrize("who", ["focal-jor", "expert-jor", "focal-fra", "secretariat"])
def test_the_participants_and_the_secretariat_read_the_needs(app, db, who):
    page = client_as(app, who).get(A)
    needs = _needs(page)
    assert list(needs) == ["1", "2"]
    assert "UNTOC, article 23" in needs["1"].find("h3").text
    assert "Capacity-building (training)" in needs["1"].text
    assert "High priority" in needs["1"].text
    assert "Training of investigators." in needs["1"].text
    assert needs["1"]["data-status"] == "not-addressed"


@pytest.mark.parametrize("who", ["focal-ken", "ngo-demo", "chair-demo"])
def test_others_are_refused(app, db, who):
    client_as(app, who).get(A, status=403)


def test_anonymous_is_sent_to_log_in(testapp):
    testapp.get(A, status=303)


def test_only_the_state_under_review_has_the_forms(app, db):
    focal = client_as(app, "focal-jor").get(A)
    assert focal.forms["request-1"] and focal.forms["report-1"]
    expert = client_as(app, "expert-jor").get(A)
    assert "request-1" not in expert.forms and expert.forms["report-2"]
    for who in ("focal-fra", "secretariat"):
        page = client_as(app, who).get(A)
        assert not page.html.find("form", id="request-1")
        assert not page.html.find("form", id="report-1")


def test_the_focal_point_requests_assistance_and_the_request_is_shown(app, db, portal):
    focal = client_as(app, "focal-jor")
    form = focal.get(A).forms["request-1"]
    form["text"] = "Training for 40 investigators in 2027."
    done = form.submit(status=303)
    assert done.location.endswith("#need-1")
    need = _needs(focal.get(A))["1"]
    assert (
        "Training for 40 investigators in 2027."
        in need.find("ol", class_="requests").text
    )
    commit(portal)  # a fresh view
    assert portal["review"].assistance_index["JOR/1/1"].requested is True


def test_an_expert_reports_progress_and_the_status_follows(app, db):
    expert = client_as(app, "expert-jor")
    form = expert.get(A).forms["report-2"]
    form["status"] = "in-progress"
    form["text"] = "A tender for the case-management system was launched."
    form.submit(status=303)
    need = _needs(client_as(app, "focal-fra").get(A))["2"]
    assert need["data-status"] == "in-progress"
    assert "A tender" in need.find("ol", class_="progress-reports").text


def test_refused_posts(app, db):
    expert = client_as(app, "expert-jor")
    _post(expert, "request", expect=403, number="1", text="x")
    for who in ("focal-fra", "focal-ken", "ngo-demo"):
        client = client_as(app, who)
        _post(client, "report", expect=403, number="1", status="addressed", text="x")
        _post(client, "request", expect=403, number="1", text="x")
    focal = client_as(app, "focal-jor")
    focal.post(f"{A}/request", {"number": "1", "text": "x"}, status=400)  # no CSRF
    client_as(app).post(f"{A}/request", {"number": "1", "text": "x"}, status=400)


def test_bad_input_comes_back_on_its_field_and_nothing_is_kept(app, db, portal):
    focal = client_as(app, "focal-jor")
    form = focal.get(A).forms["report-1"]
    form["status"].force_value("done")
    form["text"] = "Something"
    page = form.submit(status=400)
    assert page.html.find(id="error-status-1")
    assert page.forms["report-1"]["text"].value == "Something"
    page = _post(focal, "report", expect=400, number="1", status="addressed", text="")
    assert page.html.find(id="error-report-1")
    page = _post(focal, "request", expect=400, number="\u0661", text="x")
    assert page.html.find(id="error-form")
    page = _post(focal, "request", expect=400, number="7", text="x")
    assert page.html.find(id="error-form")
    commit(portal)  # a fresh view
    need = _jordan(portal).assistance.needs[1]
    assert not need.progress and len(need.requests) == 1  # the demo's only


def test_a_withheld_need_is_marked_for_the_participants(app, db, portal):
    withhold_need(portal["review"], _jordan(portal), 2)
    commit(portal)
    needs = _needs(client_as(app, "focal-fra").get(A))
    assert needs["2"]["data-withheld"] == "yes"
    assert needs["2"].find(class_="withheld")
    assert not needs["1"].has_attr("data-withheld")


def test_the_next_phase_shows_the_needs_of_this_one_with_their_progress(
    app, db, portal
):
    expert = client_as(app, "expert-jor")
    form = expert.get(A).forms["report-1"]
    form["status"] = "addressed"
    form["text"] = "Forty investigators trained."
    form.submit(status=303)
    commit(portal)  # a fresh view
    open_next_phase(_jordan(portal))
    commit(portal)
    following = "/review/countries/JOR/phase-2/assistance"
    for who in ("focal-jor", "focal-mng", "secretariat"):
        page = client_as(app, who).get(following)
        assert page.html.find(id="no-needs")  # phase 2 has none of its own
        rows = page.html.find(id="previous").find_all("tr", attrs={"data-number": True})
        assert [r["data-number"] for r in rows] == ["1", "2"]
        assert rows[0]["data-status"] == "addressed"
        assert "Forty investigators trained." in rows[0].text
    client_as(app, "focal-ken").get(following, status=403)
    # Phase 1 has no phase before it.
    assert not client_as(app, "focal-jor").get(A).html.find(id="previous")


def test_a_review_without_an_agreed_list_has_no_needs(app, db):
    page = client_as(app, "focal-sgp").get("/review/countries/SGP/phase-1/assistance")
    assert page.html.find(id="no-needs") and not _needs(page)
    client_as(app, "focal-jor").get(
        "/review/countries/SGP/phase-1/assistance", status=403
    )
