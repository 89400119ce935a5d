"""The introduction's form (plain HTML, read with colander)."""

from __future__ import annotations

import colander

from ..i18n import _
from ..numbers import number


class Revision(colander.Integer):
    """A revision number: ASCII digits only (``int`` takes others)."""

    def deserialize(self, node, cstruct):
        if cstruct in (colander.null, ""):
            return colander.null
        if not isinstance(cstruct, str) or number(cstruct) is None:
            raise colander.Invalid(node, _("Give a whole number."))
        return number(cstruct)


class IntroductionSchema(colander.MappingSchema):
    text = colander.SchemaNode(colander.String(), missing="")
    #: The revision the writer read (SECURITY.md §8: a version token).
    base = colander.SchemaNode(Revision(), validator=colander.Range(min=0, max=10**6))
