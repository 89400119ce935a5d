"""The seeded stream: documented construction, uniform, stable."""

import hashlib
from collections import Counter

from sherloc_review.draw.stream import SeededStream


def test_first_word_follows_the_documented_construction():
    key = hashlib.sha256(b"sherloc-draw/1\x00seed\x00/step").digest()
    block = hashlib.sha256(key + (0).to_bytes(8, "big")).digest()
    first = int.from_bytes(block[:8], "big")
    limit = (1 << 64) - (1 << 64) % 1000
    assert first < limit  # else the vector would need the next word
    assert SeededStream("seed").fork("step").below(1000) == first % 1000


def test_fixed_vector():
    stream = SeededStream("sherloc-review")
    assert [stream.below(100) for _ in range(8)] == VECTOR


VECTOR = [10, 24, 30, 11, 28, 50, 36, 81]


def test_forks_are_independent_and_repeatable():
    a = SeededStream("x").fork("a")
    b = SeededStream("x").fork("b")
    assert [a.below(10**9) for _ in range(4)] != [b.below(10**9) for _ in range(4)]
    again = SeededStream("x").fork("a")
    first = SeededStream("x").fork("a")
    assert [again.below(7) for _ in range(50)] == [first.below(7) for _ in range(50)]


def test_seed_is_unicode_normalised():
    composed, decomposed = "Caf\u00e9", "Cafe\u0301"
    assert SeededStream(composed).below(10**12) == SeededStream(decomposed).below(
        10**12
    )


def test_shuffle_is_a_permutation_and_roughly_uniform():
    stream = SeededStream("uniform")
    firsts = Counter(stream.shuffled("abcd")[0] for _ in range(4000))
    assert sorted(stream.shuffled(range(10))) == list(range(10))
    assert all(850 < firsts[c] < 1150 for c in "abcd"), firsts
