"""``default`` 1 → 2 on data written by version 1 of the add-on.

Version 1 stored ``parties = {"UNTOC": "party", …}`` on each State, with no
confidence and no ``provisional``.  The old objects are built as an old
pickle would load them: a bare instance whose state is set directly.
"""

from __future__ import annotations

import pytest
import transaction

from sherloc_portal import main
from sherloc_portal.installer import GenerationTooOld
from sherloc_portal.resources.root import ROOT_KEY
from sherloc_portal.testing import REPO, make_settings
from sherloc_review.states.resources import State
from sherloc_review.upgrades.participation_records import UNCONFIRMED

from .rewind import before_the_cycle

STEP = "default:1->2"
LATER_STEPS = ("default:2->3", "demo:1->2")


def _version_1_state(state: State, parties: dict) -> State:
    """``state`` as version 1 stored it: ``parties``, no participation records."""
    kept = {
        key: value
        for key, value in vars(state).items()
        if key not in ("participation", "provisional") and not key.startswith("_")
    }
    old = State.__new__(State)
    old.__setstate__({**kept, "schema_version": 1, "parties": parties})
    return old


def write_version_1(zodb_root) -> None:
    """Turn the installed site into what version 1 of the add-on left."""
    root = zodb_root[ROOT_KEY]
    before_the_cycle(root)
    states = root["review"]["states"]
    for iso3 in list(states):
        state = states[iso3]
        parties = {code: record.status for code, record in state.participation.items()}
        states.add(iso3, _version_1_state(state, parties), replace=True)
    # A status corrected in the portal, which the data file does not confirm.
    states["FRA"].parties = {**states["FRA"].parties, "FIREARMS": "signatory"}
    # Version 1 had no draws and no reviews (default 2 -> 3, demo 1 -> 2).
    for name in ("draws", "countries"):
        root["review"].remove(name)
    root.installed["default"] = 1
    if "demo" in root.installed:
        root.installed["demo"] = 1
    for key in (STEP, *LATER_STEPS):
        root.upgrades_done.pop(key, None)


def _in_transaction(db, func):
    tm = transaction.TransactionManager(explicit=True)
    conn = db.open(transaction_manager=tm)
    try:
        with tm:
            return func(conn.root())
    finally:
        conn.close()


@pytest.fixture
def old_site(app, db):
    _in_transaction(db, write_version_1)
    return db


def test_old_data_is_refused_until_upgraded(app, old_site):
    installer = app.registry.sherloc_installer
    with pytest.raises(GenerationTooOld, match="sherloc-admin upgrade"):
        installer.check(old_site)
    assert [a.title for a in installer.pending(old_site)] == [
        "upgrade default 1 -> 2: "
        "Store each State's participation with its confidence and note",
        "upgrade default 2 -> 3: "
        "Add the folders of the drawing of lots and of the reviews",
        "upgrade default 3 -> 4: "
        "Add the review cycle and the phases of each State's review",
        "upgrade default 4 -> 5: "
        "Ask the questionnaires' real questions and open the phases' responses",
        "upgrade default 5 -> 6: "
        "Add the written feedback and the dialogue of each phase",
        "upgrade default 6 -> 7: "
        "Add the constructive dialogues with stakeholders (¶53)",
        "upgrade default 7 -> 8: "
        "Add the lists of observations, summaries and technical-assistance records",
        "upgrade demo 1 -> 2: Make the demonstration draw",
        "upgrade demo 2 -> 3: Open phase 1 of group 1 and plan a working-group session",
        "upgrade demo 3 -> 4: Add demonstration responses, in draft and submitted",
        "upgrade demo 4 -> 5: Add demonstration feedback and dialogue",
        "upgrade demo 5 -> 6: Plan two demonstration constructive dialogues",
        "upgrade demo 6 -> 7: "
        "Add demonstration lists of observations, a summary and assistance needs",
    ]
    installer.upgrade(old_site)
    installer.check(old_site)


def test_upgrade_converts_every_state_and_a_second_run_changes_nothing(app, old_site):
    installer = app.registry.sherloc_installer
    result, *_later = installer.upgrade(old_site)
    assert len([c for c in result.changes if "schema 2" in c]) == 198

    def read(zodb_root):
        root = zodb_root[ROOT_KEY]
        states = root["review"]["states"]
        afghanistan, france = states["AFG"], states["FRA"]
        assert "parties" not in vars(afghanistan)
        assert afghanistan.schema_version == 2
        assert afghanistan.participation["SOM"].status == "party"
        assert afghanistan.participation["SOM"].confidence == "low"
        assert afghanistan.participation["SOM"].note == "uncertain"
        assert afghanistan.provisional
        assert not states["RUS"].provisional
        assert france.participation["FIREARMS"].status == "signatory"
        assert france.participation["FIREARMS"].note == UNCONFIRMED
        assert france.participation["UNTOC"].confidence == "high"
        assert root.installed["default"] == 8
        assert STEP in root.upgrades_done

    _in_transaction(old_site, read)
    last = old_site.lastTransaction()
    assert installer.upgrade(old_site) == []
    assert old_site.lastTransaction() == last


def test_the_application_refuses_to_start_on_old_data(tmp_path):
    data = tmp_path / "Data.fs"
    settings = make_settings(
        str(REPO / "testing.ini"), tmp_path, **{"zodbconn.uri": f"file://{data}"}
    )
    app = main({}, **settings)
    app.registry.sherloc_installer.install(app.registry.zodb, "default")
    _in_transaction(app.registry.zodb, write_version_1)
    app.registry.zodb.close()
    with pytest.raises(GenerationTooOld):
        main({}, **settings)
