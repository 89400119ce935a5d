"""The list of observations over the API (issue contract):
``GET /api/v1/reviews/{iso3}/phases/{n}/observations`` and
``POST …/observations/approvals``."""

from __future__ import annotations

import pytest

from sherloc_portal.api.testing import bearer, issue_token
from sherloc_portal.testing import client_as

SGP = "/api/v1/reviews/SGP/phases/1/observations"
JOR = "/api/v1/reviews/JOR/phases/1/observations"


@pytest.fixture
def call(app, db):
    """``call(login)``: a cookie-less client's headers for ``login``."""
    api = client_as(app)

    def headers(login: str | None) -> dict:
        return bearer(issue_token(api, login)) if login else {}

    return api, headers


def test_the_parties_read_the_current_version_and_its_approvals(call):
    api, headers = call
    body = api.get(SGP, headers=headers("expert-rus")).json
    assert body["view"] == "parties" and body["version"] == 5
    assert body["parties"] == ["SGP", "CHN", "RUS"]
    assert body["waiting_for"] == ["RUS"]
    assert [(a["party"], a["version"], a["current"]) for a in body["approvals"]] == [
        ("SGP", 5, True),
        ("CHN", 5, True),
    ]
    assert [e["kind"] for e in body["entries"]] == [
        "gap",
        "practice",
        "suggestion",
        "assistance",
        "assistance",
    ]
    assert body["entries"][3]["need"] == "training"
    assert body["entries"][0]["cites"][0].startswith("responses/UNTOC/")


@pytest.mark.parametrize("who", ["focal-fra", "ngo-demo", "chair-demo", None])
def test_before_the_agreement_only_the_parties_read(call, who):
    api, headers = call
    api.get(SGP, headers=headers(who), status=403)


def test_the_working_groups_read_the_agreed_paper(call):
    api, headers = call
    body = api.get(JOR, headers=headers("focal-nld")).json
    assert body["view"] == "conference-room-paper"
    assert body["agreed"]["version"] == body["version"]
    assert body["entries"] and all(e["cites"] == [] for e in body["entries"])
    # Neither entry numbers (gaps would count withheld entries) nor logins.
    assert all("number" not in e and "revision" not in e for e in body["entries"])
    assert body["approvals"] and all("by" not in a for a in body["approvals"])
    api.get(JOR, headers=headers("ngo-demo"), status=403)


def test_the_last_approval_agrees_the_list_and_again_answers_alike(call):
    api, headers = call
    russia = headers("focal-rus")
    body = api.post_json(f"{SGP}/approvals", {"version": 5}, headers=russia).json
    assert body["agreed"] == {"version": 5, "on": body["agreed"]["on"]}
    assert body["waiting_for"] == [] and body["state"] == "summary"
    again = api.post_json(f"{SGP}/approvals", {"version": 5}, headers=russia)
    assert again.json["agreed"]["version"] == 5


def test_a_version_no_longer_current_is_a_409(call):
    api, headers = call
    refused = api.post_json(
        f"{SGP}/approvals", {"version": 4}, headers=headers("focal-rus"), status=409
    )
    assert refused.json["errors"][0]["name"] == "version"
    body = api.get(SGP, headers=headers("focal-rus")).json
    assert body["waiting_for"] == ["RUS"]


@pytest.mark.parametrize(
    "data",
    [{"version": "5"}, {"version": 0}, {}, {"version": 5, "party": "CHN"}, [5]],
)
def test_bad_bodies_are_400s_naming_the_field(call, data):
    api, headers = call
    api.post_json(f"{SGP}/approvals", data, headers=headers("focal-rus"), status=400)


@pytest.mark.parametrize("who", ["expert-rus", "focal-fra", "ngo-demo", None])
def test_only_a_partys_focal_point_approves(call, who):
    api, headers = call
    api.post_json(f"{SGP}/approvals", {"version": 5}, headers=headers(who), status=403)


def test_an_unknown_review_or_phase_answers_alike(call):
    api, headers = call
    for path in (
        "/api/v1/reviews/XXX/phases/1/observations",
        "/api/v1/reviews/SGP/phases/9/observations",
    ):
        response = api.get(path, headers=headers("focal-fra"), expect_errors=True)
        assert response.status_int in (403, 404)
