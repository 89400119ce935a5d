"""Populations the rules cannot serve: refused with the rule and the reason."""

import pytest

from sherloc_review.draw import DrawError, Entity, InfeasibleDraw, Population, draw
from sherloc_review.draw.errors import render

ALL = ("party",) * 4
UNTOC_ONLY = ("party", "none", "none", "none")


def _states(group, count, statuses=ALL, prefix=None, **extra):
    prefix = prefix or group[:2]
    return [
        Entity(f"{prefix}{chr(65 + k)}", group, statuses, **extra) for k in range(count)
    ]


def _refusal(population) -> str:
    with pytest.raises(InfeasibleDraw) as refused:
        draw(population, "seed")
    return str(refused.value)


def test_a_regional_group_of_two():
    text = _refusal(Population(_states("AAA", 6) + _states("BBB", 2)))
    assert "Regional group BBB has only 2" in text
    assert "¶28(a)" in text


def test_an_instrument_with_too_few_parties():
    population = Population(
        _states("AAA", 5, UNTOC_ONLY)
        + _states("BBB", 5, UNTOC_ONLY)
        + [Entity("ZZA", "BBB", ALL), Entity("ZZB", "AAA", ALL)]
    )
    text = _refusal(population)
    assert "Only 2 State(s) are party to the Trafficking in Persons Protocol" in text
    assert "¶26, ¶28(b)" in text


def test_too_little_room_for_the_reviews_needed():
    population = Population(
        _states("AAA", 4, max_reviews=1) + _states("BBB", 4, max_reviews=1)
    )
    assert "at most 8 reviews in all" in _refusal(population)


def test_one_regional_group_too_large_for_the_others():
    population = Population(
        _states("AAA", 12, max_reviews=2) + _states("BBB", 3, max_reviews=2)
    )
    assert "Regional group AAA has 12 States under review" in _refusal(population)


def test_no_one_under_review():
    population = Population([Entity("AAA", "G", ("none",) * 4)])
    assert "No State in the population is under review" in _refusal(population)


def test_entities_in_no_group_need_two_regional_groups():
    no_group = [Entity("EUA", "", ALL), Entity("EUB", "", ALL)]
    population = Population(_states("AAA", 3) + no_group)
    assert "two different regional groups" in _refusal(population)


def test_an_empty_seed_is_refused(small_population):
    with pytest.raises(DrawError, match="seed is empty"):
        draw(small_population, "  ")


def test_messages_translate_nested_parts():
    population = Population(_states("AAA", 6) + _states("BBB", 2))
    with pytest.raises(InfeasibleDraw) as refused:
        draw(population, "seed")
    upper = render(refused.value.message, lambda ts: ts.interpolate().upper())
    assert "REGIONAL GROUP BBB" in upper


def test_a_tight_population_is_drawn_whatever_the_seed():
    """Few parties to the Protocols, low maximums: a repair frees room."""
    from .checks import assert_valid
    from .conftest import VECTORS

    population = Population.from_csv((VECTORS / "tight.csv").read_text("utf-8"))
    for seed in "abcdefghijklmnopqrstuvwxyz":
        assert_valid(population, draw(population, seed))
