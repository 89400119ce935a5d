"""The draw's result page in a browser: printed without the site's chrome,
and in Arabic right to left."""

from __future__ import annotations

import pytest

from .conftest import log_in

pytestmark = pytest.mark.browser

HIDDEN = "el => getComputedStyle(el).display === 'none'"


def test_the_result_prints_state_by_state_without_navigation(live_server, page):
    log_in(page, live_server, "focal-ken")
    page.goto(f"{live_server}/review/draws/1")
    nav = page.locator("nav").first
    assert not nav.evaluate(HIDDEN)
    page.emulate_media(media="print")
    assert nav.evaluate(HIDDEN)
    assert page.locator(".language-switcher").first.evaluate(HIDDEN)
    table = page.locator("#reviews")
    assert not table.evaluate(HIDDEN)
    assert page.locator("#reviews tbody tr").count() == 193
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_the_review_page_in_arabic_reads_right_to_left(live_server, page):
    log_in(page, live_server, "focal-fra")
    page.goto(f"{live_server}/review/countries/FRA/")
    switcher = page.locator("form[action$='/language']")
    switcher.locator("select[name=language]").select_option("ar")
    with page.expect_navigation():
        switcher.locator("[type=submit]").click()
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.locator("#reviewers tbody tr").count() >= 2
    heading = page.locator("#reviewers-heading").inner_text()
    assert heading and heading != "Reviewing States", "not translated"
