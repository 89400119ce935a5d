"""POST /api/v1/draws, GET /api/v1/draws/{id}, GET /api/v1/reviews/{iso3}."""

import hashlib

import pytest

from sherloc_portal.api.testing import bearer, issue_token
from sherloc_portal.testing import DEMO_PASSWORD, commit
from sherloc_review.draw.record import verify


def _token(testapp, who):
    return bearer(issue_token(testapp, who, DEMO_PASSWORD))


@pytest.fixture
def secretariat(testapp):
    return _token(testapp, "secretariat")


def test_post_draws_returns_the_contract_and_stores_a_record(
    testapp, secretariat, portal
):
    response = testapp.post_json(
        "/api/v1/draws", {"seed": "api seed"}, headers=secretariat, status=201
    )
    data = response.json
    assert set(data) == {"id", "commitment", "seed", "groups", "reviews"}
    assert data["seed"] == "api seed"
    assert data["commitment"] == hashlib.sha256(b"api seed").hexdigest()
    assert sorted(data["groups"]) == ["1", "2", "3"]
    assert len(data["reviews"]) == 193
    assert response.location.endswith(f"/api/v1/draws/{data['id']}")
    record = testapp.get(response.location, headers=secretariat).json
    assert verify(record) == []
    assert record["draw"]["reviews"] == data["reviews"]
    commit(portal)
    assert portal["review"]["countries"].draw == data["id"]
    review = testapp.get("/api/v1/reviews/FRA", headers=secretariat).json
    drawn = next(r for r in data["reviews"] if r["under_review"] == "FRA")
    assert review["reviewers"] == drawn["reviewers"]
    assert review["group"] == next(g for g, m in data["groups"].items() if "FRA" in m)


def test_the_same_seed_gives_the_same_draw(testapp, secretariat):
    first = testapp.post_json("/api/v1/draws", {"seed": "again"}, headers=secretariat)
    second = testapp.post_json("/api/v1/draws", {"seed": "again"}, headers=secretariat)
    assert first.json["id"] != second.json["id"]
    assert first.json["reviews"] == second.json["reviews"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "seed"),
        ({"seed": ""}, "seed"),
        ({"seed": ["x"]}, "seed"),
        ({"seed": "x", "title": "x"}, "title"),
        ({"seed": "x", "other": 1}, "other"),
    ],
)
def test_bad_bodies_are_400_naming_the_field(testapp, secretariat, body, field):
    response = testapp.post_json("/api/v1/draws", body, headers=secretariat, status=400)
    errors = response.json["errors"]
    assert any(
        field in (e["name"], e["description"]) or field in e["description"]
        for e in errors
    ), errors


@pytest.mark.parametrize("who", ["focal-fra", "admin", "ngo-demo"])
def test_only_the_secretariat_posts_draws(testapp, who):
    testapp.post_json(
        "/api/v1/draws", {"seed": "x"}, headers=_token(testapp, who), status=403
    )


def test_records_and_reviews_for_state_officials(testapp):
    focal = _token(testapp, "focal-ken")
    record = testapp.get("/api/v1/draws/1", headers=focal).json
    assert record["seed"] == "sherloc-demo-2026"
    review = testapp.get("/api/v1/reviews/FRA", headers=focal).json
    assert review["under_review"] == "FRA" and review["draw"] == "1"
    assert review["phase"] is None or review["phase"]["phase"] in "1234"
    roles = [r["regional_group_role"] for r in review["reviewers"]]
    assert roles.count("same") == 1 and roles.count("other") == 1


def test_ngo_and_anonymous_are_refused_and_unknown_is_404(testapp):
    ngo = _token(testapp, "ngo-demo")
    testapp.get("/api/v1/reviews/FRA", headers=ngo, status=403)
    testapp.get("/api/v1/draws/1", headers=ngo, status=403)
    testapp.get("/api/v1/reviews/FRA", status=403)
    secretariat = _token(testapp, "secretariat")
    testapp.get("/api/v1/reviews/XYZ", headers=secretariat, status=404)
    testapp.get("/api/v1/draws/99", headers=secretariat, status=404)


def test_a_prepared_draw_hides_its_seed(testapp, portal):
    from sherloc_review.draws.meeting import prepare

    record = prepare(portal["review"], "Prepared", "secret seed", "secretariat")
    commit(portal)
    data = testapp.get(
        f"/api/v1/draws/{record.number}", headers=_token(testapp, "secretariat")
    ).json
    assert data["seed"] is None and "draw" not in data
    assert data["commitment"] == hashlib.sha256(b"secret seed").hexdigest()


def test_a_draw_that_fails_leaves_no_record(testapp, secretariat, portal, monkeypatch):
    from sherloc_review.draw import InfeasibleDraw
    from sherloc_review.draw.errors import _
    from sherloc_review.draws import api

    def fail(*args):
        raise InfeasibleDraw(_("The seed is empty: give the seed to draw with."))

    monkeypatch.setattr(api, "run", fail)
    response = testapp.post_json(
        "/api/v1/draws", {"seed": "doomed"}, headers=secretariat, status=400
    )
    assert "seed" in response.json["errors"][0]["description"]
    commit(portal)
    assert list(portal["review"]["draws"]) == ["1"]
