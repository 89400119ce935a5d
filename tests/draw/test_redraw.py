"""Redraws: one review changes, the rest stays, the counters hold (¶28(d))."""

import json

import pytest

from sherloc_review.draw import RedrawRefused, draw
from sherloc_review.draw.record import commitment, make_record, verify
from sherloc_review.draw.redraw import redraw

from .checks import assert_valid


@pytest.fixture(scope="module")
def first(real_population):
    return draw(real_population, "redraw-tests")


def test_only_the_review_concerned_changes(real_population, first):
    after = redraw(real_population, first, "DEU", "DEU", "exceptional", "r1")
    assert_valid(real_population, after)
    changed = [
        r.under_review
        for r, b in zip(first.reviews, after.reviews, strict=True)
        if r != b
    ]
    assert changed == ["DEU"]
    assert first.groups == after.groups
    old = set(first.review_of("DEU").states)
    assert not old & set(after.review_of("DEU").states), "previous reviewers excluded"
    (entry,) = after.redraws
    assert (entry.requested_by, entry.reason, entry.counted) == (
        "DEU",
        "exceptional",
        False,
    )
    assert set(entry.to_json()["previous_reviewers"][0]) == {
        "state",
        "instruments",
        "regional_group_role",
    }


def test_four_counted_requests_per_party_then_refused(real_population, first):
    result = first
    for n in range(4):
        result = redraw(real_population, result, "KEN", "KEN", "legal_system", f"k{n}")
    assert result.redraws_requested("KEN", "KEN") == 4
    with pytest.raises(RedrawRefused, match="four times"):
        redraw(real_population, result, "KEN", "KEN", "language", "k5")
    reviewer = result.review_of("KEN").reviewers[0].state
    result = redraw(real_population, result, "KEN", reviewer, "language", "k6")
    result = redraw(real_population, result, "KEN", "KEN", "exceptional", "k7")
    result = redraw(real_population, result, "KEN", "KEN", "unable", "k8")
    assert result.redraws_requested("KEN", "KEN") == 4
    assert_valid(real_population, result)


def test_only_participants_may_ask(real_population, first):
    outsider = next(
        s for s in ("BRA", "CHN", "IND") if s not in first.review_of("FRA").states
    )
    with pytest.raises(RedrawRefused, match="is neither"):
        redraw(real_population, first, "FRA", outsider, "language", "x")
    with pytest.raises(RedrawRefused, match="Unknown reason"):
        redraw(real_population, first, "FRA", "FRA", "weather", "x")


def test_language_preference_is_honoured_when_possible(real_population, first):
    for iso3 in ("FRA", "ARG", "EGY", "MAR"):
        after = redraw(real_population, first, iso3, iso3, "language", f"l-{iso3}")
        s = real_population[iso3]
        base = [
            real_population[a.state]
            for a in after.review_of(iso3).reviewers
            if a.role != "additional"
        ]
        assert all(set(r.languages) & set(s.languages) for r in base), iso3


def test_legal_system_preference(real_population, first):
    after = redraw(real_population, first, "GBR", "GBR", "legal_system", "ls")
    base = [
        real_population[a.state]
        for a in after.review_of("GBR").reviewers
        if a.role != "additional"
    ]
    assert all(r.legal_system == "common" for r in base)


def test_record_replays_and_detects_tampering(real_population, first):
    after = redraw(real_population, first, "JPN", "JPN", "language", "j1")
    record = json.loads(json.dumps(make_record(real_population, after)))
    assert record["commitment"] == commitment("redraw-tests")
    assert verify(record) == []
    tampered = json.loads(json.dumps(record))
    tampered["draw"]["reviews"][0]["reviewers"].reverse()
    assert any("different draw" in p for p in verify(tampered))
    wrong_seed = dict(record, seed="other")
    assert any("commitment" in p for p in verify(wrong_seed))
    changed = json.loads(json.dumps(record))
    changed["population"][0]["tip_protocol"] = "none"
    assert verify(changed)


def test_a_redraw_moves_no_other_review_and_names_the_real_obstacle():
    """In a redraw the engine never frees room by moving another review."""
    from sherloc_review.draw import InfeasibleDraw, Population

    from .conftest import VECTORS

    population = Population.from_csv((VECTORS / "tight.csv").read_text("utf-8"))
    first = draw(population, "s16")
    with pytest.raises(InfeasibleDraw) as refused:
        redraw(population, first, "AAD", "AAD", "exceptional", "x")
    text = str(refused.value)
    assert "free to review AAD" in text and "performs" not in text
