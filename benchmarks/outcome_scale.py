"""The outcome of the reviews at the scale of a whole cycle, on a real
FileStorage.

Three figures, each on a cold connection:

- **a long list of observations**: one review's list drafted to 200
  entries (each edit a new version, ¶39); times an edit committed at that
  size and says what a version costs in storage;
- **the general report (¶19)**: the report index filled as at the end of
  the four phases (every State party's submitted answers for each
  instrument it is party to, and an agreed list of 12 observations per
  review); times the whole report and one narrowed to a regional group;
- **the needs of every review (¶44)**: 8,000 technical-assistance needs
  in the index; times the working group's filtered list.

Run by hand::

    .venv/bin/python benchmarks/outcome_scale.py

Figures go to ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from datetime import date

import transaction
from ZODB import DB
from ZODB.FileStorage import FileStorage

from sherloc_portal.resources.root import PortalRoot
from sherloc_review.assistance.listing import needs
from sherloc_review.assistance.records import key
from sherloc_review.assistance.resources import NeedRow
from sherloc_review.cycle.gate import open_next_phase
from sherloc_review.draws.meeting import prepare, run
from sherloc_review.outcomes.blueprint import KINDS, NEEDS, PRIORITIES
from sherloc_review.outcomes.lists import save_entry
from sherloc_review.reports.aggregates import Filters, general_report
from sherloc_review.reports.index import (
    Answered,
    ListRow,
    ReportEntry,
    ResponsesRow,
    index_of,
    list_key,
    responses_key,
)
from sherloc_review.testing import install_default_into

ENTRIES, NEEDS_ROWS, PHASES = 200, 8_000, 4
TEXT = "The reviewing States observe that article {n} is implemented in part. " * 3


def _review(conn):
    return conn.root()["portal"]["review"]


def _phase(review):
    country = next(c for c in review["countries"].values() if c.phases)
    phase = country.phases[1]
    phase.state = "dialogue"
    return phase


def build(db) -> tuple[list[float], int]:
    conn = db.open()
    root = conn.root()["portal"] = PortalRoot()
    install_default_into(root)
    review = root["review"]
    run(review, prepare(review, "Benchmark", "benchmark", "bench"), "bench")
    open_next_phase(review, "1", date(2030, 12, 1), "bench")
    from sherloc_review.outcomes import setup as outcomes_setup
    from sherloc_review.reports import setup as reports_setup

    outcomes_setup.install(review, lambda *a: None)
    reports_setup.install(review, lambda *a: None)
    transaction.commit()
    phase = _phase(review)
    transaction.commit()
    observations = phase.observations
    instrument = next(iter(phase.responses))
    article = phase.responses[instrument].questions[0].article
    timings, size_before = [], 0
    for n in range(ENTRIES):
        if n == ENTRIES - 20:
            size_before = os.path.getsize(db.storage.getName())
        started = time.perf_counter()
        save_entry(
            observations,
            phase.country.iso3,
            "bench",
            time.time(),
            instrument=instrument,
            article=article,
            kind=KINDS[n % len(KINDS)],
            text=TEXT.format(n=n),
            need=NEEDS[0] if KINDS[n % len(KINDS)] == "assistance" else "",
            priority=PRIORITIES[0] if KINDS[n % len(KINDS)] == "assistance" else "",
        )
        transaction.commit()
        if n >= ENTRIES - 20:
            timings.append(time.perf_counter() - started)
    per_version = (os.path.getsize(db.storage.getName()) - size_before) // 20
    _fill_report_index(review)
    _fill_needs(review)
    transaction.commit()
    conn.close()
    return timings, per_version


def _fill_report_index(review) -> None:
    index = index_of(review)
    questionnaires = review["questionnaires"]
    questions = {}
    for definition in questionnaires.values():
        for section in getattr(definition, "sections", ()):
            questions.setdefault(section.instrument, []).extend(section.questions)
    for state in review["states"].values():
        for phase in range(1, PHASES + 1):
            for instrument, asked in questions.items():
                if not state.is_party(instrument):
                    continue
                answers = tuple(
                    Answered(q.id, q.article, ("yes", "partly", "no")[i % 3])
                    for i, q in enumerate(asked)
                )
                index.responses[responses_key(state.iso3, phase, instrument)] = (
                    ResponsesRow(state.iso3, phase, instrument, "2030-01-01", answers)
                )
            entries = tuple(
                ReportEntry(
                    n, "UNTOC", str(5 + n), KINDS[n % 4], TEXT.format(n=n), "", ""
                )
                for n in range(1, 13)
            )
            index.lists[list_key(state.iso3, phase)] = ListRow(
                state.iso3, phase, "2030-06-01", entries
            )


def _fill_needs(review) -> None:
    states = sorted(review["states"].keys())
    for n in range(NEEDS_ROWS):
        iso3 = states[n % len(states)]
        row = NeedRow(
            iso3,
            1 + n % PHASES,
            n,
            "UNTOC",
            str(5 + n % 20),
            NEEDS[n % len(NEEDS)],
            PRIORITIES[n % 3],
            TEXT.format(n=n),
            "not-addressed",
            n % 2 == 0,
            n % 17 == 0,
            "2030-06-01",
        )
        review.assistance_index[key(row.iso3, row.phase, row.number)] = row


def cold(db, func):
    conn = db.open()
    conn.cacheMinimize()
    started = time.perf_counter()
    result = func(_review(conn))
    elapsed = time.perf_counter() - started
    conn.close()
    return result, elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = DB(FileStorage(os.path.join(folder, "Data.fs")))
        started = time.perf_counter()
        timings, per_version = build(db)
        print(f"build: {time.perf_counter() - started:.1f} s")
        print(
            f"edit of a list of {ENTRIES} entries committed, median of the last 20: "
            f"{statistics.median(timings) * 1000:.1f} ms"
        )
        print(f"  storage per version at that size: {per_version / 1024:.0f} KB")
        report, took = cold(db, lambda r: general_report(r, index_of(r), Filters()))
        rows = len(index_of_cold(db))
        print(f"general report over {rows} responses rows, cold: {took * 1000:.0f} ms")
        _narrow, took = cold(
            db, lambda r: general_report(r, index_of(r), Filters(regional_group="AFR"))
        )
        print(f"  narrowed to the African States, cold: {took * 1000:.0f} ms")
        found, took = cold(db, lambda r: needs(r, {"need": "training"}, False))
        print(
            f"needs of every review ({NEEDS_ROWS}), filtered to {len(found)}, "
            f"cold: {took * 1000:.0f} ms"
        )
        print(
            f"storage: {os.path.getsize(os.path.join(folder, 'Data.fs')) / 1e6:.1f} MB"
        )
        del report
        db.close()


def index_of_cold(db):
    conn = db.open()
    rows = list(index_of(_review(conn)).responses.keys())
    conn.close()
    return rows


if __name__ == "__main__":
    main()
