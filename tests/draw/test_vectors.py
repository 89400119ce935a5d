"""Replay vectors: the same population and seed give the same bytes, for ever.

If one of these fails, published draws can no longer be replayed: the
change that broke it is a change of method and needs a new stream or
record format version, not a new vector.
"""

import hashlib
import json

import pytest

from sherloc_review.draw import Draw, draw
from sherloc_review.draw.redraw import redraw

from .conftest import VECTORS

REAL = {
    "vector-1": "d39baa6c8ece0a648ef5f1d6b10bb3f3ce490cafce1389a6ca4228e82dde8aa7",
    "vector-2": "bae69008e199041c8cd4785f6dd74149aae2fd6844879a509f4482d8c81f40b6",
}
REDRAWN = {
    "after FRA": "f1d87824d65a07b8de4f404c8f71435f195b92a089c70b478f3543149b1dcb5b",
    "after EUE": "13c7011747ab7c1c9864126b210bdf0d99bb84e3e7931ab505c32bcfca870dc7",
}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("seed", sorted(REAL))
def test_real_population_vectors(real_population, seed):
    assert _sha(draw(real_population, seed).dumps()) == REAL[seed]


@pytest.mark.parametrize("seed", ["vector-1", "vector-2"])
def test_small_population_vectors(small_population, seed):
    expected = (VECTORS / f"small-{seed}.json").read_text("utf-8")
    assert draw(small_population, seed).dumps() == expected


def test_redraw_vectors(real_population):
    first = draw(real_population, "vector-1")
    second = redraw(real_population, first, "FRA", "FRA", "language", "vector-redraw-1")
    assert _sha(second.dumps()) == REDRAWN["after FRA"]
    third = redraw(real_population, second, "EUE", "EUE", "unable", "vector-redraw-2")
    assert _sha(third.dumps()) == REDRAWN["after EUE"]


def test_json_round_trip(small_population):
    result = draw(small_population, "round-trip")
    assert Draw.from_json(json.loads(result.dumps())) == result


def test_different_seeds_differ(small_population):
    assert draw(small_population, "a").dumps() != draw(small_population, "b").dumps()
