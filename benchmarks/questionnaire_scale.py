"""The questionnaire module at full scale, on a real FileStorage.

Draws the default profile's 198 entities, opens phase 1 of the three
groups (every State party's self-assessments), answers every question of
every self-assessment with ~1,500 characters, submits them all, then
searches as a State party's official (the submitted responses of every
State, ¶40) from a cold and a warm connection.  Times one answer's save,
one submission, and a search; prints the storage's size.  Run by hand::

    .venv/bin/python benchmarks/questionnaire_scale.py

Figures go to ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from datetime import date

import transaction
from pyramid.authorization import ACLHelper, Authenticated, Everyone
from ZODB import DB
from ZODB.FileStorage import FileStorage

from sherloc_portal.resources.root import PortalRoot
from sherloc_review.cycle.gate import open_next_phase
from sherloc_review.draws.meeting import prepare, run
from sherloc_review.responses.answers import save
from sherloc_review.responses.resources import AnswerValue
from sherloc_review.responses.search import search
from sherloc_review.responses.submit import submit
from sherloc_review.testing import install_default_into

TEXT = (
    "The Penal Code criminalizes participation in an organized criminal group "
    "and the laundering of proceeds of crime; courts applied it in {n} cases. "
) * 10


class Reader:
    """Just what search asks of a request: the reader's permissions."""

    def __init__(self, principals: list[str]) -> None:
        self.principals = [Everyone, Authenticated, *principals]
        self.identity = None

    def has_permission(self, permission, context):
        return ACLHelper().permits(context, self.principals, permission)


def build(db) -> tuple[list[float], list[float]]:
    conn = db.open()
    root = conn.root()["portal"] = PortalRoot()
    install_default_into(root)
    review = root["review"]
    run(review, prepare(review, "Benchmark", "benchmark", "bench"), "bench")
    for group in ("1", "2", "3"):
        open_next_phase(review, group, date(2030, 12, 1), "bench")
    transaction.commit()
    saves, submits = [], []
    for country in review["countries"].values():
        for phase in country.phases.values():
            for assessment in phase.responses.values():
                for n, question in enumerate(assessment.questions):
                    value = AnswerValue(closed="yes", text=TEXT.format(n=n))
                    started = time.perf_counter()
                    save(assessment, question.id, value, 0, "bench")
                    saves.append(time.perf_counter() - started)
                started = time.perf_counter()
                submit(assessment, "bench", date(2031, 1, 1), "k", False)
                submits.append(time.perf_counter() - started)
        transaction.commit()
    conn.close()
    return saves, submits


def saved_and_committed(db, count: int = 200) -> float:
    """Median ms of one answer saved and committed (a request's work)."""
    conn = db.open()
    review = conn.root()["portal"]["review"]
    assessment = review["countries"]["KEN"].phases[1].responses["UNTOC"]
    assessment.status = "draft"  # reopened for the measure only
    transaction.commit()
    question = assessment.questions[0].id
    runs = []
    for n in range(count):
        value = AnswerValue(closed="partly", text=TEXT.format(n=n + 1000))
        started = time.perf_counter()
        save(
            assessment, question, value, assessment.answers[question].revision, f"u{n}"
        )
        transaction.commit()
        runs.append(time.perf_counter() - started)
    transaction.abort()
    conn.close()
    return statistics.median(runs) * 1000


def searched(db, query: str) -> tuple[float, int]:
    conn = db.open()
    mechanism = conn.root()["portal"]["review"]
    reader = Reader(["role:state-official", "role:state-party-official"])
    started = time.perf_counter()
    hits, _more = search(reader, mechanism, query)
    took = (time.perf_counter() - started) * 1000
    conn.close()
    return took, len(hits)


def main() -> None:
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "Data.fs")
    db = DB(FileStorage(path, blob_dir=os.path.join(folder, "blobs")))
    started = time.perf_counter()
    saves, submits = build(db)
    total = time.perf_counter() - started
    print(f"answers saved: {len(saves)}; self-assessments submitted: {len(submits)}")
    print(f"build (install, draw, open, answer, submit): {total:.1f} s")
    print(f"one save, median: {statistics.median(saves) * 1000:.2f} ms")
    print(f"one submission, median: {statistics.median(submits) * 1000:.2f} ms")
    print(f"one save committed, median: {saved_and_committed(db):.2f} ms")
    print(f"storage: {os.path.getsize(path) / 1e6:.1f} MB")
    db.close()
    db = DB(FileStorage(path, blob_dir=os.path.join(folder, "blobs"), read_only=True))
    # A phrase, a word nobody used, and every word present but never
    # together (the worst case: every submitted self-assessment is read).
    for query in ("laundering of proceeds", "zzzrare", "criminalizes laundering"):
        cold, hits = searched(db, query)
        warm, _ = searched(db, query)
        print(f"search {query!r}: {hits} hits, cold {cold:.0f} ms, warm {warm:.0f} ms")
    db.close()


if __name__ == "__main__":
    main()
