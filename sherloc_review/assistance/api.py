"""``GET /api/v1/assistance-needs``: the needs of every review (¶44).

The same readers, filters, order and withheld rule as the list page
(:mod:`.listing`): the context is the mechanism, which every official
reads; the list's own ACL then decides, so a reader not of the Working
Group gets 403.  A filter value that is unknown is a 400 naming it.
"""

from __future__ import annotations

from sherloc_portal.api import api_service
from sherloc_portal.api.validation import validate_request

from ..permissions import ReviewPermission
from .api_schemas import ListNeeds, NeedsResponse
from .listing import check_reader, need_json, needs

needs_service = api_service(
    "api.review.assistance-needs",
    "/assistance-needs",
    traverse="/review",
    description="The technical-assistance needs of every review (¶44).",
)


@needs_service.get(
    schema=ListNeeds(),
    validators=(validate_request,),
    permission=ReviewPermission.MECHANISM_VIEW,
    response_schemas={"200": NeedsResponse(description="The needs, a page at a time.")},
)
def list_needs(request):
    """The needs the filters select, a page of ``limit`` at a time.

    For the Working Group on Technical Assistance (every State party's
    officials), the Chair, the Bureau and the Secretariat.  Needs a State
    keeps confidential (¶38) are given to the Secretariat only, marked
    ``withheld``.  By State name, then phase and number: never by a count.
    """
    mechanism = request.context
    withheld = check_reader(request, mechanism)
    query = request.validated["querystring"]
    found = needs(mechanism, query, withheld)
    page, limit = query["page"], query["limit"]
    return {
        "needs": [
            need_json(row, state, withheld)
            for row, state in found[(page - 1) * limit : page * limit]
        ],
        "total": len(found),
        "page": page,
        "limit": limit,
    }


def includeme(config) -> None:
    config.include("sherloc_portal.api")
    config.add_api_service(needs_service)
