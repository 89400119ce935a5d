"""The workplan in force: Table 2 with the Conference's amendments (¶16).

Version 1 is the workplan as installed (``/review/workplan``); each
recorded :class:`~.resources.Amendment` makes the next version.  An
amendment replaces one row (a group's phase): its cluster and planned
months.  Every version must still review each group on the four clusters,
one per phase (¶9, ¶11), with months that follow one another.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from sherloc_portal.forms import ActionRefused

from ..i18n import _
from .resources import Amendment

PHASES = ("1", "2", "3", "4")


def apply(rows, amendment: Amendment) -> list:
    """``rows`` with the row the amendment names replaced."""
    return [
        replace(
            row,
            cluster=amendment.cluster,
            cluster_name=amendment.cluster_name,
            planned_start=amendment.planned_start,
            planned_end=amendment.planned_end,
            confidence="decided",
            basis=amendment.decision.reference,
        )
        if (row.group, row.phase) == (amendment.group, amendment.phase)
        else row
        for row in rows
    ]


def entries(workplan, amendments: tuple[Amendment, ...], version: int | None = None):
    """The workplan's rows at ``version`` (the latest when ``None``)."""
    rows = list(workplan.entries)
    applied = amendments if version is None else amendments[: max(0, version - 1)]
    for amendment in applied:
        rows = apply(rows, amendment)
    return rows


def version(amendments) -> int:
    return len(amendments) + 1


def entry(rows, group: str, phase: int):
    for row in rows:
        if row.group == group and row.phase == str(phase):
            return row
    return None


def check_amendment(rows, clusters, amendment: Amendment) -> None:
    """Refuse an amendment that breaks the shape of Table 2."""
    if entry(rows, amendment.group, amendment.phase) is None:
        raise ActionRefused(
            _(
                "The workplan has no phase ${phase} for group ${group}.",
                mapping={"phase": amendment.phase, "group": amendment.group},
            ),
            "phase",
        )
    if amendment.cluster not in clusters:
        raise ActionRefused(_("There is no such cluster."), "cluster")
    if amendment.planned_start >= amendment.planned_end:
        raise ActionRefused(_("A phase must end after it starts."), "planned_end")
    changed = apply(rows, amendment)
    mine = sorted(
        (r for r in changed if r.group == amendment.group), key=lambda r: r.phase
    )
    if sorted(r.cluster for r in mine) != sorted(clusters):
        raise ActionRefused(
            _(
                "Each group is reviewed on every cluster, one cluster per phase "
                "(¶9, ¶11): cluster ${cluster} is already the cluster of another "
                "phase of this group.",
                mapping={"cluster": amendment.cluster},
            ),
            "cluster",
        )
    for earlier, later in pairwise(mine):
        if later.planned_start < earlier.planned_end:
            raise ActionRefused(
                _(
                    "Phase ${later} would start before phase ${earlier} of the "
                    "same group ends.",
                    mapping={"later": later.phase, "earlier": earlier.phase},
                ),
                "planned_start",
            )
