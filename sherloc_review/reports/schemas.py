"""The introduction's form (plain HTML, read with colander)."""

from __future__ import annotations

import colander

from ..numbers import WholeNumber


class IntroductionSchema(colander.MappingSchema):
    text = colander.SchemaNode(colander.String(), missing="")
    #: The revision the writer read (SECURITY.md §8: a version token).
    base = colander.SchemaNode(
        WholeNumber(), validator=colander.Range(min=0, max=10**6)
    )
