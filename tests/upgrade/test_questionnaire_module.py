"""``default`` 4 -> 5 and ``demo`` 3 -> 4 on a site made before the
questionnaire module.

A version 4 site has phases (``PhaseReview`` schema 1) without responses,
no responses catalog, no guidance folder and no published responses; the
steps add them all, asking the current questionnaires, and the demo's step
adds responses in draft and submitted.
"""

from __future__ import annotations

import pytest

from sherloc_portal.installer import GenerationTooOld

from .rewind import before_the_questionnaires, in_transaction


@pytest.fixture
def old_site(app, db):
    in_transaction(db, before_the_questionnaires)
    return db


def test_version_4_phases_have_no_responses(old_site):
    def read(root):
        phase = root["review"]["countries"]["KEN"].phases[1]
        assert "responses" not in vars(phase) and phase.schema_version == 1
        assert phase.responses is None  # the class default old pickles read
        assert "guidance" not in root["review"]
        assert "responses" not in root["knowledge"]

    in_transaction(old_site, read)


def test_version_4_data_is_refused_until_upgraded(app, old_site):
    with pytest.raises(GenerationTooOld):
        app.registry.sherloc_installer.check(old_site)


def test_the_upgrade_opens_every_phases_responses_and_the_demo_answers(app, old_site):
    installer = app.registry.sherloc_installer
    results = installer.upgrade(old_site)
    assert [r.action.title.split(":")[0] for r in results] == [
        "upgrade default 4 -> 5",
        "upgrade default 5 -> 6",
        "upgrade default 6 -> 7",
        "upgrade default 7 -> 8",
        "upgrade demo 3 -> 4",
        "upgrade demo 4 -> 5",
        "upgrade demo 5 -> 6",
        "upgrade demo 6 -> 7",
    ]

    def read(root):
        review = root["review"]
        countries = review["countries"]
        phases = [p for c in countries.values() for p in c.phases.values()]
        assert len(phases) == 64
        assert all(p.schema_version == 4 and p.responses is not None for p in phases)
        kenya = countries["KEN"].phases[1].responses
        assert set(kenya) == {"UNTOC", "TIP", "SOM", "FIREARMS"}
        assert kenya["UNTOC"].questionnaire_version == 2
        italy = countries["ITA"].phases[1]
        assert all(a.status == "submitted" for a in italy.responses.values())
        assert italy.state == "feedback"
        assert review.responses_catalog.words
        assert "guidance" in review and "responses" in root["knowledge"]
        assert root.installed["default"] == 8 and root.installed["demo"] == 7

    in_transaction(old_site, read)
    installer.check(old_site)
    last = old_site.lastTransaction()
    assert installer.upgrade(old_site) == []
    assert old_site.lastTransaction() == last
