"""Colander schemas of ``GET /api/v1/assistance-needs``: the filters are
the list page's own (:class:`.listing.NeedsQuery`); the answer documents."""

from __future__ import annotations

import colander

from sherloc_portal.api.schemas import closed

from ..outcomes.blueprint import NEEDS, PRIORITIES
from .listing import NeedsQuery
from .resources import STATUSES


class ListNeeds(colander.MappingSchema):
    querystring = NeedsQuery()


def _out(typ, **kw) -> colander.SchemaNode:
    return colander.SchemaNode(typ, **kw)


class NeedOut(colander.MappingSchema):
    iso3 = _out(colander.String(), description="The State under review.")
    state = _out(colander.String(), description="Its name.")
    phase = _out(colander.Integer())
    number = _out(colander.Integer(), description="The need's number in its review.")
    instrument = _out(colander.String())
    article = _out(colander.String(), description="Empty: the instrument as a whole.")
    need = _out(colander.String(), validator=colander.OneOf(NEEDS))
    priority = _out(colander.String(), validator=colander.OneOf(PRIORITIES))
    text = _out(colander.String(), description="As the parties agreed it (¶39).")
    status = _out(
        colander.String(),
        validator=colander.OneOf(STATUSES),
        description="As the State last reported it (¶44, ¶46).",
    )
    requested = _out(colander.Boolean(), description="Assistance requested (¶45).")
    agreed_on = _out(colander.String(), description="YYYY-MM-DD")
    withheld = _out(
        colander.Boolean(),
        missing=colander.drop,
        description="Kept confidential by the State (¶38); only the Secretariat "
        "is given these needs.",
    )


class NeedList(colander.SequenceSchema):
    need = NeedOut(typ=closed())


class NeedsBody(colander.MappingSchema):
    needs = NeedList(description="By State name, then phase and number.")
    total = _out(colander.Integer(), description="Needs the filters select.")
    page = _out(colander.Integer())
    limit = _out(colander.Integer())


class NeedsResponse(colander.MappingSchema):
    body = NeedsBody(typ=closed(), title="AssistanceNeeds")
