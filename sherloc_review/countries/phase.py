"""Which phase of the workplan (Table 2) a group is in, as planned."""

from __future__ import annotations

from datetime import date


def planned_phase(workplan, group: str, today: date | None = None):
    """The workplan entry whose planned months hold ``today``, or ``None``.

    Months are compared as ``YYYY-MM``; in the month one phase ends and the
    next starts, the next one is current.  This is the plan of Table 2, not
    a record of phases actually opened or closed.
    """
    if not group or workplan is None:
        return None
    month = (today or date.today()).strftime("%Y-%m")
    current = None
    for entry in workplan.for_group(group):
        if entry.planned_start <= month < entry.planned_end:
            current = entry
    return current
