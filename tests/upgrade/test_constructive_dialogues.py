"""``default`` 6 -> 7 and ``demo`` 5 -> 6 on a site made before the
constructive dialogues (¶53): the folder appears, the demo plans two."""

from __future__ import annotations

import pytest

from sherloc_portal.installer import GenerationTooOld

from .rewind import before_the_stakeholders, in_transaction


@pytest.fixture
def old_site(app, db):
    in_transaction(db, before_the_stakeholders)
    return db


def test_the_upgrade_adds_the_dialogues_and_the_demo_plans_two(app, old_site):
    def before(root):
        assert "dialogues" not in root["review"]

    in_transaction(old_site, before)
    installer = app.registry.sherloc_installer
    with pytest.raises(GenerationTooOld):
        installer.check(old_site)
    results = installer.upgrade(old_site)
    assert [r.action.title.split(":")[0] for r in results] == [
        "upgrade default 6 -> 7",
        "upgrade default 7 -> 8",
        "upgrade demo 5 -> 6",
        "upgrade demo 6 -> 7",
    ]

    def after(root):
        folder = root["review"]["dialogues"]
        opened, closed = folder["1"], folder["2"]
        now = app.registry.sherloc_clock.now()
        assert opened.open_for_registration(now)
        assert not closed.open_for_registration(now)
        assert closed.circulated_at is not None
        assert [r.login for r in closed.registrations.values()] == ["ngo-demo"]
        assert root.installed["default"] == 8 and root.installed["demo"] == 7

    in_transaction(old_site, after)
    installer.check(old_site)
    assert installer.upgrade(old_site) == []


def test_the_demo_upgrade_adds_the_chair_and_the_bureau(app, db):
    def forget(root):
        before_the_stakeholders(root)
        for login in ("chair-demo", "bureau-demo"):
            root["users"].remove(login)

    in_transaction(db, forget)
    app.registry.sherloc_installer.upgrade(db)

    def read(root):
        assert root["users"]["chair-demo"].roles == ("chair",)
        assert root["users"]["bureau-demo"].roles == ("bureau",)

    in_transaction(db, read)
