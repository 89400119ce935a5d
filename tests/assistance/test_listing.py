"""The cross-review list (¶44): filters, order, the withheld rule."""

from __future__ import annotations

import colander
import pytest

from sherloc_review.assistance.listing import NeedsQuery, need_json, needs
from sherloc_review.assistance.records import key
from sherloc_review.assistance.resources import NeedRow

from .conftest import withhold_need


def _plant(mechanism, iso3, phase, number, **kw):
    values = {
        "instrument": "UNTOC",
        "article": "5",
        "need": "legislative",
        "priority": "low",
        "text": f"Need of {iso3}",
        "status": "addressed",
        "requested": True,
        "withheld": False,
        "agreed_on": "2027-01-01",
        **kw,
    }
    mechanism.assistance_index[key(iso3, phase, number)] = NeedRow(
        iso3, phase, number, **values
    )


def _keys(found):
    return [f"{row.iso3}/{row.phase}/{row.number}" for row, _state in found]


def _query(mechanism, **sent):
    return NeedsQuery().bind(context=mechanism).deserialize(sent)


def test_rows_go_by_state_name_then_phase_and_number_never_by_a_count(mechanism):
    # Zambia has the most needs, Albania the fewest: the order is by name.
    for number in (1, 2, 3):
        _plant(mechanism, "ZMB", 1, number)
    _plant(mechanism, "ZMB", 2, 1)
    _plant(mechanism, "ALB", 2, 1)
    _plant(mechanism, "ALB", 1, 10)
    _plant(mechanism, "ALB", 1, 9)
    found = needs(mechanism, _query(mechanism), withheld=True)  # its own numbers
    assert _keys(found) == [
        "ALB/1/9",
        "ALB/1/10",
        "ALB/2/1",
        "JOR/1/1",
        "JOR/1/2",
        "ZMB/1/1",
        "ZMB/1/2",
        "ZMB/1/3",
        "ZMB/2/1",
    ]


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ({"need": "training"}, ["JOR/1/1"]),
        ({"priority": "medium"}, ["JOR/1/2"]),
        ({"instrument": "UNTOC", "article": "23"}, ["JOR/1/1"]),
        ({"article": "5"}, ["ALB/1/1"]),
        ({"instrument": "TIP"}, []),
        ({"status": "addressed"}, ["ALB/1/1"]),
        ({"requested": "yes"}, ["ALB/1/1"]),
        ({"requested": "no"}, ["JOR/1/1", "JOR/1/2"]),
        ({"group": "EEG"}, ["ALB/1/1"]),
        ({"group": "APG", "need": "data"}, ["JOR/1/2"]),
        ({"state": "JOR"}, ["JOR/1/1", "JOR/1/2"]),
        ({"state": "FRA"}, []),
    ],
)
def test_each_filter_selects(mechanism, jordan, sent, expected):
    _plant(mechanism, "ALB", 1, 1)
    assert mechanism["states"]["ALB"].regional_group == "EEG"
    found = needs(mechanism, _query(mechanism, **sent), withheld=False)
    assert _keys(found) == expected


@pytest.mark.parametrize(
    ("sent", "field"),
    [
        ({"need": "money"}, "need"),
        ({"priority": "urgent"}, "priority"),
        ({"status": "done"}, "status"),
        ({"requested": "true"}, "requested"),
        ({"group": "MARS"}, "group"),
        ({"state": "XXX"}, "state"),
        ({"state": "jor"}, "state"),
        ({"instrument": "ROME"}, "instrument"),
        ({"instrument": "TIP", "article": "23"}, "article"),
        ({"article": "999"}, "article"),
        ({"page": "0"}, "page"),
        ({"page": "²"}, "page"),
        ({"page": "\u0661"}, "page"),  # Arabic-Indic one: not ASCII digits
        ({"limit": "101"}, "limit"),
        ({"need": ["data", "training"]}, "need"),
    ],
)
def test_unknown_filter_values_are_refused_naming_the_filter(mechanism, sent, field):
    with pytest.raises(colander.Invalid) as refused:
        _query(mechanism, **sent)
    assert list(refused.value.asdict()) == [field]


def test_withheld_needs_are_listed_only_when_asked_and_marked(mechanism, jordan):
    withhold_need(mechanism, jordan, 2)
    assert _keys(needs(mechanism, _query(mechanism), withheld=False)) == ["JOR/1/1"]
    found = needs(mechanism, _query(mechanism), withheld=True)
    assert _keys(found) == ["JOR/1/1", "JOR/1/2"]
    first, second = (need_json(row, state, True) for row, state in found)
    assert "withheld" not in first and second["withheld"] is True
    row, state = found[1]
    assert "withheld" not in need_json(row, state, False)


def test_without_the_withheld_needs_a_review_is_numbered_without_gaps(
    mechanism, jordan
):
    """The working group never learns how many needs a State keeps
    confidential (¶38): need 1 withheld, need 2 shows as 1."""
    withhold_need(mechanism, jordan, 1)
    shown = needs(mechanism, _query(mechanism, state="JOR"), withheld=False)
    assert [(row.number, row.need) for row, _state in shown] == [(1, "data")]
    everything = needs(mechanism, _query(mechanism, state="JOR"), withheld=True)
    assert [(row.number, row.withheld) for row, _s in everything] == [
        (1, True),
        (2, False),
    ]
