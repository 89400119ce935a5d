"""The cycle's pages in a browser: the meter, the phase in Arabic, the public status."""

from __future__ import annotations

import pytest

from .conftest import log_in

pytestmark = pytest.mark.browser


def _switch(page, language: str) -> None:
    switcher = page.locator("form[action$='/language']")
    switcher.locator("select[name=language]").select_option(language)
    with page.expect_navigation():
        switcher.locator("[type=submit]").click()


def test_a_focal_point_reads_its_phase_right_to_left(live_server, page):
    log_in(page, live_server, "focal-ken")  # Kenya is in group 1 of the demo draw
    page.goto(f"{live_server}/review/countries/KEN/phase-1")
    _switch(page, "ar")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.locator("#days-left").is_visible()
    current = page.locator("#workflow li[aria-current=step]")
    assert current.count() == 1 and current.inner_text() != "Self-assessment"


def test_the_cycle_page_shows_the_meter_in_chinese(live_server, page):
    log_in(page, live_server, "secretariat")
    page.goto(f"{live_server}/review/cycle")
    _switch(page, "zh")
    meter = page.locator("tr[data-group='1'] meter")
    assert meter.is_visible() and meter.get_attribute("value") == "0"
    assert page.locator("#open-phase-1 button").is_visible()


def test_the_public_status_needs_no_login(live_server, page):
    page.goto(f"{live_server}/")
    page.get_by_role("link", name="Review status").click()
    assert page.url.endswith("/review/cycle/status")
    assert page.locator("#status-stages td[data-stage=self_assessment]").inner_text()
