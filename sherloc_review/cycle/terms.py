"""Time frames and working languages the parties agree on (¶31, ¶34, ¶35, ¶50).

A focal point of the State under review or of a reviewing State proposes
the terms; they are in force once the focal points of every party have
agreed to the same proposal.  Until then the terms in force stay (at
first: six months each, the most ¶34 and ¶35 allow).  A time frame is one
to six months; one or two of the six working languages, three only in
exceptional circumstances, with the reason recorded (¶50).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sherloc_portal.forms import ActionRefused

from ..i18n import _
from .dates import MAX_MONTHS, due_date
from .index import reindex
from .phases import PhaseReview, Terms

WORKING_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
OPEN_TO_TERMS = ("self_assessment", "feedback")


def check_terms(phase: PhaseReview, terms: Terms, today: date) -> None:
    if phase.state not in OPEN_TO_TERMS:
        raise ActionRefused(
            _(
                "The time frames of this phase can no longer change: the written "
                "feedback has been received."
            )
        )
    for months, field in (
        (terms.responses_months, "responses_months"),
        (terms.feedback_months, "feedback_months"),
    ):
        if not 1 <= months <= MAX_MONTHS:
            raise ActionRefused(
                _("A time frame is one to six months (¶34, ¶35)."), field
            )
    if (
        phase.responses_received is not None
        and terms.responses_months != phase.responses_months
    ):
        raise ActionRefused(
            _("The responses are in: their time frame can no longer change."),
            "responses_months",
        )
    if phase.state == "self_assessment" and (
        due_date(phase.opened_on, terms.responses_months) < today
    ):
        raise ActionRefused(
            _("That time frame for the responses would have ended already."),
            "responses_months",
        )
    if phase.responses_received is not None and (
        due_date(phase.responses_received, terms.feedback_months) < today
    ):
        raise ActionRefused(
            _("That time frame for the feedback would have ended already."),
            "feedback_months",
        )
    languages = terms.languages
    if not languages or set(languages) - set(WORKING_LANGUAGES):
        raise ActionRefused(
            _("Choose one or two of the six working languages (¶50)."), "languages"
        )
    if len(languages) > 3:
        raise ActionRefused(
            _("A review is conducted in at most three working languages (¶50)."),
            "languages",
        )
    if len(languages) == 3 and not terms.reason.strip():
        raise ActionRefused(
            _(
                "A third working language is for exceptional circumstances: say "
                "which (¶50)."
            ),
            "reason",
        )


def propose(
    mechanism, phase: PhaseReview, iso3: str, login: str, today: date, **values
) -> Terms:
    asked = set(values["languages"])
    # Unknown codes are kept, for check_terms to refuse rather than drop.
    languages = tuple(lang for lang in WORKING_LANGUAGES if lang in asked) + tuple(
        sorted(asked - set(WORKING_LANGUAGES))
    )
    previous = phase.proposal or phase.terms
    terms = Terms(
        number=previous.number + 1 if previous else 1,
        responses_months=values["responses_months"],
        feedback_months=values["feedback_months"],
        languages=languages,
        reason=values.get("reason", "").strip() if len(languages) == 3 else "",
        proposed_by=iso3,
        login=login,
        on=today,
        agreed_by=(iso3,),
    )
    check_terms(phase, terms, today)
    phase.proposal = terms
    _settle_if_agreed(mechanism, phase)
    return terms


def agree(mechanism, phase: PhaseReview, iso3: str, today: date) -> Terms:
    proposal = phase.proposal
    if proposal is None:
        raise ActionRefused(_("There is no proposal to agree to."))
    if iso3 in proposal.agreed_by:
        raise ActionRefused(_("Your State has agreed to this proposal already."))
    check_terms(phase, proposal, today)
    phase.proposal = replace(proposal, agreed_by=(*proposal.agreed_by, iso3))
    return _settle_if_agreed(mechanism, phase)


def _settle_if_agreed(mechanism, phase: PhaseReview) -> Terms:
    proposal = phase.proposal
    jar = getattr(phase, "_p_jar", None)
    if jar is not None:
        # The decision reads the reviewers: a redraw committed meanwhile
        # must make this transaction conflict, not settle on old parties.
        phase.country._p_activate()  # a ghost has no serial to check
        jar.readCurrent(phase.country)
    if not set(phase.country.participants) <= set(proposal.agreed_by):
        return proposal
    phase.terms, phase.proposal = proposal, None
    phase.responses_months = proposal.responses_months
    phase.feedback_months = proposal.feedback_months
    phase.languages = proposal.languages
    phase.languages_reason = proposal.reason
    reindex(mechanism, phase)
    return proposal
