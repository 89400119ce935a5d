"""``default`` 5 -> 6 and ``demo`` 4 -> 5 on a site made before the
written feedback and the dialogue.

A version 5 site has phases (``PhaseReview`` schema 2) with responses but
neither feedback nor dialogue, and no notification preferences; the steps
add them (empty), and the demo's step writes Italy's feedback and threads.
"""

from __future__ import annotations

import pytest

from sherloc_portal.installer import GenerationTooOld

from .rewind import before_the_dialogue, in_transaction


@pytest.fixture
def old_site(app, db):
    in_transaction(db, before_the_dialogue)
    return db


def test_version_5_phases_have_no_dialogue(app, old_site):
    def read(root):
        phase = root["review"]["countries"]["ITA"].phases[1]
        assert "dialogue" not in vars(phase) and phase.schema_version == 2
        assert phase.dialogue is None and phase.feedback is None
        assert phase.state == "feedback"
        assert getattr(root["review"], "dialogue_preferences", None) is None
        assert "dialogues" not in root["knowledge"]

    in_transaction(old_site, read)
    with pytest.raises(GenerationTooOld):
        app.registry.sherloc_installer.check(old_site)


def test_the_upgrade_opens_every_phases_dialogue_and_the_demo_writes(app, old_site):
    installer = app.registry.sherloc_installer
    results = installer.upgrade(old_site)
    assert [r.action.title.split(":")[0] for r in results] == [
        "upgrade default 5 -> 6",
        "upgrade default 6 -> 7",
        "upgrade default 7 -> 8",
        "upgrade demo 4 -> 5",
        "upgrade demo 5 -> 6",
        "upgrade demo 6 -> 7",
    ]

    def read(root):
        review = root["review"]
        phases = [p for c in review["countries"].values() for p in c.phases.values()]
        assert len(phases) == 64
        assert all(
            p.schema_version == 4
            and p.dialogue is not None
            and set(p.feedback.by_reviewer) == {r.state for r in p.country.reviewers}
            for p in phases
        )
        italy = review["countries"]["ITA"].phases[1]
        released = [w for w in italy.feedback.values() if w.status == "released"]
        assert len(released) == 1 and released[0].open_items() == 1
        assert italy.state == "feedback"  # the second reviewer still drafts
        assert [t.title for t in italy.dialogue.threads.values()] == [
            "Organisation of the constructive dialogue",
            "Videoconference between the parties",
        ]
        assert italy.dialogue.threads[2].record.kind == "videoconference"
        assert review.dialogue_preferences is not None
        assert "dialogues" in root["knowledge"]
        assert root.installed["default"] == 8 and root.installed["demo"] == 7

    in_transaction(old_site, read)
    installer.check(old_site)
    last = old_site.lastTransaction()
    assert installer.upgrade(old_site) == []
    assert old_site.lastTransaction() == last
