"""pytest fixtures for the portal and its add-ons.

Add-on test suites load them with ``pytest_plugins = ["sherloc_portal.testing"]``
in their ``conftest.py``.

The site is built once per session in a FileStorage (root, then every
registered install profile the test run asks for); each test then runs on a
``DemoStorage`` stacked on it, so whatever a test commits vanishes after it.
"""

from __future__ import annotations

import email
import os
from pathlib import Path

import pytest
import transaction
from pyramid.paster import get_appsettings
from ZODB import DB
from ZODB.DemoStorage import DemoStorage
from ZODB.FileStorage import FileStorage

REPO = Path(__file__).resolve().parent.parent
DEMO_PASSWORD = os.environ.get("SHERLOC_DEMO_PASSWORD", "sherloc-demo-2026")


def pytest_addoption(parser):
    group = parser.getgroup("sherloc")
    group.addoption(
        "--ini", default=str(REPO / "testing.ini"), help="settings to test with"
    )
    group.addoption(
        "--profiles",
        default="default,demo",
        help="install profiles loaded into the session site (comma separated)",
    )


def make_settings(ini: str, tmp: Path, **overrides) -> dict:
    """Settings from ``ini`` with every path moved under ``tmp``."""
    settings = dict(get_appsettings(ini, name="main"))
    settings.update(
        {
            "sherloc.var_dir": str(tmp / "var"),
            "sherloc.mail_queue_path": str(tmp / "var" / "mail"),
            "sherloc.profiles_dir": str(REPO / "profiles"),
            "sherloc.locales_dir": str(REPO / "locales"),
        }
    )
    settings.update(overrides)
    return settings


@pytest.fixture(scope="session")
def app_settings(request, tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("site")
    data = tmp / "Data.fs"
    blobs = tmp / "blobs"
    return make_settings(
        request.config.getoption("--ini"),
        tmp,
        **{"zodbconn.uri": f"file://{data}?blobstorage_dir={blobs}"},
    )


@pytest.fixture(scope="session")
def app(request, app_settings):
    """The WSGI app, with the session site installed in its FileStorage."""
    from sherloc_portal import main

    wsgi = main({}, **app_settings)
    registry = wsgi.registry
    profiles = [p for p in request.config.getoption("--profiles").split(",") if p]
    installer = getattr(registry, "sherloc_installer", None)
    if installer is not None:
        for name in profiles:
            if name in registry.sherloc_extensions.profiles:
                installer.install(registry.zodb, name)
    base_db = registry.zodb
    storage_path = base_db.storage.getName()
    blob_dir = base_db.storage.fshelper.base_dir
    base_db.close()
    wsgi.sherloc_base_storage = FileStorage(
        storage_path, read_only=True, blob_dir=blob_dir
    )
    yield wsgi
    wsgi.sherloc_base_storage.close()


@pytest.fixture
def db(app, tmp_path):
    """A per-test database stacked on the session site; changes vanish."""
    from ZODB.blob import BlobStorage
    from ZODB.MappingStorage import MappingStorage

    changes = BlobStorage(str(tmp_path / "blobs"), MappingStorage())
    database = DB(
        DemoStorage(
            base=app.sherloc_base_storage,
            changes=changes,
            close_base_on_close=False,
        )
    )
    previous = app.registry.zodb
    app.registry.zodb = database
    yield database
    app.registry.zodb = previous
    database.close()


@pytest.fixture
def outbox(app):
    """The mails queued during the test (parsed), emptied before it."""
    queue = app.registry.sherloc_settings.mail_queue_path
    for sub in ("new", "cur", "tmp"):
        for f in (queue / sub).glob("*"):
            f.unlink()

    def read() -> list:
        return [
            email.message_from_bytes(f.read_bytes())
            for f in sorted((queue / "new").glob("*"))
        ]

    return read


@pytest.fixture
def clock(app):
    """The app's clock, fixed (at noon UTC on 2027-01-15 unless ``set``)."""
    from datetime import date

    from .clock import FixedClock

    previous = app.registry.sherloc_clock
    fixed = app.registry.sherloc_clock = FixedClock(date(2027, 1, 15))
    yield fixed
    app.registry.sherloc_clock = previous


@pytest.fixture
def testapp(app, db):
    import webtest

    return webtest.TestApp(
        app, extra_environ={"HTTP_HOST": "localhost", "REMOTE_ADDR": "127.0.0.1"}
    )


@pytest.fixture
def portal(app, db):
    """The portal root in a connection of its own, committed on demand.

    Use ``portal_commit()`` after changing it so that requests see it.
    """
    from sherloc_portal.resources.root import ROOT_KEY

    tm = transaction.TransactionManager(explicit=True)
    conn = db.open(transaction_manager=tm)
    tm.begin()
    root = conn.root()[ROOT_KEY]
    root._v_sherloc_tm = tm
    yield root
    tm.abort()
    conn.close()


def commit(portal_root) -> None:
    """Commit what a test changed through the ``portal`` fixture."""
    tm = portal_root._v_sherloc_tm
    tm.commit()
    tm.begin()


def login(testapp, user: str, password: str = DEMO_PASSWORD, status: int = 303):
    """Log in through the real login form; returns the response."""
    form = testapp.get("/login").forms["login-form"]
    form["login"] = user
    form["password"] = password
    return form.submit(status=status)


def client_as(app, who: str | None = None):
    """A webtest client of ``app`` on localhost, logged in as ``who`` if given.

    Each client keeps its own cookies, so one test can act as several users.
    """
    import webtest

    testapp = webtest.TestApp(
        app, extra_environ={"HTTP_HOST": "localhost", "REMOTE_ADDR": "127.0.0.1"}
    )
    if who:
        login(testapp, who)
    return testapp


def csrf_token(testapp) -> str:
    """The CSRF token of the test client's session (loads a page if needed)."""
    page = testapp.get("/login")
    return page.forms["login-form"]["csrf_token"].value
