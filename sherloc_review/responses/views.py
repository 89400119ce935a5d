"""The questionnaire of one instrument: read, and what is due (¶34).

The State's officials and the Secretariat see the working answers; every
State party's officials see the submitted version (¶40) and nothing
before it is submitted.  Progress, the due date and days left show on the
page; the phase page shows progress per instrument.
"""

from __future__ import annotations

import re

from pyramid.httpexceptions import HTTPBadRequest, HTTPForbidden
from pyramid.view import view_config

from ..cycle.dates import days_left
from ..i18n import _
from ..mechanism.resources import ReviewMechanism
from ..permissions import ReviewPermission
from .pages import common, follow_ups_shown
from .permissions import ResponsesPermission as P
from .progress import of_assessment
from .resources import SelfAssessment
from .search import LIMIT, search

ISO3 = re.compile(r"[A-Z]{3}", re.ASCII)
READ = {"request_method": ("GET", "HEAD")}


@view_config(
    context=SelfAssessment,
    renderer="sherloc_review:templates/responses/questionnaire.pt",
    permission=P.VIEW_SUBMITTED,
    **READ,
)
def questionnaire(context: SelfAssessment, request):
    values = common(request, context)
    if not values["values"] and context.submitted is None:
        raise HTTPForbidden()
    phase = context.phase
    due = phase.responses_due
    return {
        **values,
        "page_title": request.translate(
            _(
                "Self-assessment of ${state}: ${instrument}, phase ${phase}",
                mapping={
                    "state": values["state_name"],
                    "instrument": context.instrument,
                    "phase": phase.number,
                },
            )
        ),
        "progress": of_assessment(context),
        "due": due,
        "days_left": days_left(due, request.clock.today())
        if context.status == "draft"
        else None,
        "follow_ups_shown": follow_ups_shown,
    }


@view_config(
    context=ReviewMechanism,
    name="search",
    renderer="sherloc_review:templates/responses/search.pt",
    permission=ReviewPermission.MECHANISM_VIEW,
    **READ,
)
def search_responses(context, request):
    """Search the responses; only what the reader may see is found."""
    query = request.GET.get("q", "").strip()[:200]
    state = request.GET.get("state", "").strip().upper()
    if state and not ISO3.fullmatch(state):
        raise HTTPBadRequest(
            request.translate(_("A State is given by its three-letter code."))
        )
    hits, more = search(request, context, query, state) if query else ([], False)
    return {
        "page_title": request.translate(_("Search the responses")),
        "query": query,
        "state": state,
        "hits": hits,
        "more": more,
        "limit": LIMIT,
    }
