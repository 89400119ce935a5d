"""Give a phase its written feedback and its dialogue (¶35, ¶21).

Both exist from the phase's opening, so the pages and the API never have
to create them on a read; each reviewing State's feedback is created with
them (a reviewer brought in later by a redraw gets its own on its first
item).  The mechanism keeps the users' notification choices.
"""

from __future__ import annotations

from ..feedback.resources import FEEDBACK_NAME, Feedback
from .resources import DIALOGUE_NAME, Dialogue, DialoguePreferences


def open_dialogue(phase) -> Dialogue:
    """Create ``phase.feedback`` and ``phase.dialogue`` (idempotent)."""
    if phase.feedback is None:
        feedback = Feedback()
        feedback.__name__ = FEEDBACK_NAME
        feedback.__parent__ = phase
        phase.feedback = feedback
    for reviewer in phase.country.reviewers:
        phase.feedback.ensure(reviewer.state)
    if phase.dialogue is None:
        dialogue = Dialogue()
        dialogue.__name__ = DIALOGUE_NAME
        dialogue.__parent__ = phase
        phase.dialogue = dialogue
    return phase.dialogue


def preferences_of(mechanism) -> DialoguePreferences:
    """The notification choices (created by :func:`install`)."""
    return mechanism.dialogue_preferences


def install(mechanism, changed) -> None:
    """Preferences, and feedback and dialogue for every phase that has none
    (a site upgraded from before the dialogue module)."""
    if getattr(mechanism, "dialogue_preferences", None) is None:
        mechanism.dialogue_preferences = DialoguePreferences()
        changed("created the dialogue notification preferences")
    countries = mechanism.get("countries")
    for country in countries.values() if countries is not None else ():
        for phase in country.phases.values():
            if phase.dialogue is None or phase.feedback is None:
                open_dialogue(phase)
                changed(
                    "opened the feedback and dialogue of %s, phase %d",
                    country.iso3,
                    phase.number,
                )
            if phase.schema_version < 3:
                phase.schema_version = 3
