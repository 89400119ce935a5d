"""The public status of the mechanism: counts of reviews, never States.

Built from the cycle's index alone.  It names no State, shows no date of
any one review and orders nothing by performance (¶4(b)): counts per
workflow state, per group and phase (with its cluster) and per regional
group, in fixed orders.  Group membership is public, so a row counting
fewer than :data:`MIN_ROW` reviews (the four entities in no regional
group, say) would show those few States' stages: such rows are left out;
the totals still count them.
"""

from __future__ import annotations

from collections import Counter

from .dashboards import NO_REGION  # entities in no UN regional group (EU, ...)
from .workflow import STATES

MIN_ROW = 5


def _counts(counter: Counter) -> dict:
    return {state: counter.get(state, 0) for state in STATES}


def public_status(cycle) -> dict:
    total: Counter = Counter()
    phases: dict[tuple[str, int, str], Counter] = {}
    regions: dict[str, Counter] = {}
    for row in cycle.rows():
        total[row.state] += 1
        phases.setdefault((row.group, row.phase, row.cluster), Counter())[
            row.state
        ] += 1
        regions.setdefault(row.regional_group or NO_REGION, Counter())[row.state] += 1
    return {
        "reviews": sum(total.values()),
        "by_state": _counts(total),
        "phases": [
            {"group": g, "phase": p, "cluster": c, "by_state": _counts(counts)}
            for (g, p, c), counts in sorted(phases.items())
            if counts.total() >= MIN_ROW
        ],
        "regional_groups": [
            {"regional_group": region, "by_state": _counts(counts)}
            for region, counts in sorted(regions.items())
            if counts.total() >= MIN_ROW
        ],
    }
