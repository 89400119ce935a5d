"""Import ``workplan.csv`` (Table 2) into ``/review/workplan``."""

from __future__ import annotations

from ..importing import ensure, sync
from .resources import Workplan, WorkplanEntry


def import_workplan(mechanism, context) -> Workplan:
    workplan = ensure(mechanism, "workplan", Workplan, context, "workplan")
    entries = tuple(
        WorkplanEntry(
            group=row["group"],
            phase=row["phase"],
            cluster=row["cluster"],
            cluster_name=row["cluster_name"],
            year_index_start=int(row["year_index_start"]),
            year_index_end=int(row["year_index_end"]),
            planned_start=row["planned_start"],
            planned_end=row["planned_end"],
            confidence=row["confidence"],
            basis=row["basis"],
        )
        for row in context.read_csv("workplan.csv")
    )
    sync(workplan, {"entries": entries}, context, "workplan")
    return workplan
