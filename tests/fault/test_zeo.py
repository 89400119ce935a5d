"""The portal on a real ZEO server: it serves, and survives a server crash.

The test starts ``runzeo`` itself (FileStorage + blobs, 127.0.0.1 only, as
SECURITY.md §10 asks), builds the app on a ``zeo://`` URI, then kills the
server with SIGKILL and starts it again on the same port.  A restarted ZEO
server hands out again the object ids its clients had prefetched; without
``sherloc_portal.zodb._fix_zeo_oid_reuse`` the first transaction that needs
more than the stale batch fails with "A different object already has the
same oid" (STACK-NOTES, Storage).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import webtest

from sherloc_portal import main
from sherloc_portal.resources.folder import Folder, Resource
from sherloc_portal.resources.root import ROOT_KEY
from sherloc_portal.testing import DEMO_PASSWORD, login, make_settings
from sherloc_portal.zodb import run_in_transaction

pytestmark = pytest.mark.zeo

RUNZEO = Path(sys.executable).parent / "runzeo"
#: A ZEO client prefetches new object ids in batches of 100: writing more
#: than that in one transaction crosses into the batch fetched after restart.
BATCH = 150
TEST_KEY = "zeo-test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


class ZEOServer:
    """A ``runzeo`` process on 127.0.0.1 that the test can crash and restart."""

    def __init__(self, root: Path) -> None:
        self.port = _free_port()
        self.log = root / "zeo.log"
        self.config = root / "zeo.conf"
        self.config.write_text(
            "<zeo>\n"
            f"  address 127.0.0.1:{self.port}\n"
            "</zeo>\n"
            "<filestorage>\n"
            f"  path {root / 'Data.fs'}\n"
            f"  blob-dir {root / 'blobs'}\n"
            "</filestorage>\n",
            encoding="utf-8",
        )
        self.process: subprocess.Popen | None = None

    def _accepts(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
        except OSError:
            return False
        return True

    def start(self) -> None:
        assert RUNZEO.exists(), f"{RUNZEO} is missing: is ZEO installed in the venv?"
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [str(RUNZEO), "-C", str(self.config)],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            _wait_until(self._accepts, 15, f"runzeo on port {self.port} ({self.log})")
        except AssertionError:
            self.kill()
            raise

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, no index written."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture(scope="module")
def zeo(tmp_path_factory):
    server = ZEOServer(tmp_path_factory.mktemp("zeo-server"))
    server.start()
    yield server
    server.kill()


@pytest.fixture(scope="module")
def zeo_app(request, zeo, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("zeo-client")
    uri = (
        f"zeo://127.0.0.1:{zeo.port}?blob_dir={tmp / 'blob-cache'}"
        "&shared_blob_dir=false&wait_timeout=20"
    )
    settings = make_settings(
        request.config.getoption("--ini"), tmp, **{"zodbconn.uri": uri}
    )
    app = main({}, **settings)
    registry = app.registry
    try:
        for profile in ("default", "demo"):
            registry.sherloc_installer.install(registry.zodb, profile)
        yield app
    finally:
        registry.zodb.close()


def _testapp(app) -> webtest.TestApp:
    return webtest.TestApp(
        app, extra_environ={"HTTP_HOST": "localhost", "REMOTE_ADDR": "127.0.0.1"}
    )


def _add_items(prefix: str, count: int):
    def add(zodb_root):
        folder = zodb_root.get(TEST_KEY)
        if folder is None:
            folder = zodb_root[TEST_KEY] = Folder()
        for i in range(count):
            folder.add(f"{prefix}-{i}", Resource())

    return add


def _count(prefix: str):
    def count(zodb_root):
        folder = zodb_root.get(TEST_KEY, {})
        return sum(1 for name in folder if name.startswith(prefix + "-"))

    return count


def test_installs_and_serves_over_zeo(zeo_app):
    testapp = _testapp(zeo_app)
    assert testapp.get("/").status_int == 200
    login(testapp, "admin", DEMO_PASSWORD)
    assert testapp.get("/").status_int == 200


def test_recovers_and_writes_after_server_crash(zeo, zeo_app):
    db = zeo_app.registry.zodb
    testapp = _testapp(zeo_app)
    run_in_transaction(db, _add_items("before", 3), note="before the crash")
    assert testapp.get("/").status_int == 200

    zeo.kill()
    zeo.start()
    _wait_until(db.storage.is_connected, 20, "the ZEO client to reconnect")

    # More new objects than one prefetched batch, in one transaction each.
    for round_ in range(2):
        run_in_transaction(
            db, _add_items(f"after{round_}", BATCH), note="after the crash"
        )
    assert testapp.get("/").status_int == 200
    login(testapp, "admin", DEMO_PASSWORD)
    assert run_in_transaction(db, _count("before")) == 3
    assert run_in_transaction(db, _count("after0")) == BATCH
    assert run_in_transaction(db, _count("after1")) == BATCH
    assert ROOT_KEY in run_in_transaction(db, lambda root: list(root.keys()))
