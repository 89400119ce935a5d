"""Keep the cycle's catalogue (``Cycle.index``) in step with the reviews.

Every change to a :class:`~.phases.PhaseReview` ends with :func:`reindex`,
in the same transaction, so a dashboard never disagrees with a review.
"""

from __future__ import annotations

from .resources import CYCLE_NAME, ReviewRow


def row_of(phase, regional_group: str) -> ReviewRow:
    country = phase.country
    owed = phase.owed()
    return ReviewRow(
        iso3=country.iso3,
        phase=phase.number,
        group=phase.group,
        cluster=phase.cluster,
        regional_group=regional_group,
        state=phase.state,
        opened_on=phase.opened_on,
        responses_due=phase.responses_due if phase.state == "self_assessment" else None,
        feedback_due=phase.feedback_due if phase.state == "feedback" else None,
        reviewers=tuple(r.state for r in country.reviewers),
        overdue=(owed.item,)
        if owed is not None and phase.marked_overdue(owed.item)
        else (),
    )


def reindex(mechanism, phase) -> ReviewRow:
    state = mechanism["states"].get(phase.country.iso3)
    row = row_of(phase, state.regional_group if state is not None else "")
    index = mechanism[CYCLE_NAME].index
    key = (row.iso3, row.phase)
    if index.get(key) != row:
        index[key] = row
    return row


def reindex_country(mechanism, country) -> None:
    """Rewrite the rows of every phase of ``country`` (its reviewers moved)."""
    for phase in country.phases.values():
        reindex(mechanism, phase)
