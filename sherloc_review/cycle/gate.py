"""Opening a group's next phase, and the 70 % gate that guards it (¶10).

A group advances to its next phase only when 70 % of the reviews foreseen
when its current phase opened are concluded, unless the Conference decided
otherwise (a recorded :class:`~.resources.Override`).  A phase opens no
earlier than the month the workplan in force plans for it (¶15); the
Conference moves that month by amending the workplan (¶16).  Opening a
phase opens every drawn State's review of the group on the phase's cluster
at once (¶11).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sherloc_portal.forms import ActionRefused

from ..dialogue.setup import open_dialogue
from ..i18n import _
from ..outcomes.setup import open_outcomes
from ..responses.setup import open_responses
from . import workplan as plan
from .dates import month_of
from .index import reindex
from .phases import PhaseReview
from .resources import CYCLE_NAME, Opening
from .workflow import CONCLUDED

THRESHOLD = 70  # per cent, ¶10
LAST_PHASE = 4


@dataclass(frozen=True)
class Meter:
    group: str
    phase: int
    foreseen: int
    completed: int

    @property
    def percent(self) -> int:
        """Completed share, rounded down (69.9 % is not 70 %)."""
        return self.completed * 100 // self.foreseen if self.foreseen else 0

    @property
    def met(self) -> bool:
        return self.foreseen > 0 and self.completed * 100 >= THRESHOLD * self.foreseen


def meter(cycle, group: str) -> Meter | None:
    """The gate of ``group``'s current phase, or ``None`` before phase 1."""
    number = cycle.current_phase(group)
    opening = cycle.opening(group, number)
    if opening is None:
        return None
    completed = 0
    for iso3 in opening.foreseen:
        row = cycle.index.get((iso3, number))
        completed += row is not None and row.state == CONCLUDED
    return Meter(group, number, len(opening.foreseen), completed)


def open_next_phase(mechanism, group: str, today: date, by: str) -> Opening:
    cycle, countries = mechanism[CYCLE_NAME], mechanism["countries"]
    current = cycle.current_phase(group)
    number = current + 1
    if number > LAST_PHASE:
        raise ActionRefused(_("All four phases of this group are open already."))
    row = plan.entry(
        plan.entries(mechanism["workplan"], cycle.amendments), group, number
    )
    if row is None:
        raise ActionRefused(
            _(
                "The workplan in force has no phase ${phase} for group ${group}.",
                mapping={"phase": number, "group": group},
            )
        )
    if month_of(today) < row.planned_start:
        raise ActionRefused(
            _(
                "The workplan in force opens this phase in ${month} (¶15); the "
                "Conference may amend the workplan (¶16).",
                mapping={"month": row.planned_start},
            )
        )
    decision = ""
    if current:
        gate = meter(cycle, group)
        override = cycle.override(group, number)
        if not gate.met and override is None:
            raise ActionRefused(
                _(
                    "Only ${completed} of the ${foreseen} reviews foreseen for phase "
                    "${phase} are concluded (${percent} %); the next phase opens at "
                    "70 % unless the Conference decides otherwise (¶10).",
                    mapping={
                        "completed": gate.completed,
                        "foreseen": gate.foreseen,
                        "phase": current,
                        "percent": gate.percent,
                    },
                )
            )
        if not gate.met:
            decision = override.decision.reference
    foreseen = tuple(
        iso3 for iso3, c in countries.items() if c.group == group and c.reviewers
    )
    if not foreseen:
        raise ActionRefused(_("No State of this group has been drawn for review."))
    opened = [iso3 for iso3 in foreseen if number in countries[iso3].phases]
    if opened:
        raise ActionRefused(
            _(
                "The reviews of ${states} have a phase ${phase} already (they were "
                "in another group when it opened); a new draw moved them. Record "
                "what the Conference decided for them before opening this phase.",
                mapping={"states": ", ".join(opened), "phase": number},
            )
        )
    for iso3 in foreseen:
        phase = PhaseReview(number, group, row.cluster, today)
        countries[iso3].add_phase(phase)
        open_responses(mechanism, phase)
        open_dialogue(phase)
        open_outcomes(phase)
        reindex(mechanism, phase)
    opening = Opening(group, number, today, by, foreseen, decision)
    cycle.openings = (*cycle.openings, opening)
    return opening
