"""Countries named in written comments, in the six languages (¶53(b))."""

from __future__ import annotations

import pytest

from sherloc_review.stakeholders.mentions import codes_of, mentioned


@pytest.fixture
def codes(states):
    return codes_of(states)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The situation in Italy worries us.", ("ITA",)),
        ("La situation en Italie et en France.", ("FRA", "ITA")),
        ("La situación en Italia.", ("ITA",)),
        ("Положение в Италии.", ("ITA",)),
        ("الوضع في إيطاليا.", ("ITA",)),
        ("وإيطاليا", ("ITA",)),
        ("意大利的情况", ("ITA",)),
        ("Romania, not Oman.", ("OMN", "ROU")),
        ("We can and will do more.", ()),
        ("Nothing about any country here.", ()),
    ],
)
def test_names_are_found_in_every_language(codes, text, found):
    assert mentioned(text, codes) == found


def test_a_name_inside_another_word_is_not_a_mention(codes):
    assert "OMN" not in mentioned("Romania", codes)
