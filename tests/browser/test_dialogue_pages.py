"""Reading a thread in a browser marks it read (a POST the page's script
sends; the GET that shows it never writes)."""

from __future__ import annotations

import pytest

from .conftest import log_in

pytestmark = pytest.mark.browser

DIALOGUE = "/review/countries/ITA/phase-1/dialogue"


def test_a_thread_shown_is_marked_read_and_the_list_follows(live_server, page):
    log_in(page, live_server, "expert-ita")
    page.goto(f"{live_server}{DIALOGUE}")
    row = page.locator("[data-thread='1'] .unread")
    assert row.inner_text().strip() == "2"  # the demo's two messages
    page.goto(f"{live_server}{DIALOGUE}/1")
    page.locator("#mark-read-form").wait_for(state="hidden", timeout=10_000)
    assert page.locator("#unread").get_attribute("data-unread") == "0"
    page.goto(f"{live_server}{DIALOGUE}")
    assert page.locator("[data-thread='1'] .unread").inner_text().strip() == "0"
