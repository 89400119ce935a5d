"""Fixtures of the general report's tests: the demo's mechanism and index.

After the demo profile the report counts the submitted responses of Italy
(every instrument, all "yes"), Argentina (the Convention, all "yes"),
Singapore and Jordan (the Convention and the trafficking Protocol, "yes",
"in part", "yes", "no" in turn), and Jordan's agreed list of observations
(Singapore's awaits Russia's approval; Kenya's responses are a draft).
"""

from __future__ import annotations

import time
from datetime import date

import pytest

from sherloc_review.outcomes.blueprint import PRACTICE
from sherloc_review.outcomes.lists import approve_list, save_entry, withhold
from sherloc_review.reports.index import index_of


@pytest.fixture
def mechanism(portal):
    return portal["review"]


@pytest.fixture
def index(mechanism):
    return index_of(mechanism)


#: Planted in an entry the State withholds: no reader may ever see it.
MARKER = "quokkamarker"


@pytest.fixture
def marker() -> str:
    return MARKER


@pytest.fixture
def withheld_practice(mechanism):
    """``withheld_practice(marker)``: see :func:`practice_withheld_then_agreed`."""
    return lambda marker=MARKER: practice_withheld_then_agreed(mechanism, marker)


@pytest.fixture
def release(mechanism):
    """``release()``: Singapore keeps nothing confidential any more."""

    def act() -> None:
        observations = mechanism["countries"]["SGP"].phases[1].observations
        seen = len(observations.withholdings)
        withhold(observations, set(), "focal-sgp", time.time(), "", seen)

    return act


@pytest.fixture
def drawn(monkeypatch):
    """The texts the PDFs made during the test draw, in order."""
    from sherloc_review.responses import pdf

    seen: list[str] = []
    original = pdf._QuestionnairePDF.block

    def block(self, block, text):
        seen.append(text)
        return original(self, block, text)

    monkeypatch.setattr(pdf._QuestionnairePDF, "block", block)
    return seen


def practice_withheld_then_agreed(mechanism, marker: str = MARKER) -> int:
    """Singapore's list gets a best practice with ``marker`` on the
    Convention, Singapore withholds it (¶38), and every party approves: the
    list is agreed.  The entry's number."""
    phase = mechanism["countries"]["SGP"].phases[1]
    observations = phase.observations
    reviewer = phase.country.reviewers[0].state
    article = phase.responses["UNTOC"].questions[0].article
    entry = save_entry(
        observations,
        reviewer,
        f"expert-{reviewer.lower()}",
        time.time(),
        instrument="UNTOC",
        article=article,
        kind=PRACTICE,
        text=f"{marker} best practice",
    )
    withhold(observations, {entry.number}, "focal-sgp", time.time(), "exceptional", 0)
    for party in observations.parties:
        approve_list(
            mechanism,
            observations,
            party,
            observations.latest,
            f"focal-{party.lower()}",
            date(2027, 1, 15),
            time.time(),
        )
    assert observations.agreed is not None
    return entry.number
