"""``/review/cycle``: the groups' phases, the 70 % meters, Conference decisions.

Every State party's officials and the Secretariat see where each group
stands (the meter counts reviews; it names no State).  The Secretariat
opens a group's next phase when the gate allows (¶10, ¶15) and records
the Conference's decisions: an override of the gate (¶10) or an amendment
of the workplan (¶16).
"""

from __future__ import annotations

import colander
import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from sherloc_portal.accounts.flash import flash
from sherloc_portal.forms import ActionRefused, CSRFSchema, FormView

from ..i18n import _
from ..labels import CONFIDENCE_LABELS
from ..numbers import number
from . import workplan as plan
from .gate import THRESHOLD, open_next_phase
from .overview import GROUPS, groups
from .permissions import CyclePermission
from .resources import Amendment, Cycle, Decision, Override

PAGE = "sherloc_review:templates/cycle/index.pt"
FORM_PAGE = "sherloc_portal:templates/forms/form_page.pt"


def _version(request, cycle) -> int:
    latest = plan.version(cycle.amendments)
    try:
        asked = int(request.GET.get("version", latest))
    except ValueError:
        return latest
    return asked if 1 <= asked <= latest else latest


def cycle_page(context, request, error=None) -> dict:
    mechanism = context.__parent__
    version = _version(request, context)
    confidence = {k: request.translate(v) for k, v in CONFIDENCE_LABELS.items()}
    confidence["decided"] = request.translate(_("Decided by the Conference"))
    return {
        "page_title": request.translate(_("Review cycle")),
        "groups": groups(mechanism, request.clock.today()),
        "threshold": THRESHOLD,
        "version": version,
        "latest": plan.version(context.amendments),
        "workplan": plan.entries(mechanism["workplan"], context.amendments, version),
        "confidence": confidence,
        "amendments": context.amendments,
        "overrides": context.overrides,
        "can_manage": request.has_permission(CyclePermission.MANAGE, context),
        "can_own": request.has_permission(CyclePermission.OWN, context),
        "error": error,
    }


@view_config(
    context=Cycle,
    renderer=PAGE,
    permission=CyclePermission.VIEW,
    request_method=("GET", "HEAD"),
)
def cycle_index(context, request):
    return cycle_page(context, request)


@view_config(
    context=Cycle,
    name="open-phase",
    renderer=PAGE,
    permission=CyclePermission.MANAGE,
    request_method="POST",
)
def open_phase(context, request):
    group = request.POST.get("group", "")
    if group not in GROUPS:
        request.response.status = 400
        return cycle_page(context, request, request.translate(_("No such group.")))
    if request.POST.get("phase") != str(context.current_phase(group) + 1):
        request.response.status = 409
        return cycle_page(
            context,
            request,
            request.translate(
                _("That phase was opened meanwhile; the page now shows where it is.")
            ),
        )
    try:
        opening = open_next_phase(
            context.__parent__, group, request.clock.today(), request.identity.login
        )
    except ActionRefused as refusal:
        request.response.status = 400
        return cycle_page(context, request, request.translate(refusal.message))
    flash(
        request,
        _(
            "Phase ${phase} of group ${group} is open: ${count} reviews.",
            mapping={
                "phase": opening.phase,
                "group": group,
                "count": len(opening.foreseen),
            },
        ),
    )
    return HTTPSeeOther(location=request.resource_url(context))


@colander.deferred
def _group_widget(node, kw):
    return deform.widget.SelectWidget(values=[(g, g) for g in GROUPS])


def _month(node, value):
    month = number(value[5:]) if len(value) == 7 and value[4] == "-" else None
    if number(value[:4]) is None or month is None or not 1 <= month <= 12:
        raise colander.Invalid(node, _("Give a month as YYYY-MM, e.g. 2027-11."))


class DecisionSchema(CSRFSchema):
    reference = colander.SchemaNode(
        colander.String(),
        title=_("Decision of the Conference"),
        description=_("Its symbol or reference, e.g. resolution 12/1, paragraph 4."),
        validator=colander.Length(min=3, max=200),
    )
    note = colander.SchemaNode(
        colander.String(),
        title=_("Note"),
        missing="",
        validator=colander.Length(max=2000),
        widget=deform.widget.TextAreaWidget(rows=3),
    )


class GroupDecisionSchema(DecisionSchema):
    group = colander.SchemaNode(
        colander.String(),
        title=_("Group"),
        validator=colander.OneOf(GROUPS),
        widget=_group_widget,
        insert_before="reference",
    )


class OverrideSchema(GroupDecisionSchema):
    phase = colander.SchemaNode(
        colander.Integer(),
        title=_("Phase the group may open"),
        validator=colander.Range(2, 4),
        insert_before="reference",
    )


