"""The drawing of lots in the portal: prepare, commit, reveal, publish, verify.

The demo profile made draw 1 with its public seed; these tests prepare and
run draw 2 as the Secretariat would at the intersessional meeting (¶28).
"""

import hashlib
import json

import pytest
import webtest

from sherloc_portal.testing import commit, csrf_token, login
from sherloc_review.draw.record import verify
from sherloc_review.draws.setup import DEMO_SEED


def _client(app, who=None):
    client = webtest.TestApp(
        app, extra_environ={"HTTP_HOST": "localhost", "REMOTE_ADDR": "127.0.0.1"}
    )
    if who:
        login(client, who)
    return client


@pytest.fixture
def secretariat(app, db):
    return _client(app, "secretariat")


def _prepare(client, title="Joint intersessional meeting, November 2026", seed=""):
    form = client.get("/review/draws/prepare").forms["prepare-draw"]
    form["title"] = title
    form["seed"] = seed
    return form.submit("prepare")


def test_demo_draw_is_published_and_replays(secretariat):
    page = secretariat.get("/review/draws/1")
    assert page.html.find(id="seed").text == DEMO_SEED
    rows = page.html.find(id="reviews").find_all("tr", attrs={"data-iso3": True})
    assert len(rows) == 193
    record = secretariat.get("/review/draws/1/record.json")
    assert "attachment" in record.headers["Content-Disposition"]
    assert verify(record.json) == []


def test_prepare_commits_then_reveal_draws(secretariat, portal):
    response = _prepare(secretariat, seed="meeting seed 2026")
    assert response.status_int == 303 and response.location.endswith("/review/draws/2/")
    page = response.follow()
    commitment = hashlib.sha256(b"meeting seed 2026").hexdigest()
    assert page.html.find(id="commitment").text == commitment
    assert page.html.find(id="seed-secret") is not None
    assert "meeting seed 2026" not in page.text
    before = secretariat.get("/review/draws/2/record.json").json
    assert before["seed"] is None and "draw" not in before

    form = page.forms["run-form"]
    after = form.submit().follow()
    assert after.html.find(id="seed").text == "meeting seed 2026"
    groups = after.html.find_all(attrs={"data-group": True})
    assert [len(g.text.split(",")) for g in groups] in (
        [64, 64, 65],
        [64, 65, 64],
        [65, 64, 64],
    )
    record = secretariat.get("/review/draws/2/record.json").json
    assert record["commitment"] == commitment and verify(record) == []
    commit(portal)  # see what the requests committed
    countries = portal["review"]["countries"]
    assert countries.draw == "2"
    fra = countries["FRA"]
    drawn = {
        r["state"]
        for r in next(
            r for r in record["draw"]["reviews"] if r["under_review"] == "FRA"
        )["reviewers"]
    }
    assert {r.state for r in fra.reviewers} == drawn


def test_a_random_seed_is_made_when_none_is_given(secretariat, portal):
    _prepare(secretariat)
    commit(portal)
    record = portal["review"]["draws"]
    secret = record["2"].secret_seed()
    assert len(secret) >= 32
    assert record["2"].commitment == hashlib.sha256(secret.encode()).hexdigest()


def test_a_draw_is_made_only_once(secretariat):
    page = _prepare(secretariat, seed="once").follow()
    token = page.forms["run-form"]["csrf_token"].value
    secretariat.post("/review/draws/2/run", {"csrf_token": token}, status=303)
    again = secretariat.post("/review/draws/2/run", {"csrf_token": token}, status=409)
    assert "already" in again.html.find(id="draw-error").text
    first = secretariat.get("/review/draws/2/record.json").json
    assert first["seed"] == "once"


def test_bad_title_is_refused_on_the_form(secretariat):
    response = secretariat.get("/review/draws/prepare").forms["prepare-draw"]
    response["title"] = "x"
    page = response.submit("prepare", status=400)
    assert page.html.find(attrs={"aria-invalid": "true"}) is not None


@pytest.mark.parametrize("who", ["focal-fra", "expert-deu", "admin", "ngo-demo"])
def test_only_the_secretariat_prepares_and_runs(app, db, who):
    client = _client(app, who)
    client.get("/review/draws/prepare", status=403)
    token = csrf_token(client)
    client.post("/review/draws/1/run", {"csrf_token": token}, status=403)


def test_state_officials_see_records_ngos_and_the_public_do_not(app, db):
    assert _client(app, "focal-ken").get("/review/draws/1").status_int == 200
    _client(app, "ngo-demo").get("/review/draws", status=403)
    _client(app, "ngo-demo").get("/review/draws/1/record.json", status=403)
    anonymous = _client(app).get("/review/draws/1", expect_errors=True)
    assert anonymous.status_int in (302, 303, 403)
    assert DEMO_SEED not in anonymous.text


def test_running_needs_the_csrf_token(secretariat):
    _prepare(secretariat, seed="csrf")
    secretariat.post("/review/draws/2/run", {}, status=400)
    assert secretariat.get("/review/draws/2/record.json").json["seed"] is None


def test_the_result_page_prints_without_navigation(secretariat):
    css = secretariat.get("/theme-static/theme.css").text
    assert "@media print" in css and ".no-print" in css
    page = secretariat.get("/review/draws/1")
    assert "printable" in page.html.find(id="reviews")["class"]


def test_record_json_round_trips_for_the_command_line(secretariat, tmp_path):
    data = secretariat.get("/review/draws/1/record.json").json
    path = tmp_path / "record.json"
    path.write_text(json.dumps(data))
    from sherloc_review.draw.cli import main

    assert main(["verify", str(path)]) == 0
