"""What the questionnaire pages show a reader: labels, values, rights."""

from __future__ import annotations

from ..draws.views import state_name
from ..questionnaires.resources import CLOSED_LABELS
from .access import mechanism_of, visible_values
from .permissions import ResponsesPermission as P


def assisting(request, assessment) -> bool:
    """Whether the reader acts for the State as the Secretariat (¶20): a
    plain bool, since it is stored (a permission result does not pickle)."""
    return bool(request.has_permission(P.ASSIST, assessment))


def common(request, assessment) -> dict:
    """Values every page of a self-assessment uses."""
    mechanism = mechanism_of(assessment)
    values, submitted = visible_values(request, assessment)
    return {
        "assessment": assessment,
        "phase": assessment.phase,
        "state_name": state_name(mechanism["states"], assessment.iso3),
        "closed_labels": {k: request.translate(v) for k, v in CLOSED_LABELS.items()},
        "values": values or {},
        "showing_submitted": submitted,
        "can_edit": request.has_permission(P.EDIT, assessment),
        "can_submit": assessment.status == "draft"
        and bool(request.has_permission(P.SUBMIT, assessment)),
        "can_publish": request.has_permission(P.PUBLISH, assessment),
        "can_history": request.has_permission(P.VIEW_DRAFT, assessment),
        "assisting": assisting(request, assessment),
    }


def follow_ups_shown(question, value) -> list:
    """The follow-ups the closed answer asks for, and any other with text."""
    return [
        f
        for f in question.follow_ups
        if value.closed in f.when or value.follow_up(f.id)
    ]
