"""A seeded random stream that gives the same numbers everywhere, for ever.

Python's ``random`` module does not promise that ``shuffle`` or ``sample``
keep their results across versions, so a published seed could stop
replaying.  This stream is SHA-256 in counter mode: block *k* of the stream
labelled *L* for seed *S* is ``SHA-256(key ‖ k)`` with
``key = SHA-256("sherloc-draw/1" ‖ 0 ‖ NFC(S) ‖ 0 ‖ L)``, read as unsigned
64-bit big-endian integers.  Integers below *n* are drawn by rejection (no
modulo bias); a shuffle is Fisher-Yates from the last position down.  Every
step of the draw reads its own labelled stream (:meth:`fork`), so a change
in one step never shifts the numbers another step sees.

Nothing here uses floating point, hash randomisation or set order.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

VERSION = b"sherloc-draw/1"
_SPACE = 1 << 64


class SeededStream:
    def __init__(self, seed: str, label: str = "") -> None:
        self.seed = seed
        self.label = label
        normal = unicodedata.normalize("NFC", seed).encode("utf-8")
        self._key = hashlib.sha256(
            VERSION + b"\x00" + normal + b"\x00" + label.encode("utf-8")
        ).digest()
        self._counter = 0
        self._words: list[int] = []

    def fork(self, label: str) -> SeededStream:
        """An independent stream for one step of the draw."""
        return SeededStream(self.seed, f"{self.label}/{label}")

    def _next_word(self) -> int:
        if not self._words:
            block = hashlib.sha256(
                self._key + self._counter.to_bytes(8, "big")
            ).digest()
            self._counter += 1
            self._words = [
                int.from_bytes(block[i : i + 8], "big") for i in (24, 16, 8, 0)
            ]
        return self._words.pop()

    def below(self, n: int) -> int:
        """A uniform integer in ``range(n)``."""
        if n <= 0:
            raise ValueError("below() needs a positive bound")
        limit = _SPACE - _SPACE % n
        while True:
            word = self._next_word()
            if word < limit:
                return word % n

    def choice(self, items: Sequence[T]) -> T:
        return items[self.below(len(items))]

    def shuffled(self, items: Sequence[T]) -> list[T]:
        result = list(items)
        for i in range(len(result) - 1, 0, -1):
            j = self.below(i + 1)
            result[i], result[j] = result[j], result[i]
        return result
