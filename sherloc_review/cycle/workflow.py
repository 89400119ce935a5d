"""The states a State's review goes through in a phase, and their order.

``self_assessment`` (responses due, ¶34) → ``feedback`` (reviewers' written
feedback due, ¶35) → ``dialogue`` (¶35, ¶36) → ``observations`` (agreed by
all, ¶39) → ``summary`` (¶38) → ``concluded`` (a read-only archive).
Each step is taken forward, one at a time; the questionnaire, dialogue and
outcome modules take them when their work is done, the Secretariat may
record them (¶20: it assists and keeps the process moving).
"""

from __future__ import annotations

from ..i18n import _

STATES = (
    "self_assessment",
    "feedback",
    "dialogue",
    "observations",
    "summary",
    "concluded",
)
CONCLUDED = STATES[-1]

STATE_LABELS = {
    "self_assessment": _("Self-assessment"),
    "feedback": _("Written feedback"),
    "dialogue": _("Constructive dialogue"),
    "observations": _("List of observations"),
    "summary": _("Summary"),
    "concluded": _("Concluded"),
}

#: What taking the step from a state records, as a button says it.
STEP_LABELS = {
    "self_assessment": _("Responses received"),
    "feedback": _("Written feedback received"),
    "dialogue": _("Dialogue completed"),
    "observations": _("List of observations agreed"),
    "summary": _("Summary agreed"),
}


def next_state(state: str) -> str | None:
    index = STATES.index(state)
    return STATES[index + 1] if index + 1 < len(STATES) else None
