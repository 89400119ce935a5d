"""``sherloc-admin`` on a real .ini and storage, and the uninstall profile."""

from __future__ import annotations

import configparser
import subprocess
import sys

import pytest

from sherloc_portal.resources.root import ROOT_KEY
from sherloc_portal.resources.users import User
from sherloc_portal.testing import REPO, login
from sherloc_portal.zodb import run_in_transaction

TIMEOUT = 120


@pytest.fixture(scope="module")
def ini(request, tmp_path_factory):
    """A copy of the test settings with a FileStorage of its own."""
    return _ini(request, tmp_path_factory.mktemp("admin"))


def _ini(request, tmp):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(request.config.getoption("--ini"))
    app = parser["app:main"]
    app["zodbconn.uri"] = f"file://{tmp}/Data.fs?blobstorage_dir={tmp}/blobs"
    app["sherloc.var_dir"] = str(tmp / "var")
    app["sherloc.mail_queue_path"] = str(tmp / "var" / "mail")
    app["sherloc.profiles_dir"] = str(REPO / "profiles")
    app["sherloc.locales_dir"] = str(REPO / "locales")
    path = tmp / "admin.ini"
    with path.open("w") as f:
        parser.write(f)
    return path


def admin(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sherloc_portal.scripts.admin", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def test_install_twice_then_status(ini):
    dry = admin("install", ini, "--profile", "default", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Dry run: nothing was changed." in dry.stdout
    assert "FRA: created" in dry.stdout
    before = admin("status", ini)
    assert before.stdout.splitlines()[1].split()[:3] == ["default", "-", "8"]

    first = admin("install", ini, "--profile", "demo")
    assert first.returncode == 0, first.stderr
    assert "Ran: install profile default" in first.stdout
    assert "created account focal-fra" in first.stdout

    second = admin("install", ini, "--profile", "demo")
    assert second.returncode == 0, second.stderr
    assert "Ran: install profile default" not in second.stdout
    assert "(no changes)" in second.stdout

    status = admin("status", ini)
    assert status.returncode == 0, status.stderr
    rows = {line.split()[0]: line.split()[1:3] for line in status.stdout.splitlines()}
    assert rows["default"] == ["8", "8"]
    assert rows["demo"] == ["7", "7"]

    upgrade = admin("upgrade", ini)
    assert upgrade.returncode == 0, upgrade.stderr
    assert "Nothing to do." in upgrade.stdout


def _storage_state(path):
    """The last transaction id and whether the portal root exists."""
    from ZODB import DB
    from ZODB.FileStorage import FileStorage

    db = DB(FileStorage(str(path), read_only=True))
    try:
        conn = db.open()
        state = (db.lastTransaction(), ROOT_KEY in conn.root())
        conn.close()
        return state
    finally:
        db.close()


def test_status_and_dry_runs_write_nothing(request, tmp_path):
    """On an empty site: no portal root appears, no transaction is added."""
    fresh = _ini(request, tmp_path)
    assert admin("status", fresh).returncode == 0
    before = _storage_state(tmp_path / "Data.fs")
    assert before[1] is False
    for args in (
        ("install", fresh, "--profile", "default", "--dry-run"),
        ("upgrade", fresh, "--dry-run"),
        ("status", fresh),
    ):
        done = admin(*args)
        assert done.returncode == 0, done.stderr
    assert _storage_state(tmp_path / "Data.fs") == before


def test_unknown_profile_is_a_message_not_a_traceback(ini):
    result = admin("install", ini, "--profile", "nope")
    assert result.returncode == 2
    assert "Known profiles: default, demo, uninstall" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_settings_file(tmp_path):
    result = admin("status", tmp_path / "missing.ini")
    assert result.returncode == 2
    assert "no such settings file" in result.stderr
    assert "Traceback" not in result.stderr


def _epochs(db, logins) -> dict:
    def read(zodb_root):
        users = zodb_root[ROOT_KEY]["users"]
        return {
            login: (users[login].session_epoch, users[login].credentials_epoch)
            for login in logins
        }

    return run_in_transaction(db, read)


def test_uninstall_leaves_the_portal_working(app, db, testapp):
    installer = app.registry.sherloc_installer
    login(testapp, "secretariat")
    testapp.get("/users", status=200)
    epochs = _epochs(db, ("admin", "secretariat", "focal-fra"))
    changes = installer.install(db, "uninstall")[0].changes
    # It says what it did to the accounts, and that the officials index went.
    for name in ("admin", "secretariat", "ngo-demo", "focal-fra", "expert-fra"):
        assert f"deactivated demo account {name}" in changes
    assert "removed the officials index" in changes

    def check(zodb_root):
        portal = zodb_root[ROOT_KEY]
        assert "review" not in portal
        assert "default" not in portal.installed
        assert "demo" not in portal.installed
        # Accounts are the portal's: they stay, but the demo's (public
        # password) can no longer log in.
        assert "focal-fra" in portal["users"]
        assert not portal["users"]["focal-fra"].active
        assert not portal["users"]["admin"].active
        assert "demo-fra-code-penal-450-1" not in portal["knowledge"]["legislation"]

    run_in_transaction(db, check)
    # Their sessions and API tokens ended too (revoke_credentials).
    after = _epochs(db, epochs)
    for name, (session, credentials) in epochs.items():
        assert after[name] == (session + 1, credentials + 1)
    assert "/login" in testapp.get("/users", status=303).location
    testapp.get("/", status=200)
    testapp.get("/knowledge", status=200)
    refused = login(testapp, "secretariat", status=200)
    assert "The login or the password is not correct." in refused.text
    testapp.get("/review", status=404)
    testapp.get("/", status=200)
    assert installer.install(db, "uninstall")[0].changes == []


def test_officials_index_changes_are_reported_dry_run_included(app, db):
    """The officials index is built through the install context's change log."""
    installer = app.registry.sherloc_installer

    def drop_index(zodb_root):
        portal = zodb_root[ROOT_KEY]
        portal["review"].remove("officials")
        # Of a State but no official: enrolling would change nothing, so
        # nothing may be reported for it (or a re-run would never be empty).
        staff = User("fra-staff", "fra-staff@example.org", "Staff")
        staff.state = "FRA"
        portal["users"].add_user(staff)

    def has_index(zodb_root):
        return "officials" in zodb_root[ROOT_KEY]["review"]

    run_in_transaction(db, drop_index)
    expected = {
        "created the officials index",
        "enrolled focal-fra as focal of FRA",
        "enrolled expert-fra as expert of FRA",
    }
    dry = installer.install(db, "demo", dry_run=True)
    assert expected <= set(dry[-1].changes)
    assert not any("fra-staff" in change for change in dry[-1].changes)
    assert not run_in_transaction(db, has_index)
    done = installer.install(db, "demo")
    assert expected <= set(done[-1].changes)
    assert run_in_transaction(db, has_index)
    assert installer.install(db, "demo")[-1].changes == []
