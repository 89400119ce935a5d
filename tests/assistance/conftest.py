"""Fixtures of the follow-up's tests: the demo's Jordan, phase 1.

Jordan's list of observations is agreed (demo profile), with two
technical-assistance needs: 1 (UNTOC article 23, training, high) and 2
(UNTOC article 2, data, medium); the demo requested the first and reported
the second in progress, which the ``jordan`` fixture clears.  Its
reviewing States are Mongolia and France.  Singapore's list is not
agreed: it has no needs.
"""

from __future__ import annotations

from datetime import date

import pytest

from sherloc_portal.testing import commit
from sherloc_review.assistance.records import follow_withholding, reindex
from sherloc_review.cycle.phases import PhaseReview
from sherloc_review.experience import setup as experience_setup
from sherloc_review.outcomes.setup import open_outcomes

TODAY = date(2027, 1, 15)


@pytest.fixture
def mechanism(portal):
    return portal["review"]


@pytest.fixture
def jordan(mechanism, portal):
    """Jordan's phase 1, its needs neither requested nor reported yet."""
    phase = mechanism["countries"]["JOR"].phases[1]
    for need in phase.assistance.needs.values():
        need.requests, need.progress = (), ()
        reindex(mechanism, phase.assistance, need)
    commit(portal)
    return phase


@pytest.fixture
def experiences(mechanism, portal):
    """The mechanism's index of shared experiences (the installer's)."""
    experience_setup.install(mechanism, lambda *args: None)
    commit(portal)
    return mechanism.experience_index


def withhold_need(mechanism, phase, number: int) -> None:
    """The State keeps the entry of need ``number`` confidential (¶38)."""
    assistance = phase.assistance
    follow_withholding(mechanism, assistance, {assistance.needs[number].entry})


def open_next_phase(phase) -> PhaseReview:
    """Phase N+1 of the same State, with its (empty) outcome."""
    country = phase.country
    following = PhaseReview(phase.number + 1, phase.group, phase.cluster, TODAY)
    country.add_phase(following)
    open_outcomes(following)
    return following
