"""The dialogue of one review phase at scale, on a real FileStorage.

Opens phase 1 of group 1 from the default profile's draw, then writes into
one State's dialogue 40 threads holding 5,000 messages of ~600 characters
(one thread of 2,000), each committed as a request would.  Times one post
committed, the first and the last page of the long thread (50 messages,
cold connection), the reader's unread count over every thread, and a
dialogue search; prints the storage's size.  Run by hand::

    .venv/bin/python benchmarks/dialogue_scale.py

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
from sherloc_review.cycle.gate import open_next_phase
from sherloc_review.dialogue.resources import Topic
from sherloc_review.dialogue.threads import post, start_thread
from sherloc_review.draws.meeting import prepare, run
from sherloc_review.responses.search import words
from sherloc_review.testing import install_default_into

TEXT = (
    "The reviewing experts ask how the central authority handled request {n} "
    "for mutual legal assistance and which courts applied article 5. "
) * 4
THREADS, MESSAGES, LONG = 40, 5_000, 2_000
PAGE = 50


class Author:
    def __init__(self, login: str, state: str) -> None:
        self.login, self.state = login, state


def dialogue_of(conn):
    review = conn.root()["portal"]["review"]
    country = next(c for c in review["countries"].values() if c.phases)
    return country.phases[1].dialogue


def build(db) -> list[float]:
    conn = db.open()
    root = conn.root()["portal"] = PortalRoot()
    install_default_into(root)
    review = root["review"]
    run(review, prepare(review, "Benchmark", "benchmark", "bench"), "bench")
    open_next_phase(review, "1", date(2030, 12, 1), "bench")
    transaction.commit()
    dialogue = dialogue_of(conn)
    iso3 = dialogue.country.iso3
    authors = [Author(f"expert-{n}", iso3) for n in range(5)]
    posts = []
    long = start_thread(dialogue, "Long thread", Topic(), TEXT.format(n=0), authors[0])
    others = [
        start_thread(dialogue, f"Thread {n}", Topic(), TEXT.format(n=n), authors[1])
        for n in range(1, THREADS)
    ]
    transaction.commit()
    for n in range(MESSAGES - THREADS):
        thread = long if n < LONG - 1 else others[n % len(others)]
        started = time.perf_counter()
        post(thread, TEXT.format(n=n), authors[n % len(authors)])
        transaction.commit()
        posts.append(time.perf_counter() - started)
    conn.close()
    return posts


def timed(db, work) -> tuple[float, object]:
    conn = db.open()
    conn.cacheMinimize()  # cold: nothing of the dialogue in memory
    started = time.perf_counter()
    result = work(dialogue_of(conn))
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed, result


def page(first: int):
    def work(dialogue):
        thread = dialogue.threads[1]
        return [
            m.text for _n, m in thread.messages.items(min=first, max=first + PAGE - 1)
        ]

    return work


def unread(dialogue):
    return sum(t.unread("reader") for t in dialogue.threads.values())


def search(query: str):
    def work(dialogue):
        found = None
        for word in words(query):
            keys = set(dialogue.words.get(word, ()))
            found = keys if found is None else found & keys
        hits = []
        for thread, number in sorted(found or ()):
            text = dialogue.threads[thread].messages[number].text
            if query.casefold() in text.casefold():
                hits.append((thread, number))
                if len(hits) >= 50:
                    break
        return hits

    return work


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "Data.fs")
        db = DB(FileStorage(path, blob_dir=os.path.join(folder, "blobs")))
        started = time.perf_counter()
        posts = build(db)
        print(f"messages: {MESSAGES} in {THREADS} threads (one of {LONG})")
        print(f"build: {time.perf_counter() - started:.1f} s")
        print(f"one post committed, median: {statistics.median(posts) * 1000:.2f} ms")
        print(
            f"  95th percentile: {sorted(posts)[int(len(posts) * 0.95)] * 1000:.2f} ms"
        )
        for first in (1, LONG - PAGE + 1):
            elapsed, texts = timed(db, page(first))
            ms = elapsed * 1000
            print(f"page of {len(texts)} from message {first}, cold: {ms:.1f} ms")
        elapsed, count = timed(db, unread)
        print(f"unread over {THREADS} threads ({count}), cold: {elapsed * 1000:.1f} ms")
        for query in ("mutual legal assistance", "request 4321 for", "zzzrare"):
            elapsed, hits = timed(db, search(query))
            print(f"search {query!r}: {len(hits)} hits, cold {elapsed * 1000:.0f} ms")
        db.close()
        print(f"storage: {os.path.getsize(path) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
