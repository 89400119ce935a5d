"""``default`` 7 -> 8 and ``demo`` 6 -> 7 on a site made before the outcome
module: every phase gets its list, summary and assistance records, the
mechanism its index of needs, and the demo takes two reviews to their
outcome."""

from __future__ import annotations

import pytest

from sherloc_portal.installer import GenerationTooOld

from .rewind import before_the_outcomes, in_transaction


@pytest.fixture
def old_site(app, db):
    in_transaction(db, before_the_outcomes)
    return db


def test_the_upgrade_opens_every_phase_outcome(app, old_site):
    def before(root):
        review = root["review"]
        assert not hasattr(review, "assistance_index")
        phase = review["countries"]["ITA"].phases[1]
        assert phase.schema_version == 3 and phase.observations is None

    in_transaction(old_site, before)
    installer = app.registry.sherloc_installer
    with pytest.raises(GenerationTooOld):
        installer.check(old_site)
    results = installer.upgrade(old_site)
    assert [r.action.title.split(":")[0] for r in results] == [
        "upgrade default 7 -> 8",
        "upgrade demo 6 -> 7",
    ]

    def after(root):
        review = root["review"]
        for country in review["countries"].values():
            for phase in country.phases.values():
                assert phase.schema_version == 4
                assert phase.observations.__parent__ is phase
                assert phase.assistance.__parent__ is phase
        assert "reports" in review and review.report_index is not None
        assert review.experience_index is not None
        singapore = review["countries"]["SGP"].phases[1].observations
        assert singapore.latest == 5
        assert sorted(review.assistance_index.keys()) == ["JOR/1/1", "JOR/1/2"]
        assert root.installed["default"] == 8 and root.installed["demo"] == 7

    in_transaction(old_site, after)
    installer.check(old_site)
    assert installer.upgrade(old_site) == []


def test_a_summary_stepped_to_by_hand_goes_back_to_its_list(app, db):
    """Version 7 let the Secretariat record the list's agreement; the list
    is now agreed by approvals (¶39), so the phase goes back to it."""

    def stepped_by_hand(root):
        before_the_outcomes(root)
        phase = root["review"]["countries"]["KEN"].phases[1]
        phase.state = "summary"

    in_transaction(db, stepped_by_hand)
    app.registry.sherloc_installer.upgrade(db)

    def after(root):
        review = root["review"]
        phase = review["countries"]["KEN"].phases[1]
        assert phase.state == "observations"
        assert (phase.steps[-1].source, phase.steps[-1].by) == ("summary", "upgrade")
        assert review["cycle"].index[("KEN", 1)].state == "observations"

    in_transaction(db, after)
