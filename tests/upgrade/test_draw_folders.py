"""``default`` 2 -> 3 and ``demo`` 1 -> 2 on a site made before the draws.

A version 2 site has no ``/review/draws`` and no ``/review/countries``;
the steps add them, and the demo's step makes the demonstration draw, so
its focal points have a review to open.
"""

from __future__ import annotations

import pytest

from sherloc_review.draws.setup import DEMO_SEED

from .rewind import before_the_cycle, in_transaction

STEPS = ("default:2->3", "demo:1->2")


def write_version_2(root) -> None:
    before_the_cycle(root)
    for name in ("draws", "countries"):
        root["review"].remove(name)
    root.installed["default"] = 2
    root.installed["demo"] = 1
    for key in STEPS:
        del root.upgrades_done[key]


@pytest.fixture
def old_site(app, db):
    in_transaction(db, write_version_2)
    return db


def test_version_2_data_is_upgraded_to_draws_and_a_demo_draw(app, old_site):
    installer = app.registry.sherloc_installer
    assert in_transaction(old_site, lambda root: "draws" not in root["review"])
    results = installer.upgrade(old_site)
    assert [r.action.title.split(":")[0] for r in results] == [
        "upgrade default 2 -> 3",
        "upgrade default 3 -> 4",
        "upgrade default 4 -> 5",
        "upgrade default 5 -> 6",
        "upgrade default 6 -> 7",
        "upgrade default 7 -> 8",
        "upgrade demo 1 -> 2",
        "upgrade demo 2 -> 3",
        "upgrade demo 3 -> 4",
        "upgrade demo 4 -> 5",
        "upgrade demo 5 -> 6",
        "upgrade demo 6 -> 7",
    ]

    def read(root):
        review = root["review"]
        (record,) = review["draws"].values()
        assert record.drawn and record.seed == DEMO_SEED
        assert review["countries"].draw == record.number
        assert review["countries"]["FRA"].reviewers
        assert root.installed["default"] == 8 and root.installed["demo"] == 7

    in_transaction(old_site, read)
    last = old_site.lastTransaction()
    assert installer.upgrade(old_site) == []
    assert old_site.lastTransaction() == last
