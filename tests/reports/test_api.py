"""``GET /api/v1/reports/general``: token auth, the same readers and
filters as the page, answers that match the served OpenAPI document."""

from __future__ import annotations

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from sherloc_portal.api.testing import bearer, issue_token
from sherloc_portal.testing import client_as, commit

URL = "/api/v1/reports/general"
PATH = "/reports/general"


@pytest.fixture
def api(app, db):
    return client_as(app)


@pytest.fixture
def document(api):
    return api.get("/api/v1/openapi.json").json


def _valid(document, status: int, body) -> None:
    """``body`` validates against the documented answer ``status``."""
    registry = Registry().with_resource(
        "urn:doc", Resource.from_contents(document, default_specification=DRAFT202012)
    )
    pointer = (
        f"/paths/~1reports~1general/get/responses/{status}"
        "/content/application~1json/schema"
    )
    jsonschema.Draft202012Validator(
        {"$ref": f"urn:doc#{pointer}"}, registry=registry
    ).validate(body)


def test_documented_with_its_filters_and_refusals(document):
    operation = document["paths"][PATH]["get"]
    assert {p["name"] for p in operation["parameters"]} == {
        "instrument",
        "cluster",
        "regional_group",
    }
    assert {"200", "400", "403"} <= set(operation["responses"])
    assert operation["security"] == [{"bearer": []}]


@pytest.mark.parametrize("who", ["focal-fra", "secretariat", "chair-demo"])
def test_readers_get_the_figures(api, document, who):
    response = api.get(URL, headers=bearer(issue_token(api, who)))
    _valid(document, 200, response.json)
    body = response.json
    [cluster] = body["by_cluster"]
    assert cluster["answers"] == {"yes": 33, "partly": 6, "no": 4}
    assert cluster["label"] == "I. Criminalization and jurisdiction"
    assert body["overall"]["needs"]["data"] == 1
    assert [p["iso3"] for p in body["best_practices"]] == ["JOR"]
    assert body["counted"] == {"responses": 4, "lists": 1}
    assert body["introduction"] is None


def test_filters_and_the_introduction(api, document, portal):
    reports = portal["review"]["reports"]
    reports.introduction.revise("Analysis.", "secretariat", 0, 1.0)
    commit(portal)
    response = api.get(
        URL,
        params={"regional_group": "APG", "instrument": "TIP"},
        headers=bearer(issue_token(api, "focal-fra")),
    )
    _valid(document, 200, response.json)
    body = response.json
    assert body["filters"] == {
        "instrument": "TIP",
        "cluster": "",
        "regional_group": "APG",
    }
    assert [t["key"] for t in body["by_article"]] == ["TIP:3", "TIP:5"]
    assert body["introduction"]["text"] == "Analysis."


@pytest.mark.parametrize(
    "params",
    [
        {"instrument": "UNCAC"},
        {"cluster": "IX"},
        {"regional_group": "MARS"},
        {"instrument": ["UNTOC", "TIP"]},
    ],
)
def test_bad_filters_are_400_naming_them(api, document, params):
    response = api.get(
        URL, params=params, headers=bearer(issue_token(api, "focal-fra")), status=400
    )
    _valid(document, 400, response.json)
    assert response.json["errors"][0]["name"] == next(iter(params))


@pytest.mark.parametrize("who", ["ngo-demo", "admin", None])
def test_others_are_refused(api, document, who):
    headers = bearer(issue_token(api, who)) if who else {}
    response = api.get(URL, headers=headers, status=403)
    _valid(document, 403, response.json)
    assert "Jordan" not in response.text


def test_a_withheld_entry_is_never_given(
    api, portal, withheld_practice, release, marker
):
    withheld_practice()
    commit(portal)
    headers = bearer(issue_token(api, "secretariat"))
    assert marker not in api.get(URL, headers=headers).text
    release()
    commit(portal)
    assert marker in api.get(URL, headers=headers).text
