"""In a real browser: log in, switch to Arabic, and the page reads right to left.

Debian's Chromium is driven by Playwright's Python package (no browser is
ever downloaded: STACK-NOTES, Browser tests); the portal runs in a live
waitress server on 127.0.0.1 over the test's own database (``conftest.py``).
"""

from __future__ import annotations

import pytest

from sherloc_portal.testing import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def test_login_then_arabic_is_right_to_left(live_server, page, tmp_path):
    page.goto(f"{live_server}/login")
    form = page.locator("#login-form")
    form.locator("[name=login]").fill("focal-fra")
    form.locator("[name=password]").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        form.locator("[type=submit]").click()
    assert "/login" not in page.url, "the login form refused focal-fra"
    assert page.evaluate("document.documentElement.dir") != "rtl"

    switcher = page.locator("form[action$='/language']")
    switcher.locator("select[name=language]").select_option("ar")
    with page.expect_navigation():
        switcher.locator("[type=submit]").click()

    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.locator("form[action$='/logout']").count() == 1, "signed out"
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies.get("sherloc_lang") == "ar"
    page.screenshot(path=str(tmp_path / "arabic.png"), full_page=True)
    assert (tmp_path / "arabic.png").stat().st_size > 0
