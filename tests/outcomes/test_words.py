"""Words are counted sensibly in every language (¶38: at most 1,500)."""

from __future__ import annotations

import pytest

from sherloc_review.outcomes.words import MAX_WORDS, count_words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("   \n\t ", 0),
        ("The State party under review", 5),
        ("State's non-punitive review", 3),  # joined by an apostrophe, a hyphen
        ("review- -- 'quoted'", 2),  # a trailing or lone joiner ends a word
        ("Article 5, paragraph 1 (a).", 5),
        ("1,500 words, 3.5 pages", 4),  # a number with its separators
        ("It ends.Then 1, 2", 5),  # a separator between letters splits
        ("inter\u00adnational non\u2011punitive", 2),  # soft, non-breaking hyphen
        ("\u200bword\u200d", 1),  # zero-width characters split nothing
        # Arabic: the vowel signs (combining marks) belong to their word.
        ("مُرَاجَعَة تَنْفِيذ الاتفاقية", 3),
        ("Обзор хода осуществления Конвенции", 4),
        # Chinese: two words for three characters, rounded up over the text.
        ("缔约国", 2),
        ("审议机制", 3),
        ("缔约国 UNTOC 审议", 2 + 1 + 2),  # 5 characters: 4 words, and one
        ("レビュー", 3),  # katakana alike
    ],
)
def test_words_in_each_script(text, words):
    assert count_words(text) == words


def test_a_long_chinese_summary_meets_the_same_limit_as_an_english_one():
    assert count_words("审" * 2250) == MAX_WORDS
    assert count_words("审" * 2251) == MAX_WORDS + 1
    assert count_words("word " * MAX_WORDS) == MAX_WORDS
