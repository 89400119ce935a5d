"""``/review/countries/ISO3/phase-N``: one phase of a State's review.

Its participants see the state of the phase, what is due and when (days
left, or overdue), the time frames and working languages in force and any
proposal awaiting agreement (¶31, ¶50); focal points propose and agree;
the Secretariat records the steps (¶20).
"""

from __future__ import annotations

import colander
import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from sherloc_portal.accounts.flash import flash
from sherloc_portal.forms import ActionRefused, CSRFSchema, FormView

from ..assistance.permissions import AssistancePermission
from ..countries.permissions import CountryPermission
from ..dialogue.permissions import DialoguePermission
from ..dialogue.threads import unread_in
from ..draws.views import state_name
from ..experience.permissions import ExperiencePermission
from ..feedback.pages import open_requests_seen
from ..feedback.permissions import FeedbackPermission
from ..i18n import _
from ..labels import LANGUAGE_LABELS
from ..outcomes.permissions import OutcomePermission
from ..responses.permissions import ResponsesPermission
from ..responses.progress import of_assessment, of_phase
from ..responses.resources import DRAFT
from .dates import MAX_MONTHS, days_left
from .phases import PhaseReview
from .steps import advance
from .terms import WORKING_LANGUAGES, agree, propose
from .workflow import STATE_LABELS, STATES, STEP_LABELS

PAGE = "sherloc_review:templates/cycle/phase.pt"


def _party(request, context):
    """The ISO3 of the reader's State if it takes part in this review."""
    user = request.identity.user if request.identity else None
    if user is None or user.state not in context.country.participants:
        return None
    return user.state


def _responses(request, phase) -> list[dict]:
    """The self-assessments the reader may open, with their progress."""
    found = []
    for assessment in phase.responses.values() if phase.responses else ():
        if request.has_permission(ResponsesPermission.VIEW_DRAFT, assessment) or (
            assessment.submitted is not None
            and request.has_permission(ResponsesPermission.VIEW_SUBMITTED, assessment)
        ):
            found.append(
                {
                    "assessment": assessment,
                    "progress": of_assessment(assessment),
                    "url": request.resource_url(assessment),
                }
            )
    return found


#: Steps the parties take themselves, by agreement (¶39): the list of
#: observations and the summary are approved, never recorded.
AGREED_STEPS = ("observations", "summary")


def _outcome(request, phase) -> dict:
    """Links to the outcome of the review the reader may open (¶38, ¶39,
    ¶42, ¶44 to ¶46)."""
    found = {
        "observations_url": "",
        "summary_url": "",
        "assistance_url": "",
        "experience_url": "",
    }
    observations = phase.observations
    if observations is not None and request.has_permission(
        OutcomePermission.VIEW, observations
    ):
        found["observations_url"] = request.resource_url(observations)
        if observations.agreed is not None:
            found["summary_url"] = request.resource_url(observations.summary)
    assistance = phase.assistance
    if assistance is not None and request.has_permission(
        AssistancePermission.VIEW, assistance
    ):
        found["assistance_url"] = request.resource_url(assistance)
    experience = phase.experience
    if experience is not None and request.has_permission(
        ExperiencePermission.VIEW, experience
    ):
        found["experience_url"] = request.resource_url(experience)
    return found


def _exchanges(request, phase) -> dict:
    """Links to the written feedback and the dialogue the reader may open,
    with the requests still unanswered and the messages it has not read."""
    feedback, dialogue = phase.feedback, phase.dialogue
    found = {"feedback_url": "", "open_requests": 0, "dialogue_url": "", "unread": 0}
    if feedback is not None and request.has_permission(
        FeedbackPermission.VIEW, feedback
    ):
        found["feedback_url"] = request.resource_url(feedback)
        found["open_requests"] = open_requests_seen(request, feedback)
    if dialogue is not None and request.has_permission(
        DialoguePermission.VIEW, dialogue
    ):
        found["dialogue_url"] = request.resource_url(dialogue)
        found["unread"] = unread_in(request, dialogue)
    return found


