"""``phase-N/assistance``: a review's needs and their follow-up (¶44 to ¶46).

The page lists the needs the parties agreed, each with its provision,
kind, priority and text, the requests made on it and the progress
reported; a need the State keeps confidential (¶38) says so.  The focal
point of the State under review requests assistance based on a need
(``request``, ¶45); it and the State's experts report progress
(``report``, ¶44, ¶46).  The page of the next phase shows the needs of
this one with their latest progress.
"""

from __future__ import annotations

import colander
from pyramid.view import view_config

from ..dialogue import forms
from ..dialogue.forms import FormErrors
from ..draws.views import state_name
from ..i18n import _
from ..numbers import number
from ..responses.access import mechanism_of
from .acts import report_progress, request
from .labels import labels
from .permissions import AssistancePermission as P
from .resources import STATUSES, Assistance

PAGE = "sherloc_review:templates/assistance/index.pt"


def _text() -> colander.SchemaNode:
    return colander.SchemaNode(colander.String(), missing="")


class RequestSchema(colander.MappingSchema):
    number = _text()
    text = _text()


class ReportSchema(colander.MappingSchema):
    number = _text()
    status = _text()
    text = _text()


def previous_needs(request, assistance) -> list:
    """The needs of the State's previous phase, if the reader may read them
    (¶46: progress is visible in the next phase)."""
    phase = assistance.phase
    earlier = phase.country.phases.get(phase.number - 1)
    found = earlier.assistance if earlier is not None else None
    if found is None or not request.has_permission(P.VIEW, found):
        return []
    return list(found.needs.values())


def _page(context: Assistance, request, failure: FormErrors | None = None) -> dict:
    mechanism = mechanism_of(context)
    phase = context.phase
    return {
        **labels(request, mechanism),
        "page_title": request.translate(
            _(
                "Technical assistance: ${state}, phase ${phase}",
                mapping={
                    "state": state_name(mechanism["states"], context.country.iso3),
                    "phase": phase.number,
                },
            )
        ),
        "assistance": context,
        "phase": phase,
        "needs": list(context.needs.values()),
        "previous": previous_needs(request, context),
        "previous_url": request.resource_url(
            context.country, f"phase-{phase.number - 1}", "assistance"
        ),
        "statuses": STATUSES,
        "can_request": bool(request.has_permission(P.REQUEST, context)),
        "can_report": bool(request.has_permission(P.REPORT, context)),
        "failed": failure.values.get("number", "") if failure is not None else "",
        "values": failure.values if failure is not None else {},
        "errors": failure.errors if failure is not None else {},
    }


@view_config(
    context=Assistance,
    renderer=PAGE,
    permission=P.VIEW,
    request_method=("GET", "HEAD"),
)
def assistance_page(context: Assistance, request):
    return _page(context, request)


def _act(context: Assistance, req, schema, perform, done):
    def act(values: dict) -> str:
        need = number(values["number"])
        perform(values, need, req.identity.login, req.clock.today())
        return req.resource_url(context, anchor=f"need-{need}")

    return forms.acted(req, context, schema, _page, act, done)


@view_config(
    context=Assistance,
    name="request",
    renderer=PAGE,
    permission=P.REQUEST,
    request_method="POST",
)
def request_assistance(context: Assistance, req):
    def perform(values, need, by, today) -> None:
        at = req.clock.now().timestamp()
        request(context, need, values["text"], by, today, at)

    return _act(
        context, req, RequestSchema(), perform, _("Your request is recorded (¶45).")
    )


@view_config(
    context=Assistance,
    name="report",
    renderer=PAGE,
    permission=P.REPORT,
    request_method="POST",
)
def report(context: Assistance, req):
    def perform(values, need, by, today) -> None:
        at = req.clock.now().timestamp()
        report_progress(context, need, values["status"], values["text"], by, today, at)

    return _act(
        context, req, ReportSchema(), perform, _("Your report is recorded (¶44, ¶46).")
    )
