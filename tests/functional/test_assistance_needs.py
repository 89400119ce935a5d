"""The needs of every review for the Working Group on Technical Assistance
(¶44): the page, its CSV and ``GET /api/v1/assistance-needs``.

The demo has Jordan's two needs (JOR/1/1 training, high; JOR/1/2 data,
medium); the tests plant rows of other States in the index.
"""

from __future__ import annotations

import csv
import io

import pytest

from sherloc_portal.api import API_PREFIX
from sherloc_portal.api.testing import bearer, issue_token
from sherloc_portal.testing import client_as, commit
from sherloc_review.assistance.records import key
from sherloc_review.assistance.resources import NeedRow

from ..assistance.conftest import withhold_need
from .test_openapi import _escape, _validator

L = "/review/assistance-needs"
CSV = "/review/assistance-needs.csv"
API = f"{API_PREFIX}/assistance-needs"
SECRET = "A case-management system."  # JOR/1/2's text


def _plant(portal, iso3, number, text="Planted need.", **kw):
    row = NeedRow(
        iso3,
        1,
        number,
        kw.get("instrument", "UNTOC"),
        kw.get("article", "5"),
        kw.get("need", "legislative"),
        kw.get("priority", "low"),
        text,
        kw.get("status", "addressed"),
        kw.get("requested", True),
        kw.get("withheld", False),
        "2027-01-01",
    )
    portal["review"].assistance_index[key(iso3, 1, number)] = row
    commit(portal)


def _withhold(portal):
    jordan = portal["review"]["countries"]["JOR"].phases[1]
    withhold_need(portal["review"], jordan, 2)
    commit(portal)


def _keys(page) -> list[str]:
    table = page.html.find(id="needs")
    if table is None:
        return []
    return [tr["data-key"] for tr in table.find_all("tr", attrs={"data-key": True})]


def _csv(response) -> list[list[str]]:
    assert response.body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.body.decode("utf-8-sig"))))


def _api(testapp, who, status=200, **params):
    headers = bearer(issue_token(testapp, who)) if who else {}
    return testapp.get(API, params=params, headers=headers, status=status)


# -- who reads ------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["secretariat", "focal-fra", "focal-ken", "chair-demo", "bureau-demo"]
)
def test_the_working_group_and_the_secretariat_read_the_list(app, db, who):
    page = client_as(app, who).get(L)
    assert _keys(page) == ["JOR/1/1", "JOR/1/2"]
    assert page.html.find(id="total")["data-total"] == "2"
    client_as(app, who).get(CSV, status=200)


@pytest.mark.parametrize("who", ["ngo-demo", "admin"])
def test_others_are_refused_the_page_and_the_csv(app, db, who):
    client_as(app, who).get(L, status=403)
    client_as(app, who).get(CSV, status=403)


def test_anonymous_is_refused(testapp):
    testapp.get(L, status=303)
    testapp.get(CSV, status=303)
    _api(testapp, None, status=403)


@pytest.mark.parametrize("who", ["ngo-demo", "admin"])
def test_others_are_refused_the_api(testapp, who):
    _api(testapp, who, status=403)


# -- filters, order, pages --------------------------------------------------------


def test_filters_select_and_the_order_is_by_state_name(app, db, portal):
    _plant(portal, "ZMB", 1)
    _plant(portal, "ALB", 1, requested=False, status="not-addressed")
    client = client_as(app, "focal-fra")
    assert _keys(client.get(L)) == ["ALB/1/1", "JOR/1/1", "JOR/1/2", "ZMB/1/1"]
    assert _keys(client.get(L, {"need": "training"})) == ["JOR/1/1"]
    assert _keys(client.get(L, {"requested": "no", "group": "EEG"})) == ["ALB/1/1"]
    assert _keys(client.get(L, {"state": "ZMB", "need": ""})) == ["ZMB/1/1"]
    page = client.get(L, {"instrument": "UNTOC", "article": "23"})
    assert _keys(page) == ["JOR/1/1"]
    assert page.forms["filters"]["article"].value == "23"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"need": "money"}, "need"),
        ({"priority": "urgent"}, "priority"),
        ({"requested": "maybe"}, "requested"),
        ({"group": "MARS"}, "group"),
        ({"state": "XXX"}, "state"),
        ({"instrument": "TIP", "article": "23"}, "article"),
        ({"page": "x"}, "page"),
    ],
)
def test_unknown_filter_values_are_400_naming_the_filter(app, db, params, field):
    client = client_as(app, "secretariat")
    page = client.get(L, params, status=400)
    assert f"“{field}”" in page.text
    client.get(CSV, params, status=400)


def test_the_list_is_paged(app, db, portal):
    for number in range(1, 5):
        _plant(portal, "ALB", number)
    client = client_as(app, "focal-fra")
    first = client.get(L, {"limit": "4"})
    assert _keys(first) == ["ALB/1/1", "ALB/1/2", "ALB/1/3", "ALB/1/4"]
    second = first.click(href="page=2")
    assert _keys(second) == ["JOR/1/1", "JOR/1/2"]
    assert second.html.find(id="total")["data-total"] == "6"


# -- what is withheld (¶38) ---------------------------------------------------------


