"""``/review/experiences``: the experiences States shared (¶42), by State
name and phase, for every State party's officials and the Secretariat;
read from the mechanism's index only."""

from __future__ import annotations

from pyramid.view import view_config

from ..draws.views import state_name
from ..i18n import _
from ..mechanism.resources import ReviewMechanism
from ..permissions import ReviewPermission
from .shared import check_reader, index_of


@view_config(
    context=ReviewMechanism,
    name="experiences",
    renderer="sherloc_review:templates/experience/list.pt",
    permission=ReviewPermission.MECHANISM_VIEW,
    request_method=("GET", "HEAD"),
)
def shared_experiences(context: ReviewMechanism, request):
    check_reader(request, context)
    states = context["states"]
    index = index_of(context)
    rows = sorted(
        (
            (state_name(states, row.iso3), row)
            for row in (index.values() if index is not None else ())
        ),
        key=lambda pair: (pair[0], pair[1].iso3, pair[1].phase),
    )
    return {
        "page_title": request.translate(
            _("Experience of completing the questionnaires, as States share it")
        ),
        "rows": [
            {
                "state": name,
                "iso3": row.iso3,
                "phase": row.phase,
                "shared_on": row.shared_on,
                "url": request.resource_url(
                    context, "countries", row.iso3, f"phase-{row.phase}", "experience"
                ),
            }
            for name, row in rows
        ],
    }
