"""The outcome's plain forms: an entry of the list, an approval, the
withholding, the summary and a translation, read with colander schemas
(:mod:`sherloc_review.dialogue.forms` shows their errors beside the fields)."""

from __future__ import annotations

import colander

from sherloc_portal.forms import ActionRefused

from ..i18n import _
from ..numbers import WholeNumber


def _text(**kw) -> colander.SchemaNode:
    return colander.SchemaNode(colander.String(), missing="", **kw)


def _count(**kw) -> colander.SchemaNode:
    return colander.SchemaNode(
        WholeNumber(), validator=colander.Range(min=0, max=10**9), **kw
    )


class EntrySchema(colander.MappingSchema):
    place = _text()  # "UNTOC" or "UNTOC:5"
    kind = _text()
    need = _text()
    priority = _text()
    text = _text()
    base = _count(missing=0)


class ApprovalSchema(colander.MappingSchema):
    version = _count()


class WithholdingSchema(colander.MappingSchema):
    reason = _text()
    #: How many decisions the page showed (SECURITY.md §8: a version token).
    seen = _count()


class SectionsSchema(colander.MappingSchema):
    """The blueprint's four headings (blueprint.KINDS)."""

    gap = _text()
    practice = _text()
    suggestion = _text()
    assistance = _text()


class SummarySchema(SectionsSchema):
    language = _text()
    base = _count()


class TranslationSchema(SectionsSchema):
    language = _text()
    status = _text()


def chosen(request, name: str, values) -> tuple[str, ...]:
    """The values of a multiple choice, each one of ``values``."""
    sent = [v for v in request.POST.getall(name) if isinstance(v, str)]
    if any(v not in values for v in sent):
        raise ActionRefused(_("Choose among the values offered."), name)
    return tuple(sent)
