"""Numbers read from paths and forms: ASCII digits only.

``str.isdigit`` is true for "²" and other digits ``int`` refuses, so a
check with it alone lets a URL such as ``…/dialogue/%C2%B2`` end in a
traceback; traversal runs before any permission, so anyone could.
"""

from __future__ import annotations

#: Digits a number in a path or a form may have (IOBTree keys are 32-bit).
MAX_DIGITS = 9


def number(text: str) -> int | None:
    """``text`` as a non-negative int, or ``None`` when it is not one."""
    if text and len(text) <= MAX_DIGITS and text.isascii() and text.isdigit():
        return int(text)
    return None
