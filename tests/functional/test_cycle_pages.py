"""The cycle's pages: groups and the gate, decisions, phases, terms, sessions.

Uses the demo profile: phase 1 of group 1 is open (since the day the test
site was installed), so dates are set relative to that opening with the
controllable ``clock``.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from sherloc_portal.testing import client_as, commit


def _phase(portal):
    """The first State of group 1 (by code) and its phase 1."""
    countries = portal["review"]["countries"]
    iso3 = min(i for i, c in countries.items() if c.group == "1" and c.phases)
    return countries[iso3].phases[1]


def _submit_responses(portal, phase, day) -> None:
    """The State submits every instrument: the phase moves to feedback."""
    from sherloc_review.responses.submit import submit

    for assessment in phase.responses.values():
        submit(assessment, "focal-x", day, "key", False)
    commit(portal)


def _agree_list(portal, phase, day) -> None:
    """The parties draft one observation and approve it (¶39): the phase
    moves to its summary."""
    from sherloc_review.outcomes.lists import approve_list, save_entry

    commit(portal)  # see what the requests committed
    observations = phase.observations
    instrument = next(iter(phase.responses))
    save_entry(
        observations,
        phase.country.iso3,
        "expert-x",
        1.0,
        instrument=instrument,
        article="",
        kind="gap",
        text="A gap.",
    )
    for party in observations.parties:
        approve_list(
            portal["review"], observations, party, observations.latest, "f", day, 1.0
        )
    commit(portal)


def _outsider(portal, phase) -> str:
    countries = portal["review"]["countries"]
    return next(
        i
        for i in sorted(countries)
        if i not in phase.country.participants
        and portal["review"]["states"][i].is_party("UNTOC")
    )


def test_the_cycle_page_shows_each_group_and_its_meter(app, db, portal):
    foreseen = portal["review"]["cycle"].opening("1", 1).foreseen
    page = client_as(app, "focal-fra").get("/review/cycle")
    row = page.html.find("tr", attrs={"data-group": "1"})
    assert row.find("meter")["data-percent"] == "0"
    assert f"0 of {len(foreseen)}" in row.text
    assert page.html.find("tr", attrs={"data-group": "2"}).find("meter") is None
    assert page.html.find(id="open-phase-1") is None  # not for a focal point
    assert page.html.find(id="workplan").find_all("tr", attrs={"data-phase": "4"})


@pytest.mark.parametrize("who", ["ngo-demo", None])
def test_ngos_and_the_public_do_not_see_the_cycle(app, db, who):
    response = client_as(app, who).get("/review/cycle", expect_errors=True)
    assert response.status_int in (302, 303, 403)
    assert "data-percent" not in response.text


def test_only_the_secretariat_opens_phases_and_records_decisions(app, db):
    focal = client_as(app, "focal-fra")
    focal.get("/review/cycle/override", status=403)
    focal.get("/review/cycle/amend", status=403)
    csrf = (
        focal.get("/review/cycle/calendar").forms["calendar-form"]["csrf_token"].value
    )
    focal.post(
        "/review/cycle/open-phase", {"group": "1", "csrf_token": csrf}, status=403
    )


def test_the_gate_refuses_then_a_recorded_decision_opens_the_next_phase(
    app, db, portal, clock
):
    clock.set(portal["review"]["cycle"].opening("1", 1).on + timedelta(days=30))
    secretariat = client_as(app, "secretariat")
    page = secretariat.get("/review/cycle")
    refused = page.forms["open-phase-1"].submit(status=400)
    assert "¶10" in refused.html.find(id="cycle-error").text
    form = secretariat.get("/review/cycle/override").forms["override"]
    form["group"], form["phase"] = "1", "2"
    form["reference"] = "Decision 13/2"
    form.submit("record", status=303)
    page = secretariat.get("/review/cycle")
    assert "Decision 13/2" in page.html.find("tr", attrs={"data-group": "1"}).text
    page.forms["open-phase-1"].submit(status=303)
    commit(portal)
    opening = portal["review"]["cycle"].opening("1", 2)
    assert opening.decision == "Decision 13/2"
    again = secretariat.get("/review/cycle/override").forms["override"]
    again["group"], again["phase"], again["reference"] = "1", "2", "Decision 13/3"
    refused = again.submit("record", status=400)
    assert "open already" in refused.text


def test_an_amendment_makes_a_new_version_of_the_workplan(app, db, portal):
    secretariat = client_as(app, "secretariat")
    form = secretariat.get("/review/cycle/amend").forms["amend"]
    # Group 1's phase 1 is open on cluster I: no other phase may take it.
    form["group"], form["phase"], form["cluster"] = "1", "4", "I"
    form["planned_start"], form["planned_end"] = "2026-12", "2028-12"
    form["reference"] = "Resolution 13/1"
    refused = form.submit("record", status=400)
    assert "one cluster per phase" in refused.text
    form = refused.forms["amend"]
    form["cluster"] = "II"
    form["planned_start"] = "2027-01"
    form.submit("record", status=303)
    page = secretariat.get("/review/cycle")
    assert "version 2" in page.html.find(id="workplan-heading").text
    row = page.html.find("tr", attrs={"data-group": "1", "data-phase": "4"})
    assert "2027-01" in row.text and "Resolution 13/1" in row.text
    old = secretariat.get("/review/cycle?version=1")
    row = old.html.find("tr", attrs={"data-group": "1", "data-phase": "4"})
    assert "2026-12" in row.text


def test_a_participant_sees_the_phase_with_days_left_then_overdue(
    app, db, portal, clock
):
    phase = _phase(portal)
    iso3, due = phase.country.iso3, phase.responses_due
    focal = client_as(app, f"focal-{iso3.lower()}")
    clock.set(due - timedelta(days=10))
    page = focal.get(f"/review/countries/{iso3}/phase-1")
    assert page.html.find(id="phase-state")["data-state"] == "self_assessment"
    assert page.html.find(id="due")["data-due"] == due.isoformat()
    assert "10" in page.html.find(id="days-left").text
    clock.set(due + timedelta(days=3))
    page = focal.get(f"/review/countries/{iso3}/phase-1")
    assert page.html.find(id="days-left") is None
    assert "3" in page.html.find(id="overdue").text
    review = focal.get(f"/review/countries/{iso3}")
    assert review.html.find("li", attrs={"data-phase": "1"}) is not None


def test_outsiders_do_not_open_a_phase(app, db, portal):
    phase = _phase(portal)
    outsider = _outsider(portal, phase).lower()
    url = f"/review/countries/{phase.country.iso3}/phase-1"
    client_as(app, f"focal-{outsider}").get(url, status=403)
    client_as(app, "ngo-demo").get(url, status=403)
    assert client_as(app).get(url, expect_errors=True).status_int in (302, 303, 403)


def test_focal_points_agree_terms_and_the_due_date_follows(app, db, portal, clock):
    phase = _phase(portal)
    iso3 = phase.country.iso3
    opened = phase.opened_on
    clock.set(opened)
    url = f"/review/countries/{iso3}/phase-1"
    client_as(app, f"expert-{iso3.lower()}").get(f"{url}/terms", status=403)
    focal = client_as(app, f"focal-{iso3.lower()}")
    form = focal.get(f"{url}/terms").forms["terms"]
    form["responses_months"] = "3"
    form["feedback_months"] = "4"
    form.get("checkbox", index=2).checked = True  # en
    form.submit("propose", status=303)
    for reviewer in phase.country.reviewers:
        page = client_as(app, f"focal-{reviewer.state.lower()}").get(url)
        page.forms["agree-form"].submit(status=303)
    page = focal.get(url)
    assert page.html.find(id="proposal") is None
    commit(portal)
    phase = _phase(portal)
    assert phase.responses_months == 3 and phase.languages == ("en",)
    assert page.html.find(id="due")["data-due"] == phase.responses_due.isoformat()


def test_three_languages_without_a_reason_are_refused_in_the_form(app, db, portal):
    phase = _phase(portal)
    iso3 = phase.country.iso3
    focal = client_as(app, f"focal-{iso3.lower()}")
    form = focal.get(f"/review/countries/{iso3}/phase-1/terms").forms["terms"]
    for index in (0, 2, 3):
        form.get("checkbox", index=index).checked = True
    page = form.submit("propose", status=400)
    assert "exceptional" in page.html.find(id="error-terms-reason").text


def test_the_secretariat_records_a_step_once(app, db, portal, clock):
    phase = _phase(portal)
    clock.set(phase.opened_on + timedelta(days=40))
    url = f"/review/countries/{phase.country.iso3}/phase-1"
    secretariat = client_as(app, "secretariat")
    # Responses are received by submission, not recorded over drafts.
    refused = secretariat.get(url).forms["advance-form"].submit(status=400)
    assert "UNTOC" in refused.html.find(id="phase-error").text
    _submit_responses(portal, phase, phase.opened_on + timedelta(days=30))
    page = secretariat.get(url)
    stale = page.forms["advance-form"]
    page.forms["advance-form"].submit(status=303)
    assert stale.submit(status=409).html.find(id="phase-error")
    page = secretariat.get(url)
    assert page.html.find(id="phase-state")["data-state"] == "dialogue"
    expected = (phase.opened_on + timedelta(days=40)).isoformat()
    assert expected in page.html.find(id="steps").text
    focal = client_as(app, f"focal-{phase.country.iso3.lower()}")
    assert focal.get(url).html.find(id="advance-form") is None


def test_sessions_list_the_agreed_lists_of_observations(app, db, portal):
    secretariat = client_as(app, "secretariat")
    form = secretariat.get("/review/cycle/sessions/add").forms["add-session"]
    form["working_group"] = "tip"
    form["title"] = "Working Group on Trafficking in Persons, fifteenth session"
    form.set("date", "2027-07-01", index=0)  # deform's date widgets
    form.set("date", "2027-07-03", index=1)
    form["place"] = "Vienna"
    form["agenda"] = "Opening\nReview mechanism\nOther matters"
    form["review_item"] = "5"
    refused = form.submit("add", status=400)
    assert refused.html.find(id="error-add-session-review_item")
    form = refused.forms["add-session"]
    form["review_item"] = "2"
    session = form.submit("add", status=303).follow()
    marked = session.html.find(attrs={"data-review-item": "true"})
    assert "Review mechanism" in marked.text
    phase = _phase(portal)
    value = f"{phase.country.iso3}:1"
    assert not session.html.find("option", attrs={"value": value})  # not agreed
    _submit_responses(portal, phase, phase.opened_on)
    for _ in range(2):  # feedback received, dialogue completed
        secretariat.get(f"/review/countries/{phase.country.iso3}/phase-1").forms[
            "advance-form"
        ].submit(status=303)
    # The list is agreed by the parties' approvals, never recorded (¶39).
    page = secretariat.get(f"/review/countries/{phase.country.iso3}/phase-1")
    assert "advance-form" not in page.forms
    _agree_list(portal, phase, phase.opened_on)
    session = secretariat.get(session.request.path)
    form = session.forms["add-paper-form"]
    form["review"] = value
    form.submit(status=303)
    outsider = _outsider(portal, phase).lower()
    page = client_as(app, f"expert-{outsider}").get(session.request.path)
    paper = page.html.find(attrs={"data-paper": f"{phase.country.iso3}-1"})
    link = paper.find("a")["href"]
    crp = client_as(app, f"expert-{outsider}").get(link)
    assert "A gap." in crp.text
    client_as(app, "ngo-demo").get(session.request.path, status=403)
    client_as(app, "ngo-demo").get("/review/cycle/sessions", status=403)


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("focal-{member}", "/review/countries/{member}/phase-1/advance"),
        ("focal-{outsider}", "/review/countries/{member}/phase-1/agree"),
        ("expert-{member}", "/review/countries/{member}/phase-1/agree"),
        ("focal-{member}", "/review/cycle/sessions/add"),
        ("focal-{member}", "/review/cycle/sessions/1/add-paper"),
        ("ngo-demo", "/review/cycle/calendar"),
    ],
)
def test_unsafe_requests_of_the_wrong_people_are_refused(app, db, portal, who, path):
    phase = _phase(portal)
    names = {"member": phase.country.iso3, "outsider": _outsider(portal, phase)}
    client = client_as(app, who.format(**{k: v.lower() for k, v in names.items()}))
    token = client.get("/login").forms["login-form"]["csrf_token"].value
    client.post(path.format(**names), {"csrf_token": token}, status=403)


@pytest.mark.parametrize("lang", ["ar", "zh", "en", "fr", "ru", "es"])
def test_the_cycle_pages_render_in_every_language(app, db, portal, lang):
    phase = _phase(portal)
    secretariat = client_as(app, "secretariat")
    secretariat.set_cookie("sherloc_lang", lang)
    english = client_as(app, "secretariat")
    for path in (
        "/review/cycle",
        f"/review/countries/{phase.country.iso3}/phase-1",
        "/review/cycle/dashboard",
        "/review/cycle/mine",
        "/review/cycle/status",
        "/review/cycle/sessions/1",
        "/review/cycle/calendar",
    ):
        page = secretariat.get(path)
        assert page.html.find("html")["lang"] == lang
        switcher = page.html.find(id="language-select").find_all("option")
        assert [o["value"] for o in switcher] == ["ar", "zh", "en", "fr", "ru", "es"]
        assert "${" not in page.text, path
        heading = page.html.find("h1").text.strip()
        if (
            lang != "en" and path != "/review/cycle/sessions/1"
        ):  # a session's title is data
            assert heading != english.get(path).html.find("h1").text.strip(), path


def test_a_stale_open_phase_form_is_refused_not_run_twice(app, db, portal):
    secretariat = client_as(app, "secretariat")
    stale = secretariat.get("/review/cycle").forms["open-phase-2"]
    stale.submit(status=303)
    page = stale.submit(status=409)
    assert page.html.find(id="cycle-error")
    commit(portal)
    assert portal["review"]["cycle"].current_phase("2") == 1


@pytest.mark.parametrize("name", ["phase-%C2%B2", "phase-01", "phase-0", "phase-x"])
def test_malformed_phase_names_are_not_found(app, db, portal, name):
    iso3 = _phase(portal).country.iso3
    page = client_as(app, "secretariat").get(
        f"/review/countries/{iso3}/{name}", expect_errors=True
    )
    assert page.status_int == 404


@pytest.mark.parametrize("review", ["AFG:²", "AFG:", "AFG:9", ":1", "AFG:1:1"])
def test_a_malformed_paper_is_a_400(app, db, review):
    secretariat = client_as(app, "secretariat")
    token = secretariat.get("/login").forms["login-form"]["csrf_token"].value
    page = secretariat.post(
        "/review/cycle/sessions/1/add-paper",
        {"csrf_token": token, "review": review},
        status=400,
    )
    assert page.html.find(id="session-error")


def test_an_open_phase_may_move_its_months_but_not_its_cluster(app, db):
    secretariat = client_as(app, "secretariat")
    form = secretariat.get("/review/cycle/amend").forms["amend"]
    form["group"], form["phase"], form["cluster"] = "1", "1", "II"
    form["planned_start"], form["planned_end"] = "2020-12", "2022-11"
    form["reference"] = "Decision 14/1"
    refused = form.submit("record", status=400)
    assert refused.html.find(id="error-amend-cluster")
    form = refused.forms["amend"]
    form["cluster"] = "I"
    form.submit("record", status=303)


def test_the_conference_may_swap_the_clusters_of_phases_3_and_4(app, db, portal):
    secretariat = client_as(app, "secretariat")
    form = secretariat.get("/review/cycle/amend").forms["amend"]
    form["group"], form["phase"], form["cluster"] = "2", "3", "II"
    form["planned_start"], form["planned_end"] = "2025-11", "2027-11"
    form["reference"] = "Resolution 13/2"
    form.submit("record", status=303)
    page = secretariat.get("/review/cycle")
    third = page.html.find("tr", attrs={"data-group": "2", "data-phase": "3"})
    fourth = page.html.find("tr", attrs={"data-group": "2", "data-phase": "4"})
    assert "II:" in third.text and "III:" in fourth.text
    assert page.html.find(id="amendments").find(class_="swap")


def test_a_phase_past_its_planned_end_is_flagged(app, db, portal, clock):
    secretariat = client_as(app, "secretariat")
    clock.set(portal["review"]["cycle"].opening("1", 1).on)
    page = secretariat.get("/review/cycle")
    # Phase 1 of group 1 was planned for 2020-12 to 2022-12: long past.
    late = page.html.find("tr", attrs={"data-group": "1"}).find(class_="late")
    assert late is not None and "¶15" in late.text
    assert page.html.find("tr", attrs={"data-group": "2"}).find(class_="late") is None


def test_the_chair_reads_the_cycle_without_a_dead_dashboard_link(app, db, portal):
    from sherloc_portal.api.testing import add_account

    add_account(portal, app.registry, "chair", roles=("chair",))
    page = client_as(app, "chair").get("/review/cycle")
    assert page.html.find(id="groups") is not None
    assert page.html.find(id="mine-link") is None
    client_as(app, "chair").get("/review/cycle/mine", status=403)
    assert client_as(app, "focal-fra").get("/review/cycle").html.find(id="mine-link")
