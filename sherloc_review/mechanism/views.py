"""``/review``: what the mechanism holds, at a glance."""

from __future__ import annotations

from pyramid.view import view_config

from ..i18n import _
from ..permissions import ReviewPermission
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
    }
