"""``GET /api/v1/reviews/{iso3}``: a State's review as the draw made it.

Its group, the phase the workplan plans for this month, and its reviewing
States with their instruments and roles; for the officials of every State
party and the Secretariat (the context is the review, so its ACL decides).
"""

from __future__ import annotations

import colander

from sherloc_portal.api import api_service
from sherloc_portal.api.schemas import closed

from ..draw_schemas import ReviewerList
from .permissions import CountryPermission
from .phase import planned_phase

review_service = api_service(
    "api.review.review",
    "/reviews/{iso3}",
    traverse="/review/countries/{iso3}",
    description="A State's review: group, phase and reviewing States.",
)


class Phase(colander.MappingSchema):
    phase = colander.SchemaNode(
        colander.String(), description="1 to 4, or preparatory."
    )
    cluster = colander.SchemaNode(colander.String())
    cluster_name = colander.SchemaNode(colander.String())
    planned_start = colander.SchemaNode(colander.String(), description="YYYY-MM")
    planned_end = colander.SchemaNode(colander.String(), description="YYYY-MM")


class ReviewBody(colander.MappingSchema):
    under_review = colander.SchemaNode(colander.String())
    group = colander.SchemaNode(colander.String(), nullable=True)
    phase = Phase(typ=closed(), nullable=True, description="As planned (Table 2).")
    draw = colander.SchemaNode(
        colander.String(), nullable=True, description="The draw record followed."
    )
    reviewers = ReviewerList()


class ReviewResponse(colander.MappingSchema):
    body = ReviewBody(typ=closed(), title="Review")


@review_service.get(
    permission=CountryPermission.VIEW,
    response_schemas={"200": ReviewResponse(description="The State's review.")},
)
def get_review(request):
    """A State's group, current phase and reviewing States."""
    review = request.context
    mechanism = review.__parent__.__parent__
    entry = planned_phase(mechanism.get("workplan"), review.group)
    return {
        "under_review": review.iso3,
        "group": review.group or None,
        "phase": None
        if entry is None
        else {
            "phase": entry.phase,
            "cluster": entry.cluster,
            "cluster_name": entry.cluster_name,
            "planned_start": entry.planned_start,
            "planned_end": entry.planned_end,
        },
        "draw": review.draw or None,
        "reviewers": [
            {
                "state": r.state,
                "instruments": list(r.instruments),
                "regional_group_role": r.role,
            }
            for r in review.reviewers
        ],
    }


def includeme(config) -> None:
    config.include("sherloc_portal.api")
    config.add_api_service(review_service)