def test_withheld_needs_never_reach_the_working_group(app, db, portal, testapp):
    _withhold(portal)
    for who in ("focal-fra", "focal-jor", "chair-demo"):
        client = client_as(app, who)
        page = client.get(L)
        assert _keys(page) == ["JOR/1/1"] and SECRET not in page.text
        assert SECRET not in client.get(L, {"need": "data"}).text
        rows = _csv(client.get(CSV))
        assert "withheld" not in rows[0] and len(rows) == 2
        assert SECRET not in client.get(CSV).body.decode("utf-8-sig")
        answer = _api(testapp, who).json
        assert [n["number"] for n in answer["needs"]] == [1] and answer["total"] == 1
        assert SECRET not in _api(testapp, who, need="data").text


def test_the_secretariat_sees_withheld_needs_marked(app, db, portal, testapp):
    _withhold(portal)
    client = client_as(app, "secretariat")
    page = client.get(L)
    assert _keys(page) == ["JOR/1/1", "JOR/1/2"]
    row = page.html.find("tr", attrs={"data-key": "JOR/1/2"})
    assert row["data-withheld"] == "yes" and row.find(class_="withheld")
    header, *rows = _csv(client.get(CSV))
    assert header[-1] == "withheld" and [r[-1] for r in rows] == ["", "yes"]
    needs = _api(testapp, "secretariat").json["needs"]
    assert [n.get("withheld") for n in needs] == [None, True]


# -- CSV ---------------------------------------------------------------------------


def test_the_csv_is_the_filtered_list_and_runs_no_formula(app, db, portal):
    _plant(portal, "ALB", 1, text='=HYPERLINK("http://x")')
    _plant(portal, "ALB", 2, text="+1", need="data")
    _plant(portal, "ALB", 3, text="@SUM(A1)", need="data")
    _plant(portal, "ALB", 4, text="-2 كتابة", need="data")
    response = client_as(app, "focal-fra").get(CSV, {"state": "ALB"})
    assert response.content_type == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    header, *rows = _csv(response)
    assert header[:3] == ["state", "iso3", "regional_group"]
    text = header.index("text")
    assert [r[text] for r in rows] == [
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'@SUM(A1)",
        "'-2 كتابة",
    ]
    assert rows[0][:5] == ["Albania", "ALB", "EEG", "1", "1"]
    filtered = _csv(client_as(app, "focal-fra").get(CSV, {"need": "data"}))
    assert [r[1] + "/" + r[4] for r in filtered[1:]] == [
        "ALB/2",
        "ALB/3",
        "ALB/4",
        "JOR/2",
    ]


# -- API ---------------------------------------------------------------------------


def test_the_api_gives_the_needs_in_its_shape(testapp):
    answer = _api(testapp, "focal-ken").json
    assert answer["total"] == 2 and answer["page"] == 1 and answer["limit"] == 50
    assert answer["needs"][0] == {
        "iso3": "JOR",
        "state": "Jordan",
        "phase": 1,
        "number": 1,
        "instrument": "UNTOC",
        "article": "23",
        "need": "training",
        "priority": "high",
        "text": "Training of investigators. Demonstration content, not an "
        "official text.",
        "status": "not-addressed",
        "requested": True,  # the demo asked for it (¶45)
        "agreed_on": answer["needs"][0]["agreed_on"],
    }


def test_the_api_filters_and_pages(testapp, portal):
    for number in range(1, 4):
        _plant(portal, "ALB", number)
    token = bearer(issue_token(testapp, "secretariat"))
    answer = testapp.get(API, {"limit": "2", "page": "2"}, headers=token).json
    assert [(n["iso3"], n["number"]) for n in answer["needs"]] == [
        ("ALB", 3),
        ("JOR", 1),
    ]
    assert answer["total"] == 5 and answer["page"] == 2 and answer["limit"] == 2
    answer = testapp.get(
        API, {"group": "APG", "status": "not-addressed"}, headers=token
    )
    assert [n["number"] for n in answer.json["needs"]] == [1]  # 2 is in progress


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"priority": "urgent"}, "priority"),
        ({"state": "XXX"}, "state"),
        ({"article": "999"}, "article"),
        ({"limit": "1000"}, "limit"),
        ({"page": "0"}, "page"),
    ],
)
def test_the_api_refuses_unknown_filter_values_naming_them(testapp, params, field):
    answer = _api(testapp, "secretariat", status=400, **params).json
    assert answer["status"] == "error"
    assert [(e["location"], e["name"]) for e in answer["errors"]] == [
        ("querystring", field)
    ]


@pytest.mark.parametrize(
    ("who", "params", "status"),
    [
        ("secretariat", {}, 200),
        ("focal-fra", {"need": "training"}, 200),
        ("secretariat", {"priority": "urgent"}, 400),
        ("ngo-demo", {}, 403),
        (None, {}, 403),
    ],
)
def test_real_answers_validate_against_the_document(
    testapp, portal, who, params, status
):
    _withhold(portal)
    document = testapp.get(f"{API_PREFIX}/openapi.json").json
    operation = document["paths"]["/assistance-needs"]["get"]
    assert str(status) in operation["responses"]
    answer = _api(testapp, who, status=status, **params)
    pointer = "/".join(
        [
            "",
            "paths",
            _escape("/assistance-needs"),
            "get",
            "responses",
            str(status),
            "content",
            _escape("application/json"),
            "schema",
        ]
    )
    _validator(document, pointer).validate(answer.json)
