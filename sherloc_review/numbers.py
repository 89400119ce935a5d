"""Numbers read from paths and forms: ASCII digits only.

``str.isdigit`` is true for "²" and other digits ``int`` refuses, so a
check with it alone lets a URL such as ``…/dialogue/%C2%B2`` end in a
traceback; traversal runs before any permission, so anyone could.
"""

from __future__ import annotations

import colander

from .i18n import _

#: Digits a number in a path or a form may have (IOBTree keys are 32-bit).
MAX_DIGITS = 9


def number(text: str) -> int | None:
    """``text`` as a non-negative int, or ``None`` when it is not one."""
    if text and len(text) <= MAX_DIGITS and text.isascii() and text.isdigit():
        return int(text)
    return None


class WholeNumber(colander.Integer):
    """A form's or a query's whole number: ASCII digits only (``int`` takes
    Arabic-Indic digits and " 5 " too), at most :data:`MAX_DIGITS` of them."""

    def deserialize(self, node, cstruct):
        if cstruct in (colander.null, ""):
            return colander.null
        if not isinstance(cstruct, str) or number(cstruct) is None:
            raise colander.Invalid(node, _("Give a whole number."))
        return number(cstruct)
