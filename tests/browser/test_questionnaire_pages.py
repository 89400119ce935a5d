"""Answering in a browser: follow-ups shown by the answer, autosave."""

from __future__ import annotations

import pytest

from .conftest import log_in

pytestmark = pytest.mark.browser

URL = "/review/countries/KEN/phase-1/responses/UNTOC/answer/I-UNTOC-15"


def test_follow_ups_follow_the_closed_answer_and_work_is_saved_alone(live_server, page):
    log_in(page, live_server, "expert-ken")
    page.goto(f"{live_server}{URL}")
    legislation = page.locator("textarea[name=fu_legislation]")
    challenges = page.locator("textarea[name=fu_challenges]")
    assert not legislation.is_visible() and not challenges.is_visible()
    page.locator("input[type=radio][value=yes]").check()
    assert legislation.is_visible() and not challenges.is_visible()
    page.locator("input[type=radio][value=no]").check()
    assert challenges.is_visible() and not legislation.is_visible()
    challenges.fill("Typed in the browser, never saved by hand")
    page.locator("#autosave.saved").wait_for(timeout=10_000)
    page.goto(f"{live_server}/review/countries/KEN/phase-1/responses/UNTOC")
    item = page.locator("#I-UNTOC-15")
    assert "Typed in the browser, never saved by hand" in item.inner_text()


def test_autosave_meeting_another_save_shows_both_texts(live_server, page):
    log_in(page, live_server, "expert-ken")
    page.goto(f"{live_server}{URL}")
    other = page.context.new_page()  # the same question open twice
    other.goto(f"{live_server}{URL}")
    other.locator("textarea[name=text]").fill("Saved first, in the other tab")
    other.locator("#autosave.saved").wait_for(timeout=10_000)
    page.locator("textarea[name=text]").fill("Typed second, in this tab")
    page.locator("#conflict").wait_for(timeout=15_000)
    assert "Saved first, in the other tab" in page.locator("#other-text").inner_text()
    assert page.locator("textarea[name=text]").input_value() == (
        "Typed second, in this tab"
    )
