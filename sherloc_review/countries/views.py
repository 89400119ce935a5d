"""``/review/countries/ISO3``: a State's review, its reviewers and redraws.

Any official of a State party and the Secretariat see who reviews the
State (the draw is public to the States parties).  Participants also see
the redraw requests and how many of the four requests of ¶28(d) each party
has used; focal points of participants ask for a redraw; the Secretariat
grants or declines.
"""

from __future__ import annotations

import colander
import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from sherloc_portal.accounts.flash import flash
from sherloc_portal.forms import ActionRefused, CSRFSchema, FormView

from ..cycle.workflow import STATE_LABELS
from ..draw import DrawError
from ..draw.redraw import MAX_COUNTED_REQUESTS
from ..draw.result import REASONS
from ..draws.views import explain, state_name
from ..i18n import _
from ..labels import (
    INSTRUMENT_CODES_LABELS,
    REDRAW_REASON_LABELS,
    REQUEST_STATUS_LABELS,
    ROLE_LABELS,
)
from .permissions import CountryPermission
from .phase import planned_phase
from .redraws import ask, decline, grant
from .resources import CountryReview

PAGE = "sherloc_review:templates/countries/review.pt"


def _translated(request, labels: dict) -> dict:
    return {k: request.translate(v) for k, v in labels.items()}


def _counters(context) -> list[dict]:
    """Counted redraw requests made by each party of the review (¶28(d))."""
    if not context.reviewers:
        return []
    return [
        {
            "iso3": iso3,
            "used": context.counted_requests(iso3),
            "limit": MAX_COUNTED_REQUESTS,
        }
        for iso3 in context.participants
    ]


def review_page(context, request, error=None) -> dict:
    mechanism = context.__parent__.__parent__
    states = mechanism["states"]
    participate = request.has_permission(CountryPermission.PARTICIPATE, context)
    user = request.identity.user if request.identity else None
    return {
        "page_title": request.translate(
            _("Review of ${state}", mapping={"state": state_name(states, context.iso3)})
        ),
        "review": context,
        "names": {
            iso3: state_name(states, iso3)
            for iso3 in (
                *context.participants,
                *(r.requested_by for r in context.requests),
            )
        },
        "phase": planned_phase(mechanism.get("workplan"), context.group),
        "roles": _translated(request, ROLE_LABELS),
        "instruments": _translated(request, INSTRUMENT_CODES_LABELS),
        "reasons": _translated(request, REDRAW_REASON_LABELS),
        "statuses": _translated(request, REQUEST_STATUS_LABELS),
        "participate": participate,
        "phases": list(context.phases.values()) if participate else [],
        "stages": _translated(request, STATE_LABELS),
        "counters": _counters(context) if participate else [],
        "requests": context.requests_seen_by(
            user.state if user is not None else None,
            request.has_permission(CountryPermission.DECIDE_REDRAW, context),
        )
        if participate
        else (),
        "can_request": bool(context.reviewers)
        and request.has_permission(CountryPermission.REQUEST_REDRAW, context)
        and user is not None
        and user.state in context.participants,
        "can_decide": request.has_permission(CountryPermission.DECIDE_REDRAW, context),
        "draw_url": request.resource_url(mechanism["draws"], context.draw)
        if context.draw
        else "",
        "error": error,
    }


@view_config(
    context=CountryReview,
    renderer=PAGE,
    permission=CountryPermission.VIEW,
    request_method=("GET", "HEAD"),
)
def country_review(context, request):
    return review_page(context, request)


@colander.deferred
def _reason_widget(node, kw):
    request = kw["request"]
    return deform.widget.SelectWidget(
        values=[(k, request.translate(REDRAW_REASON_LABELS[k])) for k in REASONS]
    )


class RedrawRequestSchema(CSRFSchema):
    reason = colander.SchemaNode(
        colander.String(),
        title=_("Reason"),
        validator=colander.OneOf(REASONS),
        widget=_reason_widget,
    )
    note = colander.SchemaNode(
        colander.String(),
        title=_("Note for the Secretariat"),
        description=_("For example, the working language you wish to share."),
        missing="",
        validator=colander.Length(max=2000),
        widget=deform.widget.TextAreaWidget(rows=4),
    )


@view_config(
    context=CountryReview,
    name="request-redraw",
    renderer="sherloc_portal:templates/forms/form_page.pt",
    permission=CountryPermission.REQUEST_REDRAW,
    request_method=("GET", "HEAD", "POST"),
)
class RequestRedrawView(FormView):
    """A focal point of a participant asks for the reviewers to be drawn again."""

    schema = RedrawRequestSchema
    formid = "request-redraw"
    failure_status = 400
    buttons = (deform.Button("ask", _("Send the request")),)

    title = _("Ask for the reviewers to be drawn again")
    intro = _(
        "The State under review and each reviewing State may ask up to "
        "four times that the lots be drawn again, for instance to share "
        "a working language or to have a reviewer from a similar legal "
        "system (¶28(d)); requests in exceptional circumstances (¶28(e)) "
        "or because a reviewer is unable to serve (¶30) do not count. "
        "The Secretariat decides."
    )

    def ask_success(self, appstruct: dict):
        request, context = self.request, self.context
        user = request.identity.user
        if user.state not in context.participants:
            request.response.status = 403
            raise ActionRefused(_("Your State takes no part in this review."))
        try:
            ask(
                context.__parent__.__parent__,
                context,
                user.state,
                user.login,
                appstruct["reason"],
                appstruct["note"].strip(),
            )
        except DrawError as error:
            raise ActionRefused(explain(request, error)) from error
        flash(request, _("Your request was sent to the Secretariat."))
        return HTTPSeeOther(location=request.resource_url(context))


class DecisionSchema(colander.Schema):
    number = colander.SchemaNode(colander.Integer())
    decision = colander.SchemaNode(
        colander.String(), validator=colander.OneOf(("grant", "decline"))
    )
    note = colander.SchemaNode(
        colander.String(), missing="", validator=colander.Length(max=2000)
    )


@view_config(
    context=CountryReview,
    name="decide",
    renderer=PAGE,
    permission=CountryPermission.DECIDE_REDRAW,
    request_method="POST",
)
def decide(context, request):
    """Grant (draw new reviewers) or decline a pending request."""
    schema = DecisionSchema()
    try:
        data = schema.deserialize(
            {node.name: request.POST.get(node.name, colander.null) for node in schema}
        )
    except colander.Invalid:
        request.response.status = 400
        return review_page(
            context, request, request.translate(_("The decision was incomplete."))
        )
    by = request.identity.login
    try:
        if data["decision"] == "grant":
            grant(
                context.__parent__.__parent__, context, data["number"], by, data["note"]
            )
            message = _("New reviewers were drawn; the request is granted.")
        else:
            decline(context, data["number"], by, data["note"])
            message = _("The request is declined.")
    except DrawError as error:
        request.response.status = 400
        return review_page(context, request, explain(request, error))
    flash(request, message)
    return HTTPSeeOther(location=request.resource_url(context))
