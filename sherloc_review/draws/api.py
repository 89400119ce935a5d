"""``/api/v1/draws``: run a draw (Secretariat) and read stored records.

``POST /api/v1/draws`` with ``{"seed": …}`` (and an optional ``title``)
prepares and runs a draw at once — the commitment is the hash of the seed
given — and answers 201 with the draw as ``sherloc-draw`` prints it, plus
the record's ``id`` and ``commitment``.  The reviews then follow it, as
after a draw made from the pages.  ``GET /api/v1/draws/{id}`` answers the
stored record, the format ``sherloc-draw verify`` reads (the seed is null
until revealed).
"""

from __future__ import annotations

import colander

from sherloc_portal.api import api_service
from sherloc_portal.api.schemas import JSONString, closed
from sherloc_portal.api.validation import refuse, validate_request

from ..draw import DrawError
from ..draw.errors import render
from ..draw_schemas import draw_body, draw_nodes
from .meeting import prepare, run
from .permissions import DrawPermission

draws_service = api_service(
    "api.review.draws",
    "/draws",
    traverse="/review/draws",
    description="Drawing of lots (¶17, ¶28).",
)
record_service = api_service(
    "api.review.draw",
    "/draws/{id}",
    traverse="/review/draws/{id}",
    description="A stored draw record.",
)

API_TITLE = "Drawing of lots (API)"


class DrawRequestBody(colander.MappingSchema):
    seed = colander.SchemaNode(
        JSONString(),
        validator=colander.Length(min=1, max=200),
        description="The seed; its SHA-256 becomes the published commitment.",
    )
    title = colander.SchemaNode(
        JSONString(),
        missing=API_TITLE,
        validator=colander.Length(min=3, max=200),
        description="What the draw is for.",
    )


class DrawRequest(colander.MappingSchema):
    body = DrawRequestBody(typ=closed())


class DrawCreated(colander.MappingSchema):
    body = draw_body("Draw")


class PopulationRow(colander.MappingSchema):
    iso3 = colander.SchemaNode(colander.String())
    un_regional_group = colander.SchemaNode(colander.String())
    untoc = colander.SchemaNode(colander.String())
    tip_protocol = colander.SchemaNode(colander.String())
    som_protocol = colander.SchemaNode(colander.String())
    firearms_protocol = colander.SchemaNode(colander.String())
    un_working_languages_official = colander.SchemaNode(colander.String())
    legal_system_family = colander.SchemaNode(colander.String())
    volunteer = colander.SchemaNode(colander.String())
    max_reviews = colander.SchemaNode(colander.String())
    max_reviewing_states = colander.SchemaNode(colander.String())


class PopulationRows(colander.SequenceSchema):
    row = PopulationRow(typ=closed())


class Decision(colander.MappingSchema):
    under_review = colander.SchemaNode(colander.String())
    request = colander.SchemaNode(colander.Integer())
    requested_by = colander.SchemaNode(colander.String(), description="ISO3.")
    at = colander.SchemaNode(colander.String())
    seed = colander.SchemaNode(colander.String())


class Decisions(colander.SequenceSchema):
    decision = Decision(typ=closed())


def _draw_object(name: str, description: str) -> colander.SchemaNode:
    node = colander.SchemaNode(
        closed(), name=name, missing=colander.drop, description=description
    )
    for child in draw_nodes():
        node.add(child)
    return node


class RecordBody(colander.MappingSchema):
    format = colander.SchemaNode(colander.String())
    id = colander.SchemaNode(colander.String())
    title = colander.SchemaNode(colander.String())
    commitment = colander.SchemaNode(colander.String())
    seed = colander.SchemaNode(
        colander.String(), nullable=True, description="null until revealed."
    )
    population = PopulationRows(description="The population, frozen when prepared.")
    prepared_at = colander.SchemaNode(colander.String())
    draw = _draw_object("draw", "The draw as it now stands, redraws included.")
    original_draw = _draw_object("original_draw", "The draw as first made.")
    revealed_at = colander.SchemaNode(colander.String(), missing=colander.drop)
    redraw_decisions = Decisions(missing=colander.drop)


class RecordResponse(colander.MappingSchema):
    body = RecordBody(typ=closed(), title="DrawRecord")


@draws_service.post(
    schema=DrawRequest(),
    validators=(validate_request,),
    permission=DrawPermission.MANAGE,
    response_schemas={
        "201": DrawCreated(description="The draw; the reviews now follow it."),
    },
)
def create_draw(request):
    """Draw lots from a seed at once: groups and reviewing States."""
    body = request.validated["body"]
    mechanism = request.context.__parent__
    login = request.identity.login
    try:
        record = prepare(mechanism, body["title"], body["seed"], login)
        result = run(mechanism, record, login)
    except DrawError as error:
        request.tm.doom()  # no half-made record: the 400 answer commits nothing
        refuse(request, 400, "body", "seed", render(error.message, request.translate))
        return None
    request.response.status = 201
    request.response.location = request.route_url("api.review.draw", id=record.number)
    return {"id": record.number, "commitment": record.commitment, **result.to_json()}


@record_service.get(
    permission=DrawPermission.VIEW,
    response_schemas={"200": RecordResponse(description="The stored draw record.")},
)
def get_record(request):
    """A stored draw record, as ``sherloc-draw verify`` reads it."""
    return request.context.download()


def includeme(config) -> None:
    config.include("sherloc_portal.api")
    config.add_api_service(draws_service)
    config.add_api_service(record_service)
