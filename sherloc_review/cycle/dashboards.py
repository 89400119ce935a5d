"""Which reviews a dashboard lists: filters over the cycle's index.

A filter value the data does not know is refused (a typo must not look
like "no review"), the rows come in a fixed order (group, phase, State
code): a dashboard lists, it never ranks (¶4(b)).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sherloc_portal.forms import ActionRefused

from ..i18n import _
from .deadlines import deadline_of
from .resources import ReviewRow
from .workflow import STATES

FILTERS = ("group", "cluster", "state", "regional_group")
NO_REGION = "none"  # the filter value of the entities in no regional group


def value_of(row, name: str) -> str:
    """A row's value for a filter (``none`` for no regional group)."""
    value = getattr(row, name)
    return value or NO_REGION if name == "regional_group" else value


@dataclass(frozen=True)
class Line:
    row: ReviewRow
    due: date | None
    item: str
    overdue: bool


def choices(rows) -> dict[str, list[str]]:
    return {
        "group": sorted({r.group for r in rows}),
        "cluster": sorted({r.cluster for r in rows}),
        "state": list(STATES),
        "regional_group": sorted({value_of(r, "regional_group") for r in rows}),
    }


def filters_of(params, known: dict[str, list[str]]) -> dict[str, str]:
    chosen = {}
    for name in FILTERS:
        value = params.get(name, "")
        if not value:
            continue
        if value not in known[name]:
            raise ActionRefused(
                _(
                    "Unknown value for the filter ${name}: ${value}.",
                    mapping={"name": name, "value": value[:40]},
                ),
                name,
            )
        chosen[name] = value
    return chosen


def lines(rows, chosen: dict[str, str], overdue_only: bool, today: date) -> list[Line]:
    found = []
    for row in rows:
        if any(value_of(row, name) != value for name, value in chosen.items()):
            continue
        deadline = deadline_of(row)
        overdue = deadline is not None and deadline.day < today
        if overdue_only and not overdue:
            continue
        found.append(
            Line(
                row,
                deadline.day if deadline else None,
                deadline.item if deadline else "",
                overdue,
            )
        )
    return sorted(
        found, key=lambda line: (line.row.group, line.row.phase, line.row.iso3)
    )


def csv_cell(value) -> str:
    """A cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
