"""``/review/states``, ``/review/states/ISO3`` and the data's provenance."""

from __future__ import annotations

from pyramid.view import view_config

from ..countries.permissions import CountryPermission
from ..i18n import _
from ..labels import (
    CONFIDENCE_LABELS,
    LANGUAGE_LABELS,
    LEGAL_SYSTEM_LABELS,
    REGIONAL_GROUP_LABELS,
    STATUS_LABELS,
)
from ..officials.offices import offices
from ..officials.permissions import OfficialsPermission
from ..permissions import ReviewPermission
from .resources import INSTRUMENTS, State, States

PROVENANCE_FILE = "PROVENANCE.md"


def _labels(request) -> dict:
    translate = request.translate
    return {
        "status": {k: translate(v) for k, v in STATUS_LABELS.items()},
        "confidence": {k: translate(v) for k, v in CONFIDENCE_LABELS.items()},
        "group": {k: translate(v) for k, v in REGIONAL_GROUP_LABELS.items()},
        "legal_system": {k: translate(v) for k, v in LEGAL_SYSTEM_LABELS.items()},
        "language": {k: translate(v) for k, v in LANGUAGE_LABELS.items()},
    }


def _instrument_names(context) -> dict:
    instruments = context.__parent__["instruments"]
    return {code: instruments[code].short_name for code in INSTRUMENTS}


@view_config(
    context=States,
    renderer="sherloc_review:templates/review/states.pt",
    permission=ReviewPermission.REFERENCE_VIEW,
    request_method=("GET", "HEAD"),
)
def states_list(context, request):
    return {
        "page_title": request.translate(_("States")),
        "states": sorted(context.values(), key=lambda s: s.name),
        "instruments": INSTRUMENTS,
        "instrument_names": _instrument_names(context),
        "labels": _labels(request),
        "provenance_url": request.resource_url(context, "provenance"),
    }


@view_config(
    context=State,
    renderer="sherloc_review:templates/review/state.pt",
    permission=ReviewPermission.REFERENCE_VIEW,
    request_method=("GET", "HEAD"),
)
def state_detail(context, request):
    mechanism = context.__parent__.__parent__
    users = request.root["users"]
    return {
        "page_title": context.name,
        "state": context,
        "instruments": INSTRUMENTS,
        "instrument_names": _instrument_names(context.__parent__),
        "labels": _labels(request),
        "offices": offices(request, mechanism, context, users),
        "officials_url": request.resource_url(mechanism["officials"], context.iso3)
        if "officials" in mechanism
        and request.has_permission(OfficialsPermission.VIEW, mechanism["officials"])
        else None,
        "provenance_url": request.resource_url(context.__parent__, "provenance"),
        "review_url": _review_url(request, mechanism, context.iso3),
    }


def _review_url(request, mechanism, iso3: str) -> str:
    countries = mechanism.get("countries")
    review = countries.get(iso3) if countries is not None else None
    if review is None or not request.has_permission(CountryPermission.VIEW, review):
        return ""
    return request.resource_url(review)


@view_config(
    context=States,
    name="provenance",
    renderer="sherloc_review:templates/review/provenance.pt",
    permission=ReviewPermission.REFERENCE_VIEW,
    request_method=("GET", "HEAD"),
)
def provenance(context, request):
    """The profile's PROVENANCE.md, as written (English, like the data)."""
    installer = request.registry.sherloc_installer
    path = installer.folder("default") / PROVENANCE_FILE
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return {
        "page_title": request.translate(_("Where the data comes from")),
        "text": text,
    }