class DecisionView(FormView):
    """Record a decision of the Conference (the Secretariat)."""

    failure_status = 400

    def decision(self, appstruct) -> Decision:
        return Decision(
            number=self.context.next_decision_number(),
            reference=appstruct["reference"].strip(),
            note=appstruct["note"].strip(),
            on=self.request.clock.today(),
            by=self.request.identity.login,
        )

    def done(self, message):
        flash(self.request, message)
        return HTTPSeeOther(location=self.request.resource_url(self.context))


@view_config(
    context=Cycle,
    name="override",
    renderer=FORM_PAGE,
    permission=CyclePermission.MANAGE,
    request_method=("GET", "HEAD", "POST"),
)
class OverrideView(DecisionView):
    schema = OverrideSchema
    formid = "override"
    buttons = (deform.Button("record", _("Record the decision")),)
    title = _("Record a Conference decision on the 70 % gate")
    intro = _(
        "A group advances to its next phase when 70 % of the reviews "
        "foreseen at the beginning of its current phase are completed, "
        "unless the Conference decides otherwise (¶10)."
    )

    def record_success(self, appstruct):
        group, phase = appstruct["group"], appstruct["phase"]
        if self.context.current_phase(group) >= phase:
            raise ActionRefused(_("That phase of the group is open already."), "phase")
        if self.context.override(group, phase) is not None:
            raise ActionRefused(
                _("A decision on that phase of the group is recorded already."),
                "phase",
            )
        override = Override(group, phase, self.decision(appstruct))
        self.context.overrides = (*self.context.overrides, override)
        return self.done(_("The decision of the Conference is recorded."))


@colander.deferred
def _cluster_widget(node, kw):
    clusters = kw["context"].__parent__["clusters"]
    return deform.widget.SelectWidget(
        values=[(k, f"{k}: {c.name}") for k, c in clusters.items()]
    )


class AmendmentSchema(GroupDecisionSchema):
    phase = colander.SchemaNode(
        colander.String(),
        title=_("Phase"),
        validator=colander.OneOf(plan.PHASES),
        widget=deform.widget.SelectWidget(values=[(p, p) for p in plan.PHASES]),
        insert_before="reference",
    )
    cluster = colander.SchemaNode(
        colander.String(),
        title=_("Cluster"),
        widget=_cluster_widget,
        insert_before="reference",
    )
    planned_start = colander.SchemaNode(
        colander.String(),
        title=_("Planned start (YYYY-MM)"),
        validator=_month,
        insert_before="reference",
    )
    planned_end = colander.SchemaNode(
        colander.String(),
        title=_("Planned end (YYYY-MM)"),
        validator=_month,
        insert_before="reference",
    )


@view_config(
    context=Cycle,
    name="amend",
    renderer=FORM_PAGE,
    permission=CyclePermission.MANAGE,
    request_method=("GET", "HEAD", "POST"),
)
class AmendView(DecisionView):
    schema = AmendmentSchema
    formid = "amend"
    buttons = (deform.Button("record", _("Record the amendment")),)
    title = _("Amend the multi-year workplan")
    intro = _(
        "The Conference may amend the workplan (¶16). Each amendment "
        "changes one phase of one group and makes a new version of the "
        "workplan, with the decision that made it."
    )

    def record_success(self, appstruct):
        mechanism = self.context.__parent__
        clusters = mechanism["clusters"]
        cluster = clusters.get(appstruct["cluster"])
        if cluster is None:
            raise ActionRefused(_("There is no such cluster."), "cluster")
        group, phase = appstruct["group"], appstruct["phase"]
        rows = plan.entries(mechanism["workplan"], self.context.amendments)
        in_force = plan.entry(rows, group, int(phase))
        if (
            self.context.current_phase(group) >= int(phase)
            and in_force is not None
            and in_force.cluster != cluster.numeral
        ):
            raise ActionRefused(
                _("That phase of the group is open already: its cluster is fixed."),
                "cluster",
            )
        amendment = Amendment(
            group=group,
            phase=phase,
            cluster=cluster.numeral,
            cluster_name=cluster.name,
            planned_start=appstruct["planned_start"],
            planned_end=appstruct["planned_end"],
            decision=self.decision(appstruct),
        )
        amendment = plan.with_swap(rows, amendment, self.context.current_phase(group))
        plan.check_amendment(rows, list(clusters.keys()), amendment)
        self.context.amendments = (*self.context.amendments, amendment)
        return self.done(
            _(
                "The amendment is recorded: the workplan is now at version ${version}.",
                mapping={"version": plan.version(self.context.amendments)},
            )
        )
