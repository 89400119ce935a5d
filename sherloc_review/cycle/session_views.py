"""``/review/cycle/sessions``: working-group sessions, their agenda and papers."""

from __future__ import annotations

import re

import colander
import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from sherloc_portal.accounts.flash import flash
from sherloc_portal.forms import ActionRefused, CSRFSchema, FormView

from ..draws.views import state_name
from ..i18n import _
from ..outcomes.listing_views import agreed_list
from ..stakeholders import summaries
from .permissions import CyclePermission
from .sessions import WORKING_GROUPS, Paper, Sessions, WorkingGroupSession

PHASE = re.compile(r"[1-4]", re.ASCII)
MAX_AGENDA_ITEMS = 30


def _names(request, mechanism, iso3s) -> dict:
    return {iso3: state_name(mechanism["states"], iso3) for iso3 in iso3s}


@view_config(
    context=Sessions,
    renderer="sherloc_review:templates/cycle/sessions.pt",
    permission=CyclePermission.VIEW,
    request_method=("GET", "HEAD"),
)
def sessions_index(context, request):
    sessions = sorted(context.values(), key=lambda s: (s.starts, int(s.__name__)))
    return {
        "page_title": request.translate(_("Working-group sessions")),
        "sessions": sessions,
        "bodies": {k: request.translate(v) for k, v in WORKING_GROUPS.items()},
        "can_manage": request.has_permission(CyclePermission.MANAGE, context),
    }


@colander.deferred
def _body_widget(node, kw):
    request = kw["request"]
    return deform.widget.SelectWidget(
        values=[(k, request.translate(v)) for k, v in WORKING_GROUPS.items()]
    )


def _agenda(node, value):
    items = [line.strip() for line in value.splitlines() if line.strip()]
    if not items:
        raise colander.Invalid(node, _("Give the agenda, one item per line."))
    if len(items) > MAX_AGENDA_ITEMS:
        raise colander.Invalid(node, _("An agenda of more than 30 items? Check it."))


class SessionSchema(CSRFSchema):
    working_group = colander.SchemaNode(
        colander.String(),
        title=_("Working group"),
        validator=colander.OneOf(list(WORKING_GROUPS)),
        widget=_body_widget,
    )
    title = colander.SchemaNode(
        colander.String(), title=_("Title"), validator=colander.Length(min=3, max=200)
    )
    starts = colander.SchemaNode(colander.Date(), title=_("First day"))
    ends = colander.SchemaNode(colander.Date(), title=_("Last day"))
    place = colander.SchemaNode(
        colander.String(), title=_("Place"), validator=colander.Length(max=200)
    )
    agenda = colander.SchemaNode(
        colander.String(),
        title=_("Agenda, one item per line"),
        validator=_agenda,
        widget=deform.widget.TextAreaWidget(rows=8),
    )
    review_item = colander.SchemaNode(
        colander.Integer(),
        title=_("Number of the agenda item on the review process (0 if none)"),
        description=_("No more than one agenda item per session (¶12)."),
        validator=colander.Range(0, MAX_AGENDA_ITEMS),
        default=0,
    )


@view_config(
    context=Sessions,
    name="add",
    renderer="sherloc_portal:templates/forms/form_page.pt",
    permission=CyclePermission.MANAGE,
    request_method=("GET", "HEAD", "POST"),
)
class AddSessionView(FormView):
    schema = SessionSchema
    formid = "add-session"
    failure_status = 400
    buttons = (deform.Button("add", _("Add the session")),)

    title = _("Add a working-group session")

    def add_success(self, appstruct):
        agenda = tuple(
            line.strip() for line in appstruct["agenda"].splitlines() if line.strip()
        )
        if appstruct["ends"] < appstruct["starts"]:
            raise ActionRefused(_("A session ends on or after its first day."), "ends")
        if appstruct["review_item"] > len(agenda):
            raise ActionRefused(
                _("The agenda has no item with that number."), "review_item"
            )
        session = WorkingGroupSession(
            appstruct["working_group"],
            appstruct["title"].strip(),
            appstruct["starts"],
            appstruct["ends"],
            appstruct["place"].strip(),
            agenda,
            appstruct["review_item"],
        )
        self.context.add(self.context.next_name(), session)
        flash(self.request, _("The session is added."))
        return HTTPSeeOther(location=self.request.resource_url(session))


def session_page(context, request, error=None) -> dict:
    cycle = context.__parent__.__parent__
    mechanism = cycle.__parent__
    manage = request.has_permission(CyclePermission.MANAGE, context)
    taken = {(p.iso3, p.phase) for p in context.papers}
    candidates = (
        [
            row
            for row in cycle.rows()
            if (row.iso3, row.phase) not in taken
            and agreed_list(mechanism, row) is not None
        ]
        if manage
        else []
    )
    iso3s = {p.iso3 for p in context.papers} | {r.iso3 for r in candidates}
    return {
        "page_title": context.title,
        "session": context,
        "body": request.translate(WORKING_GROUPS[context.working_group]),
        "names": _names(request, mechanism, iso3s),
        "candidates": candidates,
        "dialogue_summaries": summaries.for_session(
            mechanism, context.__parent__, context
        ),
        "can_manage": manage,
        "paper_url": lambda paper: request.resource_url(
            mechanism["countries"][paper.iso3].phases[paper.phase].observations,
            "paper",
        ),
        "error": error,
    }


@view_config(
    context=WorkingGroupSession,
    renderer="sherloc_review:templates/cycle/session.pt",
    permission=CyclePermission.VIEW,
    request_method=("GET", "HEAD"),
)
def session_view(context, request):
    return session_page(context, request)


@view_config(
    context=WorkingGroupSession,
    name="add-paper",
    renderer="sherloc_review:templates/cycle/session.pt",
    permission=CyclePermission.MANAGE,
    request_method="POST",
)
def add_paper(context, request):
    """Make a concluded phase's list of observations available (¶43)."""
    cycle = context.__parent__.__parent__
    iso3, _sep, phase = request.POST.get("review", "").partition(":")
    row = cycle.index.get((iso3, int(phase))) if PHASE.fullmatch(phase) else None
    if row is None or agreed_list(cycle.__parent__, row) is None:
        request.response.status = 400
        return session_page(
            context,
            request,
            request.translate(
                _("Only a review whose list of observations is agreed can be a paper.")
            ),
        )
    paper = Paper(row.iso3, row.phase, row.cluster, request.clock.today())
    if context.add_paper(paper):
        flash(request, _("The list of observations is made available to the session."))
    return HTTPSeeOther(location=request.resource_url(context))
