"""Counting the words of a summary (¶38: at most 1,500), in every language.

Alphabetic scripts (Latin, Cyrillic, Arabic, …) count runs of letters,
digits and combining marks, so an Arabic word with its vowel signs is one
word and ``State's`` or ``non-punitive`` is one word too, as is a number
written ``1,500`` or ``3.5``; invisible formatting characters (a soft
hyphen, a zero-width joiner) never split a word.  Chinese and
Japanese are written without spaces between words: there, every three
characters count as two words, rounded up over the whole text.  That is the
usual ratio of Chinese characters to English words in United Nations
translation (1,500 English words are some 2,250 characters), so a summary
agreed in Chinese meets the same limit as one agreed in English.

The page's live counter (``static/word-count.js``) applies the same rules;
the server's count decides.
"""

from __future__ import annotations

import unicodedata

#: ¶38.
MAX_WORDS = 1500

_JOINERS = frozenset("'\u2019-\u2010\u2011")  # apostrophes, hyphens
#: Join digits only: "1,500", "3.5".
_DIGIT_JOINERS = frozenset(",.")

#: Han ideographs, kana and their extensions: counted by characters.
_CJK_RANGES = (
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0x20000, 0x3134F),  # extensions B to G
)


def _cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK_RANGES)


def _digit(char: str) -> bool:
    return unicodedata.category(char) == "Nd"


def _wordy(char: str) -> bool:
    return unicodedata.category(char)[0] in "LNM" and not _cjk(char)


def count_words(text: str) -> int:
    """Words in ``text`` by the rules above."""
    words = cjk = 0
    in_word = False
    for index, char in enumerate(text):
        if _cjk(char):
            cjk += 1
            in_word = False
        elif _wordy(char):
            words += 0 if in_word else 1
            in_word = True
        elif char in _JOINERS and in_word:
            # "State's" and "non-punitive" stay one word; a trailing or
            # doubled joiner ends it.
            following = text[index + 1 : index + 2]
            in_word = bool(following) and _wordy(following)
        elif char in _DIGIT_JOINERS and in_word:
            around = text[index - 1 : index] + text[index + 1 : index + 2]
            in_word = len(around) == 2 and all(_digit(c) for c in around)
        elif unicodedata.category(char) == "Cf":
            continue  # invisible: the word goes on
        else:
            in_word = False
    return words + -(-cjk * 2 // 3)