def phase_page(context, request, error=None) -> dict:
    mechanism = context.country.__parent__.__parent__
    states = mechanism["states"]
    today = request.clock.today()
    owed = context.owed()
    party = _party(request, context)
    proposal = context.proposal
    return {
        "page_title": request.translate(
            _(
                "Review of ${state}, phase ${phase}",
                mapping={
                    "state": state_name(states, context.country.iso3),
                    "phase": context.number,
                },
            )
        ),
        "phase": context,
        "country_url": request.resource_url(context.country),
        "states": STATES,
        "state_labels": {k: request.translate(v) for k, v in STATE_LABELS.items()},
        "step_label": request.translate(STEP_LABELS[context.state])
        if context.state in STEP_LABELS
        else "",
        "owed": owed,
        "days_left": days_left(owed.due, today) if owed else None,
        "language_names": {k: request.translate(v) for k, v in LANGUAGE_LABELS.items()},
        "names": {
            iso3: state_name(states, iso3) for iso3 in context.country.participants
        },
        "awaiting": [
            iso3
            for iso3 in context.country.participants
            if proposal is not None and iso3 not in proposal.agreed_by
        ],
        "can_propose": party is not None
        and request.has_permission(CountryPermission.AGREE_TERMS, context),
        "can_agree": party is not None
        and proposal is not None
        and party not in proposal.agreed_by
        and request.has_permission(CountryPermission.AGREE_TERMS, context),
        "responses": _responses(request, context),
        "responses_total": of_phase(context),
        "can_steer": context.state in STEP_LABELS
        and context.state not in AGREED_STEPS
        and request.has_permission(CountryPermission.STEER, context),
        "error": error,
        **_exchanges(request, context),
        **_outcome(request, context),
    }


@view_config(
    context=PhaseReview,
    renderer=PAGE,
    permission=CountryPermission.PARTICIPATE,
    request_method=("GET", "HEAD"),
)
def phase_review(context, request):
    return phase_page(context, request)


@view_config(
    context=PhaseReview,
    name="advance",
    renderer=PAGE,
    permission=CountryPermission.STEER,
    request_method="POST",
)
def advance_phase(context, request):
    """The Secretariat records the step the phase's state is waiting for."""
    if request.POST.get("from") != context.state:
        request.response.status = 409
        return phase_page(
            context,
            request,
            request.translate(_("Someone recorded this step already; see below.")),
        )
    mechanism = context.country.__parent__.__parent__
    drafts = [
        a.instrument
        for a in (context.responses.values() if context.responses else ())
        if a.status == DRAFT
    ]
    if context.state in AGREED_STEPS:
        # ¶39: finalized upon agreement between the parties, by approvals.
        request.response.status = 400
        return phase_page(
            context,
            request,
            request.translate(
                _(
                    "The list of observations and the summary are agreed by the "
                    "approvals of every party (¶39), not recorded."
                )
            ),
        )
    if context.state == "self_assessment" and drafts:
        # Responses arrive by submission (which takes this step itself);
        # the Secretariat submits on the State's request (¶20).
        request.response.status = 400
        return phase_page(
            context,
            request,
            request.translate(
                _(
                    "The responses for ${instruments} are not submitted yet: "
                    "they are received when submitted.",
                    mapping={"instruments": ", ".join(drafts)},
                )
            ),
        )
    try:
        step = advance(
            mechanism,
            context,
            request.identity.login,
            request.clock.today(),
            request.POST.get("note", "").strip()[:2000],
        )
    except ActionRefused as refusal:
        request.response.status = 400
        return phase_page(context, request, request.translate(refusal.message))
    flash(
        request,
        _(
            "Recorded: ${step}.",
            mapping={"step": request.translate(STEP_LABELS[step.source])},
        ),
    )
    return HTTPSeeOther(location=request.resource_url(context))


