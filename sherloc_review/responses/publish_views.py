"""Publishing responses (¶41): the State's form, and the public pages.

``…/responses/UNTOC/publish`` (the focal point, once the responses are
submitted): the submitted answers with a box to tick each, the files they
cite, the publications made so far and a button to withdraw each.  The
public pages read only the copies under ``/knowledge/responses``
(:mod:`.publish`), never the review: the listing by State and each
publication, its files downloaded as attachments.
"""

from __future__ import annotations

import secrets
from itertools import chain, islice

from pyramid.httpexceptions import HTTPGone, HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config

from sherloc_portal.accounts.flash import flash
from sherloc_portal.forms import ActionRefused
from sherloc_portal.security.permissions import Permission

from ..i18n import _
from ..questionnaires.resources import CLOSED_LABELS
from . import files
from .pages import common, follow_ups_shown
from .permissions import ResponsesPermission as P
from .publish import (
    Publication,
    PublishedResponses,
    assessment_key,
    publish,
    published_folder,
    withdraw,
)
from .resources import SelfAssessment

PUBLISH_PAGE = "sherloc_review:templates/responses/publish.pt"
LISTING_PAGE = "sherloc_review:templates/published/index.pt"
PUBLICATION_PAGE = "sherloc_review:templates/published/publication.pt"
WITHDRAWN_PAGE = "sherloc_review:templates/published/withdrawn.pt"
#: Publications on one page of the public listing.
PAGE_SIZE = 50
#: The most boxes one form sends that are looked at (a questionnaire
#: section has a few dozen questions; anything beyond is not a real form).
MAX_CHOICES = 500

READ = {"request_method": ("GET", "HEAD")}
PUBLIC = {"permission": Permission.PORTAL_VIEW, **READ}


# -- the State's form -----------------------------------------------------


def _publish_page(context, request, error=None, chosen=(), ticked=()) -> dict:
    submitted = context.submitted
    values = dict(submitted.values) if submitted is not None else {}
    answered = [
        q for q in context.questions if q.id in values and values[q.id].answered
    ]
    cited_by: dict[str, list[str]] = {}
    for question in answered:
        for file_id in values[question.id].attachments:
            if file_id in context.attachments:
                cited_by.setdefault(file_id, []).append(question.id)
    folder = published_folder(context)
    publications = folder.of_assessment(assessment_key(context)) if folder else []
    return {
        **common(request, context),
        # The submitted version, whatever the reader could also see.
        "values": values,
        "follow_ups_shown": follow_ups_shown,
        "page_title": request.translate(
            _(
                "Publish responses: ${instrument}, phase ${phase}",
                mapping={
                    "instrument": context.instrument,
                    "phase": context.phase.number,
                },
            )
        ),
        "answered": answered,
        "files": [(context.attachments[f], qids) for f, qids in cited_by.items()],
        "publications": list(reversed(publications)),
        "chosen": set(chosen),
        "ticked": set(ticked),
        "key": secrets.token_urlsafe(16),
        "error": error,
    }


@view_config(
    context=SelfAssessment,
    name="publish",
    renderer=PUBLISH_PAGE,
    permission=P.PUBLISH,
    **READ,
)
def publish_form(context, request):
    return _publish_page(context, request)


@view_config(
    context=SelfAssessment,
    name="publish",
    renderer=PUBLISH_PAGE,
    permission=P.PUBLISH,
    request_method="POST",
)
def publish_chosen(context, request):
    chosen = request.POST.getall("question")[:MAX_CHOICES]
    ticked = request.POST.getall("attachment")[:MAX_CHOICES]
    try:
        publication = publish(
            context,
            chosen,
            ticked,
            request.identity.login,
            request.POST.get("key", "")[:64],
            request.clock.today(),
        )
    except ActionRefused as refusal:
        request.tm.doom()  # nothing half-made: no folder, no copied blob
        request.response.status = 400
        return _publish_page(
            context, request, request.translate(refusal.message), chosen, ticked
        )
    flash(
        request,
        _(
            "Published as ${name}: anyone can now read the answers chosen, "
            "without logging in.",
            mapping={"name": publication.__name__},
        ),
    )
    return HTTPSeeOther(location=request.resource_url(context, "publish"))


