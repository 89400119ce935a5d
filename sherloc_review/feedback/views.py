"""Reading the written feedback (¶35): the phase's list and each State's.

``phase-N/feedback`` lists the reviewing States: how far each is (not
started, drafting, released when and by whom), its items and the requests
still awaiting the State under review's answer, and the due date with the
days left.  A draft opens only to its own State's officials and the
Secretariat.  ``phase-N/feedback/ISO3`` shows one State's items by
instrument and article, each request with its answer in place;
``history/N`` every version of an item and of its answer.  The forms are
in :mod:`.item_views` and :mod:`.release_views`.
"""

from __future__ import annotations

from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config

from ..cycle.dates import days_left
from ..dialogue.permissions import DialoguePermission
from ..i18n import _
from ..numbers import number
from ..responses.access import own_state
from .pages import (
    common,
    grouped,
    may_begin,
    name_of,
    open_seen,
    readable,
    visible_items,
)
from .permissions import FeedbackPermission as P
from .resources import DRAFT, Feedback, WrittenFeedback

READ = {"request_method": ("GET", "HEAD")}


def _row(request, feedback: Feedback, iso3: str, reviewer) -> dict:
    """One reviewing State's line: its status for every participant, its
    counts and link only for those who may read it."""
    written = feedback.get(iso3)
    opened = written is not None and readable(request, written)
    items = visible_items(request, written) if opened else []
    live = [i for i in items if not i.withdrawn]
    return {
        "iso3": iso3,
        "name": name_of(feedback.phase, iso3),
        "reviewer": reviewer,
        "written": written,
        "status": written.status if written is not None else "",
        "opened": opened,
        "count": len(live),
        "open": open_seen(request, written) if opened else 0,
        "url": request.resource_url(written) if opened else "",
        "can_begin": written is None
        and iso3 == own_state(request)
        and may_begin(request, feedback, iso3),
    }


@view_config(
    context=Feedback,
    renderer="sherloc_review:templates/feedback/index.pt",
    permission=P.VIEW,
    **READ,
)
def index(context: Feedback, request):
    phase = context.phase
    reviewers = phase.country.reviewers
    rows = [_row(request, context, r.state, r) for r in reviewers]
    current = {r.state for r in reviewers}
    # What a State redrawn away wrote stays (¶28(d), ¶30), for its readers.
    rows += [
        _row(request, context, w.reviewer, None)
        for w in context.values()
        if w.reviewer not in current and readable(request, w)
    ]
    due = phase.feedback_due
    owed = phase.owed()
    return {
        "page_title": request.translate(
            _(
                "Written feedback on ${state}, phase ${phase}",
                mapping={
                    "state": name_of(phase, phase.country.iso3),
                    "phase": phase.number,
                },
            )
        ),
        "phase": phase,
        "rows": rows,
        # Only what the reader reads counts (¶28(b)); a State redrawn away
        # no longer waits for answers (as .pages.open_requests_seen counts).
        "open_total": sum(r["open"] for r in rows if r["reviewer"] is not None),
        "due": due,
        "days_left": days_left(due, request.clock.today())
        if owed is not None and owed.item == "feedback" and due is not None
        else None,
    }


@view_config(context=Feedback, name="start", permission=P.VIEW, request_method="POST")
def start(context: Feedback, request):
    """A reviewing State brought in by a redraw begins its feedback: the
    reader's own State only, when the ACL it will have lets the reader
    write it (the object is created here, never on a read)."""
    iso3 = request.POST.get("reviewer", "")
    if iso3 != own_state(request):
        raise HTTPForbidden()
    written = context.get(iso3)
    if written is None:
        allowed = may_begin(request, context, iso3)
    else:
        allowed = request.has_permission(P.EDIT, written)
    if not allowed:
        raise HTTPForbidden()
    return HTTPSeeOther(location=request.resource_url(context.ensure(iso3), "add"))


def _opened(request, written: WrittenFeedback) -> None:
    if not readable(request, written):
        raise HTTPForbidden()  # a draft, to a reader of released feedback


@view_config(
    context=WrittenFeedback,
    renderer="sherloc_review:templates/feedback/written.pt",
    permission=P.VIEW,
    **READ,
)
def written_page(context: WrittenFeedback, request):
    _opened(request, context)
    values = common(request, context)
    items = visible_items(request, context)
    drafting = context.status == DRAFT
    return {
        **values,
        "page_title": request.translate(
            _(
                "Written feedback of ${reviewer} on ${state}, phase ${phase}",
                mapping={
                    "reviewer": values["reviewer_name"],
                    "state": values["state_name"],
                    "phase": context.phase.number,
                },
            )
        ),
        "groups": grouped(context, items),
        "released": not drafting,
        "open": sum(1 for i in items if i.open) if not drafting else 0,
        "can_edit": drafting and bool(request.has_permission(P.EDIT, context)),
        "can_release": drafting and bool(request.has_permission(P.RELEASE, context)),
        "can_reply": not drafting and bool(request.has_permission(P.REPLY, context)),
    }


def visible_item(request, written: WrittenFeedback):
    """The item ``…/NAME/<number>`` names, if the reader may read it."""
    name = request.subpath[0] if len(request.subpath) == 1 else ""
    asked = number(name)
    if asked is None:
        raise HTTPNotFound()
    for item in visible_items(request, written):
        if item.number == asked:
            return item
    raise HTTPNotFound()


@view_config(
    context=WrittenFeedback,
    name="history",
    renderer="sherloc_review:templates/feedback/history.pt",
    permission=P.VIEW,
    **READ,
)
def history(context: WrittenFeedback, request):
    """Every version of an item (its drafting only to those who read the
    draft) and of the State under review's answer."""
    _opened(request, context)
    item = visible_item(request, context)
    drafter = bool(request.has_permission(P.VIEW_DRAFT, context))
    values = common(request, context)
    parts = [
        {
            "id": "item-versions",
            "heading": request.translate(_("Versions of the item")),
            "versions": list(
                reversed(item.versions if drafter else item.versions[-1:])
            ),
        }
    ]
    if item.is_request:
        parts.append(
            {
                "id": "reply-versions",
                "heading": request.translate(
                    _(
                        "Versions of the answer of ${state}",
                        mapping={"state": values["state_name"]},
                    )
                ),
                # What the State corrected away stays with the review's
                # participants; States parties reading under ¶40 see the
                # answer as it stands.
                "versions": list(
                    reversed(
                        item.reply.versions
                        if request.has_permission(
                            DialoguePermission.VIEW_VERSIONS, context.phase.dialogue
                        )
                        else item.reply.versions[-1:]
                    )
                ),
            }
        )
    return {
        **values,
        "page_title": request.translate(
            _("History of item ${number}", mapping={"number": item.number})
        ),
        "item": item,
        "parts": parts,
    }
