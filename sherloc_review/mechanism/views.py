"""``/review``: what the mechanism holds, at a glance."""

from __future__ import annotations

from pyramid.view import view_config

from ..assistance.listing import NeedsList
from ..assistance.permissions import AssistancePermission
from ..countries.permissions import CountryPermission
from ..cycle.permissions import CyclePermission
from ..draws.permissions import DrawPermission
from ..experience.permissions import ExperiencePermission
from ..experience.shared import SharedList
from ..i18n import _
from ..permissions import ReviewPermission
from ..reports.permissions import ReportPermission
from ..states.resources import INSTRUMENTS
from .resources import ReviewMechanism


@view_config(
    context=ReviewMechanism,
    renderer="sherloc_review:templates/review/index.pt",
    permission=ReviewPermission.MECHANISM_VIEW,
    request_method=("GET", "HEAD"),
)
def overview(context, request):
    states = context["states"]
    draws, countries = context.get("draws"), context.get("countries")
    cycle = context.get("cycle")
    reports = context.get("reports")
    user = request.identity.user if request.identity else None
    own = countries.get(user.state) if countries is not None and user else None
    instruments = context["instruments"]
    parties = dict.fromkeys(INSTRUMENTS, 0)
    for state in states.values():
        for code in INSTRUMENTS:
            parties[code] += state.is_party(code)
    return {
        "page_title": request.translate(_("Review mechanism")),
        "state_count": len(states),
        "instruments": [(instruments[code], parties[code]) for code in INSTRUMENTS],
        "clusters": list(context["clusters"].values()),
        "workplan": context["workplan"].entries,
        "questionnaires": context["questionnaires"],
        "draws_url": request.resource_url(draws)
        if draws is not None and request.has_permission(DrawPermission.VIEW, draws)
        else "",
        "cycle_url": request.resource_url(cycle)
        if cycle is not None and request.has_permission(CyclePermission.VIEW, cycle)
        else "",
        "mine_url": request.resource_url(cycle, "mine")
        if cycle is not None and request.has_permission(CyclePermission.OWN, cycle)
        else "",
        "outcomes_url": request.resource_url(context, "outcomes")
        if cycle is not None and request.has_permission(CyclePermission.VIEW, cycle)
        else "",
        "report_url": request.resource_url(reports, "general")
        if reports is not None
        and request.has_permission(ReportPermission.VIEW, reports)
        else "",
        "assistance_url": request.resource_url(context, NeedsList.__name__)
        if request.has_permission(AssistancePermission.LIST, NeedsList(context))
        else "",
        "experiences_url": request.resource_url(context, SharedList.__name__)
        if request.has_permission(ExperiencePermission.LIST, SharedList(context))
        else "",
        "own_review_url": request.resource_url(own)
        if own is not None and request.has_permission(CountryPermission.VIEW, own)
        else "",
    }
