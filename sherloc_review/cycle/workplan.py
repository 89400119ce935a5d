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
    """``rows`` with the row the amendment names replaced (and the phase it
    swaps clusters with, if any)."""
    decided = {"confidence": "decided", "basis": amendment.decision.reference}
    changed = []
    for row in rows:
        if (row.group, row.phase) == (amendment.group, amendment.phase):
            row = replace(
                row,
                cluster=amendment.cluster,
                cluster_name=amendment.cluster_name,
                planned_start=amendment.planned_start,
                planned_end=amendment.planned_end,
                **decided,
            )
        elif amendment.swap_phase and (row.group, row.phase) == (
            amendment.group,
            amendment.swap_phase,
        ):
            row = replace(
                row,
                cluster=amendment.swap_cluster,
                cluster_name=amendment.swap_cluster_name,
                **decided,
            )
        changed.append(row)
    return changed


def with_swap(rows, amendment: Amendment, opened: int) -> Amendment:
    """``amendment``, swapping clusters with the group's phase that has the
    new cluster, when that phase is not open yet (¶9, ¶11 keep one cluster
    per phase); unchanged otherwise, for :func:`check_amendment` to judge."""
    current = entry(rows, amendment.group, int(amendment.phase))
    if current is None or current.cluster == amendment.cluster:
        return amendment
    for row in rows:
        if (
            row.group == amendment.group
            and row.phase in PHASES
            and row.phase != amendment.phase
            and row.cluster == amendment.cluster
            and int(row.phase) > opened
        ):
            return replace(
                amendment,
                swap_phase=row.phase,
                swap_cluster=current.cluster,
                swap_cluster_name=current.cluster_name,
            )
    return amendment


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