@view_config(
    context=SelfAssessment,
    name="withdraw",
    renderer=PUBLISH_PAGE,
    permission=P.PUBLISH,
    request_method="POST",
)
def withdraw_publication(context, request):
    folder = published_folder(context)
    name = request.POST.get("publication", "")
    found = folder.get(name) if folder is not None else None
    if not isinstance(found, Publication) or (
        found.assessment_key != assessment_key(context)
    ):
        request.response.status = 400
        return _publish_page(
            context,
            request,
            request.translate(_("These responses have no such publication.")),
        )
    if not found.withdrawn:
        withdraw(found, request.identity.login, request.clock.today())
        flash(request, _("The publication is withdrawn from the public pages."))
    return HTTPSeeOther(location=request.resource_url(context, "publish"))


# -- the public pages --------------------------------------------------------


@view_config(context=PublishedResponses, renderer=LISTING_PAGE, **PUBLIC)
def published_listing(context: PublishedResponses, request):
    """The publications shown, by State (in the order of their codes), one
    page at a time; the filter keeps one State."""
    states = context.states()
    state = request.GET.get("state", "").strip().upper()
    if state not in states:
        state = ""
    shown = [state] if state else states
    total = sum(len(context.listed[s]) for s in shown)
    pages = max(1, -(-total // PAGE_SIZE))
    try:
        page = min(max(1, int(request.GET.get("page", "1"))), pages)
    except ValueError:
        page = 1
    start = (page - 1) * PAGE_SIZE
    names = chain.from_iterable(context.listed[s] for s in shown)
    groups: dict[str, list[Publication]] = {}
    for name in islice(names, start, start + PAGE_SIZE):
        publication = context[name]
        groups.setdefault(publication.iso3, []).append(publication)

    def page_url(number: int) -> str:
        query = {"state": state} if state else {}
        if number > 1:
            query["page"] = str(number)
        return request.resource_url(context, query=query)

    return {
        "page_title": request.translate(_("Published responses")),
        "groups": groups,
        "state_names": {s: context.state_names.get(s, s) for s in states},
        "state": state,
        "total": total,
        "page": page,
        "pages": pages,
        "prev_url": page > 1 and page_url(page - 1),
        "next_url": page < pages and page_url(page + 1),
    }


def _gone(request) -> dict:
    request.response.status = 410
    request.override_renderer = WITHDRAWN_PAGE
    return {"page_title": request.translate(_("Publication withdrawn"))}


@view_config(context=Publication, renderer=PUBLICATION_PAGE, **PUBLIC)
def publication_page(context: Publication, request):
    if context.withdrawn:
        return _gone(request)
    legislation = request.root["knowledge"]["legislation"]
    return {
        "page_title": request.translate(
            _(
                "Responses of ${state}: ${instrument}, phase ${phase}",
                mapping={
                    "state": context.state_name,
                    "instrument": context.instrument,
                    "phase": context.phase,
                },
            )
        ),
        "publication": context,
        "closed_labels": {k: request.translate(v) for k, v in CLOSED_LABELS.items()},
        "files": {f.id: f for f in context.files},
        "record_title": lambda rid: getattr(legislation.get(rid), "title", rid),
        "record_url": lambda rid: request.resource_url(legislation, rid),
    }


@view_config(context=Publication, name="file", **PUBLIC)
def publication_file(context: Publication, request):
    """A published file, always as an attachment, never rendered inline."""
    if len(request.subpath) != 1:
        raise HTTPNotFound()
    if context.withdrawn:
        raise HTTPGone()
    found = context.file(request.subpath[0])
    if found is None:
        raise HTTPNotFound()
    return files.download(None, found.filename, public=True, blob=found.blob)
