"""Fixtures of the browser tests: a live server and a page in Debian's Chromium.

Playwright's Python package drives ``/usr/bin/chromium``; no browser is ever
downloaded (STACK-NOTES, Browser tests).
"""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
from webtest.http import StopableWSGIServer

from sherloc_portal.testing import DEMO_PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Milliseconds Playwright waits for a page or an element.
TIMEOUT = 15_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, timeout: float = 10) -> None:
    """Until the port accepts (webtest's ``wait()`` leaks its probe socket)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise AssertionError(f"no live server on 127.0.0.1:{port}") from None
            time.sleep(0.05)


@pytest.fixture
def live_server(app, db):
    """The session app (with this test's database) served on 127.0.0.1."""
    port = _free_port()
    server = StopableWSGIServer.create(app, host="127.0.0.1", port=port)
    _wait_for(port)
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


@pytest.fixture
def page():
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's Chromium "
            "(apt-get install chromium fonts-wqy-microhei, as `make test` does); "
            "never `playwright install`."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(locale="en-GB")
        context.set_default_timeout(TIMEOUT)
        yield context.new_page()
        context.close()
        browser.close()


def log_in(page, base: str, who: str) -> None:
    page.goto(f"{base}/login")
    form = page.locator("#login-form")
    form.locator("[name=login]").fill(who)
    form.locator("[name=password]").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        form.locator("[type=submit]").click()
    assert "/login" not in page.url, f"the login form refused {who}"
