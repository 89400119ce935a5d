"""Fixtures of the outcome's tests: the demo's Singapore and Jordan, phase 1.

After the demo profile Singapore's list of observations (five entries,
version 5) is approved by Singapore and China and awaits Russia; Jordan's
list is agreed (its phase is at the summary), the summary agreed and
translated into French.  Both review the Convention and the trafficking
Protocol.
"""

from __future__ import annotations

import pytest


@pytest.fixture
def mechanism(portal):
    return portal["review"]


@pytest.fixture
def singapore(mechanism):
    return mechanism["countries"]["SGP"].phases[1]


@pytest.fixture
def jordan(mechanism):
    return mechanism["countries"]["JOR"].phases[1]
