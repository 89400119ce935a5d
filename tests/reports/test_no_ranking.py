"""¶4(b): the report never ranks States.

Two datasets in which Argentina, Italy and Jordan swap who reports more
gaps and who answers "no": wherever States appear (the page, the CSV, the
PDF, the API) they appear in the same order in both, by name; and no
column or field holds a figure of one State.
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from sherloc_portal.api.testing import bearer, issue_token
from sherloc_portal.testing import client_as, commit
from sherloc_review.outcomes.blueprint import GAP, PRACTICE
from sherloc_review.reports.index import (
    Answered,
    ListRow,
    ReportEntry,
    ResponsesRow,
    list_key,
    responses_key,
)

NAMES = ("Argentina", "Italy", "Jordan")
ISO3 = {"Argentina": "ARG", "Italy": "ITA", "Jordan": "JOR"}
#: State → (gaps in its agreed list, its closed answer to every question).
MORE_GAPS_ARGENTINA = {"ARG": (3, "no"), "ITA": (1, "yes"), "JOR": (2, "partly")}
MORE_GAPS_ITALY = {"ARG": (1, "yes"), "ITA": (3, "no"), "JOR": (2, "partly")}
ARTICLES = ("2", "5", "6")


def _plant(portal, dataset) -> None:
    """The index holds ``dataset`` only: each State answers the Convention's
    articles 2, 5, 6 and has a best practice on article 2 and on article 5."""
    index = portal["review"].report_index
    index.responses.clear()
    index.lists.clear()
    for iso3, (gaps, closed) in dataset.items():
        answers = tuple(Answered(f"I-UNTOC-{a}", a, closed) for a in ARTICLES)
        index.responses[responses_key(iso3, 1, "UNTOC")] = ResponsesRow(
            iso3, 1, "UNTOC", "2027-01-10", answers
        )
        entries = [
            ReportEntry(n + 1, "UNTOC", ARTICLES[n], GAP, f"Gap {n}", "", "")
            for n in range(gaps)
        ]
        entries += [
            ReportEntry(10 + n, "UNTOC", a, PRACTICE, f"Practice of {iso3}", "", "")
            for n, a in enumerate(("5", "2"))
        ]
        index.lists[list_key(iso3, 1)] = ListRow(iso3, 1, "2027-01-12", tuple(entries))
    commit(portal)


def _names_in(text: str) -> list[str]:
    return re.findall("|".join(NAMES), text)


def _appearances(app, drawn) -> dict:
    """Where States appear in each output, in order; and the figures."""
    client = client_as(app, "secretariat")
    page = client.get("/review/reports/general")
    for row in page.html.find_all("tr"):
        assert not _names_in(row.text), "a table row about one State"
    body = client.get("/review/reports/general.csv").body.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    counts = [c for c in rows[0] if c.startswith(("states", "answers_", "need_"))]
    assert not [c for c in rows[0] if re.search("rank|score|position", c)]
    for row in rows:
        if row["iso3"]:
            assert all(row[c] == "" for c in counts), "a figure of one State"
        else:
            assert not _names_in(row["label"])
    drawn.clear()
    client.get("/review/reports/general.pdf")
    api = client_as(app).get(
        "/api/v1/reports/general",
        headers=bearer(issue_token(client_as(app), "focal-fra")),
    )
    for state in api.json["states"]:
        assert set(state) == {"iso3", "name"}
    for practice in api.json["best_practices"]:
        assert set(practice) == {
            "cluster",
            "instrument",
            "article",
            "iso3",
            "state",
            "phase",
            "text",
        }
    return {
        "page": _names_in(page.html.find("main").text),
        "csv": [r["iso3"] for r in rows if r["iso3"]],
        "pdf": [n for text in drawn for n in _names_in(text)],
        "api": [p["iso3"] for p in api.json["best_practices"]]
        + [s["iso3"] for s in api.json["states"]],
        "figures": [t["observations"] for t in api.json["by_regional_group"]]
        + [t["answers"] for t in api.json["by_regional_group"]],
    }


def test_states_appear_in_the_same_order_whatever_their_figures(app, db, portal, drawn):
    _plant(portal, MORE_GAPS_ARGENTINA)
    first = _appearances(app, drawn)
    _plant(portal, MORE_GAPS_ITALY)
    second = _appearances(app, drawn)
    assert first["figures"] != second["figures"]  # the datasets do differ
    for output in ("page", "csv", "pdf", "api"):
        assert first[output], output
        assert first[output] == second[output], output
    # By name: each article's practices, then the States counted.
    by_name = ["ARG", "ITA", "JOR"]
    assert first["api"] == by_name * 3
    assert first["csv"] == by_name * 2
    assert first["page"] == list(NAMES) * 3
    assert first["pdf"] == list(NAMES) * 3


@pytest.mark.parametrize("dataset", [MORE_GAPS_ARGENTINA, MORE_GAPS_ITALY])
def test_the_figures_follow_the_planted_data(app, db, portal, dataset):
    _plant(portal, dataset)
    client = client_as(app)
    report = client.get(
        "/api/v1/reports/general",
        headers=bearer(issue_token(client, "secretariat")),
    ).json
    gaps = {
        t["regional_group"]: t["observations"]["gap"]
        for t in report["by_regional_group"]
    }
    assert gaps == {"APG": 1, "GRULAC": 1, "WEOG": 1}
    two = next(t for t in report["by_article"] if t["key"] == "UNTOC:2")
    assert two["observations"]["gap"] == 3
    five = next(t for t in report["by_article"] if t["key"] == "UNTOC:5")
    assert five["observations"]["gap"] == 2  # the States with 2 or 3 gaps
    assert sum(five["answers"].values()) == 3
