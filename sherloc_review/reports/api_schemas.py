"""Colander schemas of ``GET /api/v1/reports/general``: the filters are
the page's own (:class:`.aggregates.ReportQuery`); the answer documents.
No figure in it is a State's: every count is a group's (¶4(b))."""

from __future__ import annotations

import colander

from sherloc_portal.api.schemas import closed

from ..outcomes.blueprint import KINDS, NEEDS
from ..questionnaires.resources import CLOSED_ANSWERS
from .aggregates import DIMENSIONS, OVERALL, ReportQuery


class ListReport(colander.MappingSchema):
    querystring = ReportQuery()


def _out(typ, **kw) -> colander.SchemaNode:
    return colander.SchemaNode(typ, **kw)


def _counts(names, description: str) -> colander.SchemaNode:
    node = colander.SchemaNode(closed(), description=description)
    for name in names:
        node.add(_out(colander.Integer(), name=name))
    return node


class TallyOut(colander.MappingSchema):
    dimension = _out(
        colander.String(), validator=colander.OneOf((*DIMENSIONS, OVERALL))
    )
    key = _out(colander.String(), description="UNTOC:5, UNTOC: (as a whole), I, WEOG…")
    label = _out(colander.String(), description="In the caller's language.")
    instrument = _out(colander.String())
    article = _out(colander.String(), description="Empty: the instrument as a whole.")
    cluster = _out(colander.String())
    regional_group = _out(colander.String())
    states = _out(
        colander.Integer(), description="States with answers or observations here."
    )
    answers = _counts(
        CLOSED_ANSWERS, "Closed answers of the latest submitted responses."
    )
    observations = _counts(
        KINDS, "States whose agreed lists hold an observation of each kind."
    )
    needs = _counts(
        NEEDS, "States whose agreed lists hold a need of each kind of assistance."
    )


class TallyList(colander.SequenceSchema):
    tally = TallyOut(typ=closed())


class PracticeOut(colander.MappingSchema):
    cluster = _out(colander.String(), description="Empty: no one article.")
    instrument = _out(colander.String())
    article = _out(colander.String())
    iso3 = _out(colander.String(), description="The State whose list holds it.")
    state = _out(colander.String(), description="Its name.")
    phase = _out(colander.Integer())
    text = _out(colander.String(), description="As the parties agreed it (¶39).")


class PracticeList(colander.SequenceSchema):
    practice = PracticeOut(typ=closed())


class StateOut(colander.MappingSchema):
    iso3 = _out(colander.String())
    name = _out(colander.String())


class StateList(colander.SequenceSchema):
    state = StateOut(typ=closed())


class FiltersOut(colander.MappingSchema):
    instrument = _out(colander.String())
    cluster = _out(colander.String())
    regional_group = _out(colander.String())


class IntroductionOut(colander.MappingSchema):
    text = _out(colander.String())
    version = _out(colander.Integer())
    at = _out(colander.String(), description="Saved at (ISO 8601, UTC).")


class CountedOut(colander.MappingSchema):
    responses = _out(
        colander.Integer(), description="States whose submitted responses count."
    )
    lists = _out(colander.Integer(), description="Agreed lists of observations.")


class ReportBody(colander.MappingSchema):
    filters = FiltersOut(typ=closed(), description="Empty: not narrowed.")
    introduction = IntroductionOut(
        typ=closed(), nullable=True, description="The Secretariat's text (¶19)."
    )
    counted = CountedOut(typ=closed())
    overall = TallyOut(typ=closed())
    by_article = TallyList(description="By instrument, then article number.")
    by_cluster = TallyList(description="By numeral.")
    by_instrument = TallyList(description="The Convention, then its Protocols.")
    by_regional_group = TallyList(description="By code; 'none' last.")
    best_practices = PracticeList(
        description="By theme (cluster), article, then the State's name."
    )
    states = StateList(description="Whose material is counted, by name.")


class ReportResponse(colander.MappingSchema):
    body = ReportBody(typ=closed(), title="GeneralReport")
