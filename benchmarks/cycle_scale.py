"""The review cycle at full scale: the dashboards read one index, not the reviews.

Installs the default profile in memory (198 entities), draws, opens all
four phases of the three groups (with recorded overrides of the gate), and
times what a page view or the cron job does with the resulting index
(about 770 rows): the public status, the Secretariat's dashboard lines
with a filter, one State's deadlines, and a full reminder run's choice of
notices.  Run by hand::

    .venv/bin/python benchmarks/cycle_scale.py

Prints medians over repeated runs; figures go to ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import statistics
import time
from datetime import date

from sherloc_portal.resources.root import PortalRoot
from sherloc_review.cycle.dashboards import lines
from sherloc_review.cycle.deadlines import owed_by
from sherloc_review.cycle.gate import open_next_phase
from sherloc_review.cycle.reminders import _notice
from sherloc_review.cycle.resources import Decision, Override
from sherloc_review.cycle.status import public_status
from sherloc_review.draws.meeting import prepare, run
from sherloc_review.testing import install_default_into

REPEAT = 50
TODAY = date(2029, 1, 15)


def mechanism():
    root = PortalRoot()
    install_default_into(root)
    review = root["review"]
    run(review, prepare(review, "Benchmark", "benchmark", "bench"), "bench")
    cycle = review["cycle"]
    for group in ("1", "2", "3"):
        for phase in (2, 3, 4):
            decision = Decision(len(cycle.overrides) + 1, "bench", "", TODAY, "bench")
            cycle.overrides = (*cycle.overrides, Override(group, phase, decision))
    started = time.perf_counter()
    for group in ("1", "2", "3"):
        for _phase in range(4):
            open_next_phase(review, group, date(2030, 12, 1), "bench")
    opened = time.perf_counter() - started
    return review, opened


def timed(func) -> float:
    runs = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        func()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs) * 1000


def main() -> None:
    review, opened = mechanism()
    cycle = review["cycle"]
    rows = list(cycle.rows())
    countries = review["countries"]
    print(f"rows in the index: {len(rows)}")
    print(f"opening all 12 group-phases: {opened * 1000:.0f} ms")
    print(f"public status: {timed(lambda: public_status(cycle)):.2f} ms")
    print(
        "dashboard, all rows: "
        f"{timed(lambda: lines(cycle.rows(), {}, False, TODAY)):.2f} ms"
    )
    africa = {"regional_group": "AFR"}
    print(
        "dashboard, one region, overdue: "
        f"{timed(lambda: lines(cycle.rows(), africa, True, TODAY)):.2f} ms"
    )
    print(f"one State's deadlines: {timed(lambda: owed_by(cycle, 'FRA')):.2f} ms")

    def notices():
        for row in cycle.rows():
            if row.state in ("self_assessment", "feedback"):
                _notice(countries[row.iso3].phases[row.phase], TODAY)

    print(f"reminder run, choosing notices: {timed(notices):.2f} ms")


if __name__ == "__main__":
    main()
