"""``/api/v1/states``: the States of the mechanism and where they stand.

Lists every State under ``/review/states`` with its regional group and its
status (party, signatory, none) for each instrument, with optional filters.
The context is the States folder itself, so its ACL decides who may list
(:attr:`ReviewPermission.REFERENCE_VIEW`), exactly as for the HTML pages.
An unknown filter value is a 400, never an empty list that hides a typo;
the regional groups are those the States have (the data decides), the
instruments and statuses those of the model.
"""

from __future__ import annotations

import colander

from sherloc_portal.api import api_service
from sherloc_portal.api.schemas import JSONString, closed
from sherloc_portal.api.validation import validate_request

from .i18n import _
from .permissions import ReviewPermission
from .states.resources import INSTRUMENTS, STATUSES

states_service = api_service(
    "api.review.states",
    "/states",
    traverse="/review/states",
    description="States of the review mechanism.",
)


def _regional_groups(states) -> list[str]:
    return sorted({s.regional_group for s in states.values() if s.regional_group})


@colander.deferred
def _known_group(node, kw):
    return colander.OneOf(_regional_groups(kw["context"]))


def _instrument_and_status_together(node, value):
    if ("instrument" in value) != ("status" in value):
        raise colander.Invalid(
            node,
            _("Give both 'instrument' and 'status' to filter by participation."),
        )


class StatesFilter(colander.MappingSchema):
    regional_group = colander.SchemaNode(
        JSONString(),
        missing=colander.drop,
        validator=_known_group,
        description="Only States of this UN regional group (AFR, APG, ...).",
    )
    instrument = colander.SchemaNode(
        JSONString(),
        missing=colander.drop,
        validator=colander.OneOf(INSTRUMENTS),
        description="With 'status': only States with that status for it.",
    )
    status = colander.SchemaNode(
        JSONString(),
        missing=colander.drop,
        validator=colander.OneOf(STATUSES),
        description="With 'instrument': party, signatory or none.",
    )


class StatesRequest(colander.MappingSchema):
    querystring = StatesFilter(validator=_instrument_and_status_together)


def _instruments_node() -> colander.SchemaNode:
    """Instrument code → status, for every instrument of the model."""
    statuses = colander.OneOf(STATUSES)
    return colander.SchemaNode(
        closed(),
        *(
            colander.SchemaNode(colander.String(), name=code, validator=statuses)
            for code in INSTRUMENTS
        ),
        name="instruments",
    )


class StateEntry(colander.MappingSchema):
    iso3 = colander.SchemaNode(colander.String())
    name = colander.SchemaNode(colander.String())
    regional_group = colander.SchemaNode(
        colander.String(),
        nullable=True,
        description="UN regional group, null for a State in none.",
    )
    instruments = _instruments_node()
    provisional = colander.SchemaNode(
        colander.Boolean(),
        description="True when the participation data is a reconstruction "
        "still to be verified against the UN Treaty Collection.",
    )


class StateList(colander.SequenceSchema):
    state = StateEntry(typ=closed())


class StatesListing(colander.MappingSchema):
    states = StateList()
    count = colander.SchemaNode(colander.Integer())


class StatesResponse(colander.MappingSchema):
    body = StatesListing(typ=closed(), title="States")


def _entry(state) -> dict:
    return {
        "iso3": state.iso3,
        "name": str(state.name),
        "regional_group": state.regional_group or None,
        "instruments": {code: state.status(code) for code in INSTRUMENTS},
        "provisional": bool(state.provisional),
    }


def _matches(state, query: dict) -> bool:
    group = query.get("regional_group")
    if group is not None and state.regional_group != group:
        return False
    instrument = query.get("instrument")
    return instrument is None or state.status(instrument) == query["status"]


@states_service.get(
    schema=StatesRequest(),
    validators=(validate_request,),
    permission=ReviewPermission.REFERENCE_VIEW,
    response_schemas={"200": StatesResponse(description="The States, by ISO3 code.")},
)
def list_states(request):
    """States with their regional group and status for each instrument."""
    query = request.validated.get("querystring", {})
    states = [_entry(s) for s in request.context.values() if _matches(s, query)]
    return {"states": states, "count": len(states)}


def includeme(config) -> None:
    config.include("sherloc_portal.api")
    config.add_api_service(states_service)
