"""Where each group stands: the facts behind the cycle page and ``/api/v1/cycle``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import workplan as plan
from .dates import month_of
from .gate import THRESHOLD, Meter, meter
from .resources import CYCLE_NAME, Opening, Override

GROUPS = ("1", "2", "3")  # ¶17: three groups, drawn in three consecutive years


@dataclass(frozen=True)
class GroupStatus:
    group: str
    phase: int  # 0 before the first phase opens
    entry: object  # the workplan row of the current phase (or of phase 1)
    opening: Opening | None
    meter: Meter | None
    overrides: tuple[Override, ...]
    #: The current phase runs past the end the workplan plans (¶15).
    late: bool = False


def groups(mechanism, today: date | None = None) -> list[GroupStatus]:
    cycle = mechanism[CYCLE_NAME]
    rows = plan.entries(mechanism["workplan"], cycle.amendments)
    statuses = []
    for group in GROUPS:
        number = cycle.current_phase(group)
        entry = plan.entry(rows, group, max(number, 1))
        statuses.append(
            GroupStatus(
                group=group,
                phase=number,
                entry=entry,
                opening=cycle.opening(group, number),
                meter=meter(cycle, group),
                overrides=tuple(o for o in cycle.overrides if o.group == group),
                late=bool(
                    number
                    and today is not None
                    and entry is not None
                    and month_of(today) > entry.planned_end
                ),
            )
        )
    return statuses


def as_json(status: GroupStatus) -> dict:
    entry, gate = status.entry, status.meter
    return {
        "group": status.group,
        "phase": status.phase or None,
        "cluster": entry.cluster if status.phase and entry else None,
        "cluster_name": entry.cluster_name if status.phase and entry else None,
        "opened_on": status.opening.on.isoformat() if status.opening else None,
        "planned_start": entry.planned_start if entry else None,
        "planned_end": entry.planned_end if entry else None,
        "meter": None
        if gate is None
        else {
            "foreseen": gate.foreseen,
            "completed": gate.completed,
            "percent": gate.percent,
            "threshold": THRESHOLD,
            "met": gate.met,
        },
        "overrides": [
            {
                "phase": o.phase,
                "decision": o.decision.reference,
                "note": o.decision.note,
                "recorded_on": o.decision.on.isoformat(),
            }
            for o in status.overrides
        ],
    }
