"""``observations/confidential``: the State under review keeps parts of the
list confidential, in exceptional circumstances (¶38).

Its focal point ticks the entries the conference room paper leaves out,
with the reason (kept with the decision, read by the parties and the
Secretariat).  Each decision carries the time of the one its page showed,
so a decision made meanwhile is never overwritten unseen.
"""

from __future__ import annotations

from pyramid.view import view_config

from ..dialogue.forms import acted
from ..i18n import _
from ..numbers import number
from .forms import WithholdingSchema, chosen
from .lists import withhold
from .pages import common
from .permissions import OutcomePermission as P
from .resources import Observations

CONFIDENTIAL_PAGE = "sherloc_review:templates/outcomes/confidential.pt"


def confidential_page(context: Observations, request, failure=None) -> dict:
    values = common(request, context)
    decision = context.withholding
    listed = {e.number for e in context.entries}
    return {
        **values,
        "page_title": request.translate(
            _(
                "Parts kept confidential: ${state}, phase ${phase}",
                mapping={"state": values["state_name"], "phase": context.phase.number},
            )
        ),
        "entries": context.entries,
        "withheld": context.withheld,
        #: Entries withheld that later edits took out of the list: kept.
        "withheld_elsewhere": sorted(context.withheld - listed),
        "decision": decision,
        "decisions": context.withholdings[::-1],
        "seen": len(context.withholdings),
        "form": {
            "values": failure.values if failure else {},
            "errors": failure.errors if failure else {},
        },
    }


@view_config(
    context=Observations,
    name="confidential",
    renderer=CONFIDENTIAL_PAGE,
    permission=P.WITHHOLD,
    request_method=("GET", "HEAD"),
)
def confidential_form(context: Observations, request):
    return confidential_page(context, request)


@view_config(
    context=Observations,
    name="confidential",
    renderer=CONFIDENTIAL_PAGE,
    permission=P.WITHHOLD,
    request_method="POST",
)
def confidential(context: Observations, request):
    known = {str(n) for v in context.versions.values() for n in _numbers(v)}

    def act(values):
        entries = {number(n) for n in chosen(request, "entries", known)}
        withhold(
            context,
            entries,
            request.identity.login,
            request.clock.now().timestamp(),
            values["reason"],
            values["seen"],
        )
        return request.resource_url(context)

    done = _("Recorded: the conference room paper leaves out the parts ticked.")
    return acted(request, context, WithholdingSchema(), confidential_page, act, done)


def _numbers(version) -> list[int]:
    return [e.number for e in version.entries]
