"""The summary's live word counter counts as the server does (¶38)."""

from __future__ import annotations

import pytest

from sherloc_portal.testing import commit
from sherloc_review.outcomes.words import count_words

from .conftest import log_in

pytestmark = pytest.mark.browser

SUMMARY = "/review/countries/JOR/phase-1/observations/summary"
SAMPLE = (
    "State's non-punitive review. مُرَاجَعَة تَنْفِيذ 缔约国审议机制 Обзор - x "
    "1,500 words, 3.5 pages, inter\u00adnational non\u2011punitive \u200bword"
)


@pytest.fixture
def drafting(portal):
    summary = portal["review"]["countries"]["JOR"].phases[1].observations.summary
    summary.agreed, summary.approvals = None, ()
    summary.translations.clear()
    commit(portal)
    return summary


def test_the_counter_agrees_with_the_server_and_warns_past_the_limit(
    live_server, page, drafting
):
    log_in(page, live_server, "expert-fra")
    page.goto(f"{live_server}{SUMMARY}")
    for kind in ("practice", "suggestion", "assistance"):
        page.fill(f"#summary-{kind}", "")
    page.fill("#summary-gap", SAMPLE)
    counter = page.locator("#word-count")
    assert counter.get_attribute("data-count") == str(count_words(SAMPLE))
    assert str(count_words(SAMPLE)) in counter.inner_text()
    assert "over" not in (counter.get_attribute("class") or "")
    page.fill("#summary-practice", "word " * 1500)
    assert counter.get_attribute("data-count") == str(count_words(SAMPLE) + 1500)
    assert "over" in counter.get_attribute("class")
