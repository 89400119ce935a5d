"""The figures on the demo, checked by hand.

Cluster I (phase 1): the Convention's articles 2, 5, 6, 8, 9, 10, 15, 23,
the trafficking Protocol's 3 and 5, the smuggling Protocol's 3, 5, 6, the
firearms Protocol's 3 and 5.  Italy answers all 15 "yes", Argentina the
Convention's 8 "yes"; Singapore and Jordan answer the Convention's and the
trafficking Protocol's questions "yes", "in part", "yes", "no" in turn.
Jordan's agreed list: on article 2 a gap, a best practice and a need for
research and data; on article 23 a suggestion and a need for training.
"""

from __future__ import annotations

from urllib.parse import urlencode

import colander
import pytest
from pyramid.request import Request

from sherloc_review.outcomes.blueprint import NEEDS
from sherloc_review.reports.aggregates import (
    Filters,
    Tally,
    filters_of,
    general_report,
)
from sherloc_review.reports.charts import bar_chart


def _report(mechanism, index, **filters):
    return general_report(mechanism, index, Filters(**filters))


def _by_key(tallies) -> dict[str, Tally]:
    return {t.key: t for t in tallies}


def test_by_article(mechanism, index):
    report = _report(mechanism, index)
    rows = _by_key(report.by_article)
    assert list(rows)[:3] == ["UNTOC:2", "UNTOC:5", "UNTOC:6"]
    assert list(rows)[-2:] == ["FIREARMS:3", "FIREARMS:5"]
    two, five, eight = rows["UNTOC:2"], rows["UNTOC:5"], rows["UNTOC:8"]
    assert (two.states, two.answers, two.kinds) == (4, (4, 0, 0), (1, 1, 0, 1))
    assert two.cluster == "I"
    assert five.answers == (2, 2, 0) and eight.answers == (2, 0, 2)
    assert rows["UNTOC:23"].kinds == (0, 0, 1, 1)
    assert rows["TIP:5"].answers == (1, 2, 0) and rows["TIP:5"].states == 3
    assert rows["SOM:3"].answers == (1, 0, 0)
    needs = dict(zip(NEEDS, two.needs, strict=True))
    assert needs["data"] == 1 and needs["training"] == 0
    assert dict(zip(NEEDS, rows["UNTOC:23"].needs, strict=True))["training"] == 1


def test_by_cluster_instrument_and_regional_group(mechanism, index):
    report = _report(mechanism, index)
    [cluster] = report.by_cluster
    assert (cluster.key, cluster.states, cluster.answers) == ("I", 4, (33, 6, 4))
    assert cluster.kinds == (1, 1, 1, 1)
    assert [t.key for t in report.by_instrument] == ["UNTOC", "TIP", "SOM", "FIREARMS"]
    untoc = report.by_instrument[0]
    assert (untoc.states, untoc.answers) == (4, (24, 4, 4))
    regions = _by_key(report.by_regional_group)
    assert list(regions) == ["APG", "GRULAC", "WEOG"]
    assert (regions["APG"].states, regions["APG"].answers) == (2, (10, 6, 4))
    assert regions["APG"].kinds == (1, 1, 1, 1)
    assert regions["WEOG"].answers == (15, 0, 0) and regions["WEOG"].kinds == (0,) * 4
    assert report.overall.needs == (0, 0, 0, 1, 1, 0, 0, 0)
    assert (report.responses, report.lists) == (4, 1)


def test_best_practices_and_states_by_name(mechanism, index):
    report = _report(mechanism, index)
    [practice] = report.practices
    assert (practice.cluster, practice.instrument, practice.article) == (
        "I",
        "UNTOC",
        "2",
    )
    assert (practice.iso3, practice.state) == ("JOR", "Jordan")
    assert practice.text.startswith("A specialised prosecution unit.")
    assert [name for _iso3, name in report.states] == [
        "Argentina",
        "Italy",
        "Jordan",
        "Singapore",
    ]


def test_filters_narrow_every_figure(mechanism, index):
    report = _report(mechanism, index, regional_group="APG", instrument="TIP")
    assert [t.key for t in report.by_article] == ["TIP:3", "TIP:5"]
    assert report.overall.answers == (2, 2, 0)
    assert [t.key for t in report.by_regional_group] == ["APG"]
    assert report.practices == () and report.lists == 0
    assert [n for _i, n in report.states] == ["Jordan", "Singapore"]
    assert _report(mechanism, index, cluster="II").by_article == ()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"instrument": "UNCAC"}, "instrument"),
        ({"cluster": "IX"}, "cluster"),
        ({"regional_group": "MARS"}, "regional_group"),
        ({"instrument": ["UNTOC", "TIP"]}, "instrument"),
    ],
)
def test_unknown_filters_are_refused_by_name(mechanism, query, field):
    request = Request.blank("/general?" + urlencode(query, doseq=True))
    with pytest.raises(colander.Invalid) as refused:
        filters_of(request, mechanism["reports"])
    assert field in refused.value.asdict()


def test_a_chart_escapes_its_texts_and_keeps_the_order_given():
    svg = bar_chart(
        "c1",
        "T <b>",
        "D & d",
        ["Yes", "No"],
        [("Zeta <i>", (1, 5)), ("Alpha", (9, 0))],
        stacked=True,
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="c1-title">T &lt;b&gt;</title>' in svg
    assert '<desc id="c1-desc">D &amp; d</desc>' in svg
    assert "<i>" not in svg and svg.index("Zeta") < svg.index("Alpha")
    assert "<script" not in svg and "href" not in svg
