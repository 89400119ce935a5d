"""``/review/reports`` and the report's index, by the install profile and
its upgrade (idempotent: a second run changes nothing)."""

from __future__ import annotations

from .index import INDEX_NAME, ReportIndex, build, index_of
from .resources import REPORTS_NAME, Reports


def install(mechanism, changed) -> None:
    if mechanism.get(REPORTS_NAME) is None:
        mechanism.add(REPORTS_NAME, Reports())
        changed("created the general report")
    index = index_of(mechanism)
    if index is None:
        index = ReportIndex()
        setattr(mechanism, INDEX_NAME, index)
        changed("created the index of the general report")
    rows = build(mechanism, index)
    if rows:
        changed("recorded %d rows in the index of the general report", rows)
