"""Submitting the responses: a confirmation showing what is unanswered,
then the act (focal point, or the Secretariat on the State's request)."""

from __future__ import annotations

import secrets

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from sherloc_portal.accounts.flash import flash
from sherloc_portal.forms import ActionRefused

from ..i18n import _
from .pages import assisting, common
from .permissions import ResponsesPermission as P
from .progress import of_assessment, unanswered
from .resources import SelfAssessment
from .submit import submit

PAGE = "sherloc_review:templates/responses/submit.pt"


def _page(context, request, error=None) -> dict:
    return {
        **common(request, context),
        "page_title": request.translate(
            _(
                "Submit the responses: ${instrument}",
                mapping={"instrument": context.instrument},
            )
        ),
        "progress": of_assessment(context),
        "unanswered": unanswered(context),
        "update_missing": [
            q
            for q in context.questions
            if (value := context.answers[q.id].value).reuse is not None
            and not value.reuse.update
        ],
        "key": secrets.token_urlsafe(16),
        "error": error,
    }


@view_config(
    context=SelfAssessment,
    name="submit",
    renderer=PAGE,
    permission=P.SUBMIT,
    request_method=("GET", "HEAD"),
)
def confirm(context, request):
    return _page(context, request)


@view_config(
    context=SelfAssessment,
    name="submit",
    renderer=PAGE,
    permission=P.SUBMIT,
    request_method="POST",
)
def submit_responses(context, request):
    on_behalf = assisting(request, context)
    if on_behalf and not request.POST.get("requested", "").strip():
        request.response.status = 400
        return _page(
            context,
            request,
            request.translate(
                _("Say who in the State asked the Secretariat to submit (¶20).")
            ),
        )
    try:
        submit(
            context,
            request.identity.login,
            request.clock.today(),
            request.POST.get("key", "")[:64],
            on_behalf,
            request.POST.get("requested", "").strip()[:500],
        )
    except ActionRefused as refusal:
        request.tm.doom()  # nothing of a refused act stays
        request.response.status = 409
        return _page(context, request, request.translate(refusal.message))
    flash(request, _("The responses were submitted."))
    return HTTPSeeOther(location=request.resource_url(context))
