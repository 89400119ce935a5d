"""Give a phase its outcome (list of observations, summary) and its
technical-assistance records, and the mechanism its index of needs.

Both exist from the phase's opening, so no page or API call creates them
on a read.
"""

from __future__ import annotations

from datetime import date

from BTrees.OOBTree import OOBTree

from ..assistance.resources import ASSISTANCE_NAME, Assistance
from ..cycle.index import reindex
from ..cycle.phases import Step
from ..experience.resources import EXPERIENCE_NAME, Experience
from .resources import OBSERVATIONS_NAME, Observations


def open_outcomes(phase) -> Observations:
    """Create ``phase.observations``, ``phase.assistance`` and
    ``phase.experience`` (idempotent)."""
    if phase.observations is None:
        observations = Observations()
        observations.__name__ = OBSERVATIONS_NAME
        observations.__parent__ = phase
        phase.observations = observations
    if phase.assistance is None:
        assistance = Assistance()
        assistance.__name__ = ASSISTANCE_NAME
        assistance.__parent__ = phase
        phase.assistance = assistance
    if phase.experience is None:
        experience = Experience()
        experience.__name__ = EXPERIENCE_NAME
        experience.__parent__ = phase
        phase.experience = experience
    return phase.observations


def install(mechanism, changed) -> None:
    """The index of needs, and an outcome for every phase that has none (a
    site upgraded from before the outcome module)."""
    if getattr(mechanism, "assistance_index", None) is None:
        mechanism.assistance_index = OOBTree()
        changed("created the index of technical-assistance needs")
    countries = mechanism.get("countries")
    for country in countries.values() if countries is not None else ():
        for phase in country.phases.values():
            if None in (phase.observations, phase.assistance, phase.experience):
                open_outcomes(phase)
                changed(
                    "opened the outcome of %s, phase %d", country.iso3, phase.number
                )
            if phase.schema_version < 4:
                phase.schema_version = 4


def back_to_the_lists(mechanism, changed, today: date) -> None:
    """Before the module the Secretariat recorded the list's agreement by
    hand; a phase it stepped to the summary that way has no agreed list,
    so it goes back to the list, to be approved by every party (¶39): the
    step back is recorded, dated ``today`` (the upgrade's only)."""
    countries = mechanism.get("countries")
    for country in countries.values() if countries is not None else ():
        for phase in country.phases.values():
            if phase.state == "summary" and phase.observations.agreed is None:
                _back_to_the_list(mechanism, phase, today)
                changed(
                    "took %s, phase %d, back to its list of observations",
                    country.iso3,
                    phase.number,
                )


def _back_to_the_list(mechanism, phase, today: date) -> None:
    note = "the list of observations is agreed by every party's approval (¶39)"
    phase.steps = (
        *phase.steps,
        Step("summary", "observations", today, "upgrade", note),
    )
    phase.state = "observations"
    reindex(mechanism, phase)
