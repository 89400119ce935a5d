"""GET /api/v1/states: States, regional groups, participation; filters; access."""

import pytest

from sherloc_portal.api.testing import bearer, issue_token
from sherloc_portal.testing import DEMO_PASSWORD, login
from sherloc_review.api import STATUSES

URL = "/api/v1/states"
INSTRUMENTS = {"UNTOC", "TIP", "SOM", "FIREARMS"}


@pytest.fixture
def as_secretariat(testapp):
    return bearer(issue_token(testapp, "secretariat", DEMO_PASSWORD))


@pytest.fixture
def everything(testapp, as_secretariat):
    return testapp.get(URL, headers=as_secretariat).json


def _errors(response) -> list[tuple[str, str]]:
    assert response.json["status"] == "error"
    return [(e["location"], e["name"]) for e in response.json["errors"]]


def test_lists_every_state_with_group_and_participation(everything):
    states = {s["iso3"]: s for s in everything["states"]}
    assert everything["count"] == len(states) > 190
    france = states["FRA"]
    assert france["name"] == "France"
    assert france["regional_group"] == "WEOG"
    assert set(france["instruments"]) == INSTRUMENTS
    assert france["instruments"]["UNTOC"] == "party"
    assert isinstance(france["provisional"], bool)
    for state in states.values():
        assert set(state["instruments"].values()) <= set(STATUSES)


def test_a_state_in_no_regional_group_says_null(everything):
    states = {s["iso3"]: s for s in everything["states"]}
    assert states["EUE"]["regional_group"] is None


def test_filter_by_regional_group(testapp, as_secretariat, everything):
    africa = testapp.get(URL, {"regional_group": "AFR"}, headers=as_secretariat).json
    expected = [s for s in everything["states"] if s["regional_group"] == "AFR"]
    assert africa["states"] == expected
    assert 0 < africa["count"] == len(expected) < everything["count"]


def test_filter_by_instrument_status(testapp, as_secretariat, everything):
    query = {"instrument": "SOM", "status": "party"}
    parties = testapp.get(URL, query, headers=as_secretariat).json
    expected = [s for s in everything["states"] if s["instruments"]["SOM"] == "party"]
    assert parties["states"] == expected
    assert 0 < parties["count"] < everything["count"]


def test_filters_combine(testapp, as_secretariat, everything):
    query = {"regional_group": "WEOG", "instrument": "FIREARMS", "status": "signatory"}
    found = testapp.get(URL, query, headers=as_secretariat).json["states"]
    assert found == [
        s
        for s in everything["states"]
        if s["regional_group"] == "WEOG" and s["instruments"]["FIREARMS"] == "signatory"
    ]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"regional_group": "MARS"}, "regional_group"),
        ({"regional_group": ["AFR", "EEG"]}, "regional_group"),
        ({"instrument": "KYOTO", "status": "party"}, "instrument"),
        ({"instrument": "SOM", "status": "maybe"}, "status"),
        ({"instrument": "SOM"}, ""),
        ({"status": "party"}, ""),
    ],
)
def test_bad_filters_are_400_naming_the_parameter(
    testapp, as_secretariat, query, field
):
    response = testapp.get(URL, query, headers=as_secretariat, status=400)
    assert _errors(response) == [("querystring", field)]


def test_anonymous_is_refused_with_json(testapp):
    response = testapp.get(URL, status=403)
    assert _errors(response) == [("url", "")]


def test_account_without_the_permission_is_refused(testapp):
    token = issue_token(testapp, "ngo-demo", DEMO_PASSWORD)
    testapp.get(URL, headers=bearer(token), status=403)


def test_bad_filters_from_a_stranger_are_still_403(testapp):
    """Authorization comes before validation: no probing of vocabularies."""
    testapp.get(URL, {"regional_group": "MARS"}, status=403)


def test_a_browser_session_works_too(testapp):
    login(testapp, "secretariat", DEMO_PASSWORD)
    assert testapp.get(URL).json["count"] > 190
