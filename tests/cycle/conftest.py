"""A review mechanism in memory, installed and drawn, for the cycle's tests.

No database and no WSGI app: the cycle's functions take the mechanism and
a day, so every date rule is tested with the day it is given.
"""

from __future__ import annotations

import pytest

from sherloc_portal.resources.root import PortalRoot
from sherloc_review.draws.meeting import prepare, run
from sherloc_review.testing import install_default_into


@pytest.fixture
def mechanism():
    root = PortalRoot()
    install_default_into(root)
    review = root["review"]
    run(review, prepare(review, "Cycle test", "cycle-test", "test"), "test")
    return review


def group_of(mechanism, group: str) -> list[str]:
    countries = mechanism["countries"]
    return sorted(i for i, c in countries.items() if c.group == group and c.reviewers)
