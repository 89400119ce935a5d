"""Colander schemas of the draw's JSON, shared by the API services.

They document the contract of ``sherloc-draw`` (see
:mod:`sherloc_review.draw.result`) in the OpenAPI document; a test checks
real answers against them.
"""

from __future__ import annotations

import colander

from sherloc_portal.api.schemas import closed

from .draw.population import INSTRUMENTS
from .draw.result import REASONS, ROLES


class _Codes(colander.SequenceSchema):
    iso3 = colander.SchemaNode(colander.String())


class _Instruments(colander.SequenceSchema):
    instrument = colander.SchemaNode(
        colander.String(), validator=colander.OneOf(INSTRUMENTS)
    )


class ReviewerEntry(colander.MappingSchema):
    state = colander.SchemaNode(colander.String(), description="ISO3 code.")
    instruments = _Instruments(description="What this State reviews.")
    regional_group_role = colander.SchemaNode(
        colander.String(),
        validator=colander.OneOf(ROLES),
        description="same or other regional group (¶28), or additional (¶28(b)).",
    )


class ReviewerList(colander.SequenceSchema):
    reviewer = ReviewerEntry(typ=closed())


class ReviewEntry(colander.MappingSchema):
    under_review = colander.SchemaNode(colander.String())
    reviewers = ReviewerList()


class ReviewList(colander.SequenceSchema):
    review = ReviewEntry(typ=closed())


class Groups(colander.MappingSchema):
    one = _Codes(name="1")
    two = _Codes(name="2")
    three = _Codes(name="3")


class RedrawLogEntry(colander.MappingSchema):
    under_review = colander.SchemaNode(colander.String())
    requested_by = colander.SchemaNode(colander.String())
    reason = colander.SchemaNode(colander.String(), validator=colander.OneOf(REASONS))
    counted = colander.SchemaNode(
        colander.Boolean(), description="Counts against the four of ¶28(d)."
    )
    seed = colander.SchemaNode(colander.String())
    previous_reviewers = ReviewerList()


class RedrawLog(colander.SequenceSchema):
    entry = RedrawLogEntry(typ=closed())


def draw_nodes() -> list[colander.SchemaNode]:
    """The nodes of a draw as ``sherloc-draw`` prints it."""
    return [
        colander.SchemaNode(colander.String(), name="seed"),
        Groups(typ=closed(), name="groups", description="Groups 1 to 3 (¶17)."),
        ReviewList(name="reviews"),
        RedrawLog(
            name="redraws",
            missing=colander.drop,
            description="Present once a redraw was made.",
        ),
    ]


class DrawBody(colander.MappingSchema):
    """A draw, with the record's id and commitment."""

    id = colander.SchemaNode(colander.String(), description="The record's number.")
    commitment = colander.SchemaNode(
        colander.String(), description="SHA-256 of the seed, in hex."
    )


def draw_body(title: str) -> colander.SchemaNode:
    body = DrawBody(typ=closed(), title=title)
    for node in draw_nodes():
        body.add(node)
    return body
