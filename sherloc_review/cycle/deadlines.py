"""What a State owes and when, read from the cycle's index."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .resources import ReviewRow


@dataclass(frozen=True)
class Deadline:
    day: date
    item: str  # responses or feedback
    row: ReviewRow


def reviews_of(cycle, iso3: str) -> tuple[list[ReviewRow], list[ReviewRow]]:
    """``iso3``'s own reviews, and the reviews it performs, phase by phase."""
    own, performing = [], []
    for row in cycle.rows():
        if row.iso3 == iso3:
            own.append(row)
        elif iso3 in row.reviewers:
            performing.append(row)
    return own, performing


def deadline_of(row: ReviewRow) -> Deadline | None:
    if row.responses_due is not None:
        return Deadline(row.responses_due, "responses", row)
    if row.feedback_due is not None:
        return Deadline(row.feedback_due, "feedback", row)
    return None


def owed_by(cycle, iso3: str | None) -> list[Deadline]:
    """Deadlines ``iso3`` must meet (every deadline when ``None``), soonest first.

    The State under review owes its responses; its reviewers owe feedback.
    """
    found = []
    for row in cycle.rows():
        deadline = deadline_of(row)
        if deadline is None:
            continue
        owes = (
            iso3 is None
            or (deadline.item == "responses" and row.iso3 == iso3)
            or (deadline.item == "feedback" and iso3 in row.reviewers)
        )
        if owes:
            found.append(deadline)
    return sorted(found, key=lambda d: (d.day, d.row.iso3, d.row.phase))
