"""Releasing a reviewing State's feedback: a confirmation showing what goes
to the State under review, then the act (its focal point, ¶35).

The form carries an idempotency key: the same release sent twice (a
double click, a retry after a lost answer) lands on the same result.  The
last reviewing State to release moves the phase on to the dialogue.
"""

from __future__ import annotations

import secrets

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from sherloc_portal.accounts.flash import flash
from sherloc_portal.forms import ActionRefused

from ..dialogue import publish
from ..i18n import _
from .items import release
from .pages import common, mechanism_of
from .permissions import FeedbackPermission as P
from .resources import WrittenFeedback

PAGE = "sherloc_review:templates/feedback/release.pt"


def _page(context: WrittenFeedback, request, error=None) -> dict:
    values = common(request, context)
    items = context.live_items()
    return {
        **values,
        "page_title": request.translate(
            _(
                "Release the written feedback of ${reviewer}",
                mapping={"reviewer": values["reviewer_name"]},
            )
        ),
        "items": len(items),
        "requests": sum(1 for i in items if i.is_request),
        "key": secrets.token_urlsafe(16),
        "error": error,
    }


@view_config(
    context=WrittenFeedback,
    name="release",
    renderer=PAGE,
    permission=P.RELEASE,
    request_method=("GET", "HEAD"),
)
def confirm(context: WrittenFeedback, request):
    return _page(context, request)


@view_config(
    context=WrittenFeedback,
    name="release",
    renderer=PAGE,
    permission=P.RELEASE,
    request_method="POST",
)
def release_feedback(context: WrittenFeedback, request):
    phase = context.phase
    before = phase.state
    try:
        release(
            mechanism_of(phase),
            context,
            request.identity.login,
            request.clock.today(),
            request.POST.get("key", "")[:64],
        )
    except ActionRefused as refusal:
        request.tm.doom()  # nothing of a refused act stays
        request.response.status = 409
        return _page(context, request, request.translate(refusal.message))
    publish.refresh_feedback(request, phase.dialogue)  # if public (¶41)
    if phase.state != before:
        flash(
            request,
            _(
                "The feedback was released. Every reviewing State has now "
                "released its feedback: the constructive dialogue begins."
            ),
        )
    else:
        flash(request, _("The feedback was released to the State under review."))
    return HTTPSeeOther(location=request.resource_url(context))
