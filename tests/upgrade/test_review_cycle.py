"""``default`` 3 -> 4 and ``demo`` 2 -> 3 on a site made before the review cycle.

A version 3 site has no ``/review/cycle`` and its reviews (``CountryReview``
schema 1) have no ``phases``; the steps add both, and the demo's step opens
phase 1 of group 1 and plans a session.
"""

from __future__ import annotations

import pytest

from sherloc_portal.installer import GenerationTooOld

from .rewind import before_the_cycle, in_transaction


@pytest.fixture
def old_site(app, db):
    in_transaction(db, before_the_cycle)
    return db


def test_version_3_reviews_have_no_phases(old_site):
    def read(root):
        fra = root["review"]["countries"]["FRA"]
        assert "phases" not in vars(fra) and fra.schema_version == 1
        assert "cycle" not in root["review"]

    in_transaction(old_site, read)


def test_version_3_data_is_refused_until_upgraded(app, old_site):
    with pytest.raises(GenerationTooOld):
        app.registry.sherloc_installer.check(old_site)


def test_the_upgrade_adds_the_cycle_and_the_demo_opens_phase_1(app, old_site):
    installer = app.registry.sherloc_installer
    results = installer.upgrade(old_site)
    assert [r.action.title.split(":")[0] for r in results] == [
        "upgrade default 3 -> 4",
        "upgrade default 4 -> 5",
        "upgrade default 5 -> 6",
        "upgrade default 6 -> 7",
        "upgrade default 7 -> 8",
        "upgrade demo 2 -> 3",
        "upgrade demo 3 -> 4",
        "upgrade demo 4 -> 5",
        "upgrade demo 5 -> 6",
        "upgrade demo 6 -> 7",
    ]

    def read(root):
        review = root["review"]
        countries = review["countries"]
        assert all(c.schema_version == 2 for c in countries.values())
        group = sorted(
            i for i, c in countries.items() if c.group == "1" and c.reviewers
        )
        cycle = review["cycle"]
        assert cycle.opening("1", 1).foreseen == tuple(group)
        assert sorted(iso3 for iso3, _phase in cycle.index) == group
        assert countries[group[0]].phases[1].state == "self_assessment"
        assert len(cycle["sessions"]) == 1
        assert root.installed["default"] == 8 and root.installed["demo"] == 7

    in_transaction(old_site, read)
    installer.check(old_site)
    last = old_site.lastTransaction()
    assert installer.upgrade(old_site) == []
    assert old_site.lastTransaction() == last
