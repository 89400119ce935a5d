"""The drawing of lots in the portal: prepare, commit, reveal, publish, verify.

The demo profile made draw 1 with its public seed; these tests prepare and
run draw 2 as the Secretariat would at the intersessional meeting (¶28).
"""

import hashlib
import json

import pytest

from sherloc_portal.testing import client_as, commit, csrf_token
from sherloc_review.draw.record import verify
from sherloc_review.draws.setup import DEMO_SEED


@pytest.fixture
def secretariat(app, db):
    return client_as(app, "secretariat")


def _prepare(client, title="Joint intersessional meeting, November 2026"):
    form = client.get("/review/draws/prepare").forms["prepare-draw"]
    form["title"] = title
    return form.submit("prepare")


def _secret(portal, number="2") -> str:
    commit(portal)  # see what the requests committed
    return portal["review"]["draws"][number].secret_seed()


def test_demo_draw_is_published_and_replays(secretariat):
    page = secretariat.get("/review/draws/1")
    assert page.html.find(id="seed").text == DEMO_SEED
    rows = page.html.find(id="reviews").find_all("tr", attrs={"data-iso3": True})
    assert len(rows) == 193
    record = secretariat.get("/review/draws/1/record.json")
    assert "attachment" in record.headers["Content-Disposition"]
    assert verify(record.json) == []


def test_prepare_commits_then_reveal_draws(secretariat, portal):
    response = _prepare(secretariat)
    assert response.status_int == 303 and response.location.endswith("/review/draws/2/")
    page = response.follow()
    secret = _secret(portal)
    commitment = hashlib.sha256(secret.encode()).hexdigest()
    assert page.html.find(id="commitment").text == commitment
    assert page.html.find(id="seed-secret") is not None
    assert secret not in page.text
    before = secretariat.get("/review/draws/2/record.json").json
    assert before["seed"] is None and "draw" not in before

    form = page.forms["run-form"]
    after = form.submit().follow()
    assert after.html.find(id="seed").text == secret
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


def test_the_portal_makes_an_unguessable_seed(secretariat, portal):
    _prepare(secretariat)
    first = _secret(portal)
    _prepare(secretariat, title="Another draw")
    second = _secret(portal, "3")
    assert len(first) >= 32 and first != second
    record = portal["review"]["draws"]["2"]
    assert record.commitment == hashlib.sha256(first.encode()).hexdigest()


def test_a_draw_is_made_only_once(secretariat, portal):
    page = _prepare(secretariat).follow()
    token = page.forms["run-form"]["csrf_token"].value
    secretariat.post("/review/draws/2/run", {"csrf_token": token}, status=303)
    again = secretariat.post("/review/draws/2/run", {"csrf_token": token}, status=409)
    assert "already" in again.html.find(id="draw-error").text
    first = secretariat.get("/review/draws/2/record.json").json
    assert first["seed"] == _secret(portal)


def test_bad_title_is_refused_on_the_form(secretariat):
    response = secretariat.get("/review/draws/prepare").forms["prepare-draw"]
    response["title"] = "x"
    page = response.submit("prepare", status=400)
    assert page.html.find(attrs={"aria-invalid": "true"}) is not None


@pytest.mark.parametrize("who", ["focal-fra", "expert-deu", "admin", "ngo-demo"])
def test_only_the_secretariat_prepares_and_runs(app, db, who):
    client = client_as(app, who)
    client.get("/review/draws/prepare", status=403)
    token = csrf_token(client)
    client.post("/review/draws/1/run", {"csrf_token": token}, status=403)


def test_state_officials_see_records_ngos_and_the_public_do_not(app, db):
    assert client_as(app, "focal-ken").get("/review/draws/1").status_int == 200
    client_as(app, "ngo-demo").get("/review/draws", status=403)
    client_as(app, "ngo-demo").get("/review/draws/1/record.json", status=403)
    anonymous = client_as(app).get("/review/draws/1", expect_errors=True)
    assert anonymous.status_int in (302, 303, 403)
    assert DEMO_SEED not in anonymous.text


def test_running_needs_the_csrf_token(secretariat):
    _prepare(secretariat)
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


def test_officials_of_a_signatory_and_administrators_see_no_draw(app, db, portal):
    from sherloc_portal.resources.users import User
    from sherloc_portal.testing import DEMO_PASSWORD

    user = portal["users"].add_user(User("focal-irn", "focal-irn@example.org"))
    user.password_hash = app.registry.sherloc_passwords.hash(DEMO_PASSWORD)
    user.state, user.state_role, user.active = "IRN", "focal", True  # signatory
    commit(portal)
    for who in ("focal-irn", "admin"):
        client = client_as(app, who)
        for path in (
            "/review/draws/1",
            "/review/draws/1/record.json",
            "/review/countries/FRA",
        ):
            response = client.get(path, expect_errors=True)
            assert response.status_int == 403, (who, path)
            assert DEMO_SEED not in response.text