@colander.deferred
def _languages_widget(node, kw):
    request = kw["request"]
    return deform.widget.CheckboxChoiceWidget(
        values=[(k, request.translate(LANGUAGE_LABELS[k])) for k in WORKING_LANGUAGES]
    )


def _months_widget():
    return deform.widget.SelectWidget(
        values=[(str(n), str(n)) for n in range(1, MAX_MONTHS + 1)]
    )


class TermsSchema(CSRFSchema):
    responses_months = colander.SchemaNode(
        colander.Integer(),
        title=_("Months for the responses, from the opening of the phase (¶34)"),
        validator=colander.Range(1, MAX_MONTHS),
        widget=_months_widget(),
    )
    feedback_months = colander.SchemaNode(
        colander.Integer(),
        title=_("Months for the written feedback, from receipt of the responses (¶35)"),
        validator=colander.Range(1, MAX_MONTHS),
        widget=_months_widget(),
    )
    languages = colander.SchemaNode(
        colander.Set(),
        title=_("Working languages of the review (¶50)"),
        description=_("One or two; three only in exceptional circumstances."),
        widget=_languages_widget,
    )
    reason = colander.SchemaNode(
        colander.String(),
        title=_("Exceptional circumstances (for a third language)"),
        missing="",
        validator=colander.Length(max=2000),
        widget=deform.widget.TextAreaWidget(rows=3),
    )


@view_config(
    context=PhaseReview,
    name="terms",
    renderer="sherloc_portal:templates/forms/form_page.pt",
    permission=CountryPermission.AGREE_TERMS,
    request_method=("GET", "HEAD", "POST"),
)
class TermsView(FormView):
    """A focal point proposes time frames and working languages."""

    schema = TermsSchema
    formid = "terms"
    failure_status = 400
    buttons = (deform.Button("propose", _("Propose")),)

    def appstruct(self):
        current = self.context.proposal or self.context.terms
        return {
            "responses_months": current.responses_months
            if current
            else self.context.responses_months,
            "feedback_months": current.feedback_months
            if current
            else self.context.feedback_months,
            "languages": set(current.languages) if current else set(),
            "reason": current.reason if current else "",
        }

    title = _("Time frames and working languages")
    intro = _(
        "The State under review and its reviewing States agree the time "
        "frames of the review and its working languages (¶31, ¶50). A "
        "proposal is in force once every party's focal point has agreed; "
        "a new proposal replaces one still awaiting agreement."
    )

    def propose_success(self, appstruct):
        request, context = self.request, self.context
        party = _party(request, context)
        if party is None:
            request.response.status = 403
            raise ActionRefused(_("Your State takes no part in this review."))
        terms = propose(
            context.country.__parent__.__parent__,
            context,
            party,
            request.identity.login,
            request.clock.today(),
            **appstruct,
        )
        flash(
            request,
            _("The terms are agreed and in force.")
            if context.terms is terms
            else _("Your proposal was sent to the other parties for agreement."),
        )
        return HTTPSeeOther(location=request.resource_url(context))


@view_config(
    context=PhaseReview,
    name="agree",
    renderer=PAGE,
    permission=CountryPermission.AGREE_TERMS,
    request_method="POST",
)
def agree_terms(context, request):
    party = _party(request, context)
    proposal = context.proposal
    if party is None:
        request.response.status = 403
        return phase_page(
            context,
            request,
            request.translate(_("Your State takes no part in this review.")),
        )
    if proposal is None or request.POST.get("proposal") != str(proposal.number):
        request.response.status = 409
        return phase_page(
            context,
            request,
            request.translate(
                _("The proposal has changed since you read it; see below.")
            ),
        )
    try:
        terms = agree(
            context.country.__parent__.__parent__, context, party, request.clock.today()
        )
    except ActionRefused as refusal:
        request.response.status = 400
        return phase_page(context, request, request.translate(refusal.message))
    flash(
        request,
        _("The terms are agreed and in force.")
        if context.terms is terms
        else _("Your agreement is recorded."),
    )
    return HTTPSeeOther(location=request.resource_url(context))
