"""The constructive dialogues through the JSON API (¶53): the public list,
applications until the cut-off in the dialogue's time zone, and the job
the server runs for cron.

The demo's dialogue 1 is open and dialogue 2 closed, relative to the day
the site was built (the real clock).  Tests of the cut-off build a
dialogue of their own in New York and move the ``clock``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import webtest

from sherloc_portal.api.testing import bearer, issue_token
from sherloc_portal.testing import client_as, commit, csrf_token, login
from sherloc_review.stakeholders.acts import create
from sherloc_review.stakeholders.resources import PENDING

DIALOGUES = "/api/v1/dialogues"
JOB = "/api/v1/cycle/constructive-dialogues"
ZONE = "America/New_York"


def _registrations(number) -> str:
    return f"{DIALOGUES}/{number}/registrations"


def _application(**changes) -> dict:
    body = {
        "kind": "ngo",
        "organisation": {
            "name": "Friends of Justice",
            "country": "FRA",
            "website": "https://friends.example.org",
            "contact_name": "Ana Lima",
            "contact_email": "ana@friends.example.org",
        },
        "representatives": ["Ana Lima", "Bo Chen"],
        "comments": "We support the review process.",
    }
    body.update(changes)
    return body


@pytest.fixture
def api(app, db):
    """A client without cookies: anonymous, or with bearer tokens."""
    return client_as(app)


@pytest.fixture
def own(portal):
    """A dialogue in New York on 2027-03-01 at 10:00 local time."""
    dialogue = create(
        portal["review"]["dialogues"],
        "ic",
        datetime(2027, 3, 1, 10),
        ZONE,
        "",
        "https://meet.example.org/dialogue",
        "Dialogue of the API's tests",
        "secretariat",
        datetime(2027, 1, 4, tzinfo=UTC),
    )
    commit(portal)
    return dialogue


def _by_number(response) -> dict:
    return {d["number"]: d for d in response.json["dialogues"]}


# -- the public list --------------------------------------------------------------


def test_the_public_list_shows_the_demo_dialogues_open_and_closed(api, portal):
    listed = _by_number(api.get(DIALOGUES, status=200))
    assert {1, 2} <= set(listed)
    opened, closed = listed[1], listed[2]
    assert (opened["registration_open"], closed["registration_open"]) == (True, False)
    assert (opened["working_group"], closed["working_group"]) == ("tip", "som")
    assert opened["working_group_name"] == "Working Group on Trafficking in Persons"
    assert opened["not_convened"] is False and opened["summary_published"] is False
    dialogue = portal["review"]["dialogues"]["1"]
    assert opened["timezone"] == "Europe/Vienna"
    assert datetime.fromisoformat(opened["starts_at"]) == dialogue.starts_at
    assert opened["starts_at"].endswith("Z")
    local = datetime.fromisoformat(opened["local_start"])
    assert local == dialogue.starts_at and local.hour == 15  # the demo's 15:00
    assert (
        local.utcoffset()
        == dialogue.starts_at.astimezone(ZoneInfo("Europe/Vienna")).utcoffset()
    )
    cutoff = datetime.fromisoformat(opened["registration_cutoff_local"])
    assert (cutoff.hour, cutoff.minute) == (0, 0)  # a local midnight
    assert datetime.fromisoformat(opened["registration_cutoff"]) == cutoff
    assert opened["url"].endswith("/review/dialogues/1/")


def test_the_list_reads_the_clock_and_any_token_or_none(api, portal, clock, own):
    clock.set(own.cutoff - timedelta(minutes=1))
    assert _by_number(api.get(DIALOGUES))[own.number]["registration_open"] is True
    clock.set(own.cutoff)
    garbage = api.get(DIALOGUES, headers=bearer("garbage"), status=200)
    listed = _by_number(garbage)[own.number]
    assert listed["registration_open"] is False
    # The cut-off is the start of the local day 14 days before (EST: UTC-5).
    assert listed["registration_cutoff"] == "2027-02-15T05:00:00Z"
    assert listed["registration_cutoff_local"] == "2027-02-15T00:00:00-05:00"
    assert listed["local_start"] == "2027-03-01T10:00:00-05:00"
    assert listed["link"] == "https://meet.example.org/dialogue"
    token = issue_token(api, "ngo-demo")
    api.get(DIALOGUES, headers=bearer(token), status=200)


# -- applications -----------------------------------------------------------------


def test_an_application_is_taken_until_the_cutoff_in_the_dialogue_zone(
    api, portal, outbox, clock, own
):
    clock.set(own.cutoff - timedelta(minutes=1))
    taken = api.post_json(_registrations(own.number), _application(), status=201)
    assert taken.json == {
        "number": 1,
        "status": PENDING,
        "confirmation_required": True,
    }
    page = f"/review/dialogues/{own.number}/registration-1/"
    assert taken.location.endswith(page)
    commit(portal)
    registration = portal["review"]["dialogues"][str(own.number)].registrations[1]
    account = portal["users"][registration.login]
    assert account.email == "ana@friends.example.org" and not account.active
    assert registration.organisation.name == "Friends of Justice"
    assert registration.representatives == ("Ana Lima", "Bo Chen")
    assert registration.files == ()
    assert [m["To"] for m in outbox()] == ["ana@friends.example.org"]

    clock.set(own.cutoff)
    late = _application(organisation={**_application()["organisation"]})
    late["organisation"]["contact_email"] = "late@example.org"
    refused = api.post_json(_registrations(own.number), late, status=409)
    [error] = refused.json["errors"]
    assert "2027-02-15 00:00" in error["description"]
    assert ZONE in error["description"]
    commit(portal)
    assert portal["users"].find_by_email("late@example.org") is None


def test_a_stakeholder_account_applies_with_its_token(api, portal, clock, own):
    clock.set(own.cutoff - timedelta(days=1))
    token = issue_token(api, "ngo-demo")
    path = _registrations(own.number)
    taken = api.post_json(path, _application(), headers=bearer(token), status=201)
    assert taken.json["confirmation_required"] is False
    commit(portal)
    registration = portal["review"]["dialogues"][str(own.number)].registrations[1]
    assert registration.login == "ngo-demo"
    again = api.post_json(path, _application(), headers=bearer(token), status=400)
    assert "already" in again.json["errors"][0]["description"]


@pytest.mark.parametrize("who", ["focal-fra", "secretariat"])
def test_officials_and_the_secretariat_do_not_apply(api, portal, clock, own, who):
    clock.set(own.cutoff - timedelta(days=1))
    token = issue_token(api, who)
    refused = api.post_json(
        _registrations(own.number), _application(), headers=bearer(token), status=403
    )
    assert "¶53(c)" in refused.json["errors"][0]["description"]
    commit(portal)
    assert not len(portal["review"]["dialogues"][str(own.number)].registrations)


def test_an_unknown_dialogue_is_404(api):
    api.post_json(_registrations(999), _application(), status=404)
    api.post_json(_registrations("nope"), _application(), status=404)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": 5}, "kind"),
        ({"kind": "government"}, "kind"),
        ({"representatives": "Ana Lima"}, "representatives"),
        ({"representatives": []}, "representatives"),
        ({"representatives": [1]}, "representatives.0"),
        ({"comments": ["x"]}, "comments"),
        ({"files": ["x.pdf"]}, ""),  # files go through the web form only
        ({"organisation": {"name": "N"}}, "organisation.contact_name"),
    ],
)
def test_bodies_are_strict_and_name_the_field(api, clock, own, changes, field):
    clock.set(own.cutoff - timedelta(days=1))
    refused = api.post_json(
        _registrations(own.number), _application(**changes), status=400
    )
    assert field in {e["name"] for e in refused.json["errors"]}


@pytest.mark.parametrize(
    ("organisation", "field"),
    [
        ({"contact_email": "not-an-address"}, "organisation.contact_email"),
        ({"website": "javascript:alert(1)"}, "organisation.website"),
        ({"country": "XXX"}, "organisation.country"),
        ({"contact_email": "focal-fra@example.org"}, "organisation.contact_email"),
    ],
)
def test_refusals_of_the_rules_name_the_field(
    api, portal, clock, own, organisation, field
):
    clock.set(own.cutoff - timedelta(days=1))
    body = _application(organisation={**_application()["organisation"], **organisation})
    refused = api.post_json(_registrations(own.number), body, status=400)
    assert refused.json["errors"][0]["name"] == field
    commit(portal)
    assert not len(portal["review"]["dialogues"][str(own.number)].registrations)


def test_anonymous_applications_are_limited_per_address(
    app, api, clock, own, monkeypatch
):
    monkeypatch.setitem(app.registry.settings, "sherloc.applications_per_address", "2")
    clock.set(own.cutoff - timedelta(days=1))
    path = _registrations(own.number)
    for n in range(2):
        body = _application(organisation={**_application()["organisation"]})
        body["organisation"]["contact_email"] = f"applicant{n}@example.org"
        api.post_json(path, body, status=201)
    body["organisation"]["contact_email"] = "applicant9@example.org"
    refused = api.post_json(path, body, status=429)
    assert int(refused.headers["Retry-After"]) > 0
    assert refused.json["status"] == "error"
    # Another address is not held back.
    other = webtest.TestApp(
        app, extra_environ={"HTTP_HOST": "localhost", "REMOTE_ADDR": "10.9.9.9"}
    )
    other.post_json(path, body, status=201)


def test_a_cookie_session_must_send_the_csrf_token(app, db, portal, clock, own):
    clock.set(own.cutoff - timedelta(days=1))
    client = webtest.TestApp(
        app,
        extra_environ={
            "wsgi.url_scheme": "https",
            "HTTP_HOST": "localhost",
            "REMOTE_ADDR": "10.0.0.1",
        },
    )
    login(client, "ngo-demo")
    path = _registrations(own.number)
    refused = client.post_json(path, _application(), status=400)
    assert refused.json["errors"][0]["name"] == "X-CSRF-Token"
    client.post_json(
        path,
        _application(),
        headers={"X-CSRF-Token": csrf_token(client), "Origin": "https://localhost"},
        status=201,
    )


# -- the job, through the server ------------------------------------------------------


def test_the_server_runs_the_job_for_cron(app, api, portal, outbox, clock, own):
    clock.set(own.cutoff - timedelta(days=1))
    token = issue_token(api, "ngo-demo")
    api.post_json(
        _registrations(own.number), _application(), headers=bearer(token), status=201
    )
    secretariat = bearer(issue_token(api, "secretariat"))
    france = bearer(issue_token(api, "focal-fra"))
    api.post_json(JOB, {}, headers=france, status=403)
    api.post_json(JOB, {}, headers=bearer(token), status=403)  # ngo-demo
    api.post_json(JOB, {}, status=403)
    api.post_json(JOB, {}, headers=secretariat, status=200)  # the demo's, if due
    commit(portal)
    assert portal["review"]["dialogues"][str(own.number)].circulated_at is None

    clock.set(own.cutoff)
    first = api.post_json(JOB, {}, headers=secretariat, status=200).json
    assert first["now"] == "2027-02-15T05:00:00Z"
    assert first["circulated"] >= 1 and first["sent"] >= 2
    commit(portal)
    dialogue = portal["review"]["dialogues"][str(own.number)]
    assert dialogue.circulated_at == own.cutoff.timestamp()
    to = {m["To"] for m in outbox()}
    assert {"ngo-demo@example.org", "focal-fra@example.org"} <= to
    again = api.post_json(JOB, {}, headers=secretariat, status=200).json
    assert (again["circulated"], again["settled"], again["sent"]) == (0, 0, 0)
