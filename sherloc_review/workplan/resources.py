"""``/review/workplan``: Table 2 (group and phase → cluster and years) as data.

The rows are a small fixed table, stored as a tuple of immutable records
and replaced whole on re-import.  Several cells are reconstructions; each
row carries its confidence and basis from ``workplan.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sherloc_portal.resources.folder import Resource

from ..security import ReferenceData


@dataclass(frozen=True)
class WorkplanEntry:
    group: str
    phase: str
    cluster: str
    cluster_name: str
    year_index_start: int
    year_index_end: int
    planned_start: str
    planned_end: str
    confidence: str
    basis: str


class Workplan(ReferenceData, Resource):
    schema_version = 1
    entries: tuple[WorkplanEntry, ...] = ()

    def for_group(self, group: str) -> list[WorkplanEntry]:
        return [e for e in self.entries if e.group in (group, "all")]
