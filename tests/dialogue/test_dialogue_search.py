"""Search over the dialogue finds only what the searcher may read (¶33, ¶40).

Markers are planted in Italy's phase 1 dialogue (the demo: reviewers PRT,
SYR, and OMN for the Firearms Protocol only) and searched for through the
real page by each kind of reader.
"""

from __future__ import annotations

import pytest

from sherloc_portal.testing import client_as, commit
from sherloc_review.dialogue.resources import STATES_PARTIES, Topic
from sherloc_review.dialogue.search import LIMIT
from sherloc_review.dialogue.threads import correct, decide, post, start_thread

from .conftest import Author

MARKER = "numbatsearch"
SEARCH = "/review/dialogue-search"
ITALY = Author("focal-ita", "ITA")


def _hits(app, who: str | None, query: str, status: int = 200):
    return client_as(app, who).get(SEARCH, params={"q": query}, status=status)


def _found(response, text: str) -> bool:
    """``text`` among the hits (the page echoes the query in its field)."""
    return 'id="hits"' in response.text and text in response.text.replace(
        f'value="{text}"', ""
    )


def _general(dialogue, text: str):
    return start_thread(dialogue, "Practical questions", Topic(), text, ITALY)


def test_participants_and_the_secretariat_find_a_message(app, portal, dialogue):
    thread = _general(dialogue, f"Our {MARKER} is ready.")
    commit(portal)
    for who in ("focal-ita", "expert-prt", "focal-syr", "focal-omn", "secretariat"):
        response = _hits(app, who, MARKER)
        assert _found(response, f"Our {MARKER} is ready."), who
        assert f"/dialogue/{thread.number}/?page=1#m1" in response.text


@pytest.mark.parametrize("who", ["focal-fra", "expert-deu", "admin"])
def test_a_reader_outside_the_review_finds_nothing(app, portal, dialogue, who):
    _general(dialogue, f"Our {MARKER} is ready.")
    commit(portal)
    response = _hits(app, who, MARKER)
    assert 'id="no-hits"' in response.text
    assert not _found(response, MARKER)


def test_ngo_and_anonymous_are_refused_the_page(app, portal, dialogue):
    _general(dialogue, f"Our {MARKER} is ready.")
    commit(portal)
    assert not _found(_hits(app, "ngo-demo", MARKER, status=403), MARKER)
    anonymous = _hits(app, None, MARKER, status=303)
    assert "/login" in anonymous.location


def test_an_additional_reviewer_finds_only_its_instruments_threads(
    app, portal, dialogue
):
    start_thread(dialogue, "On UNTOC", Topic("UNTOC"), f"untoc {MARKER}", ITALY)
    commit(portal)
    assert _found(_hits(app, "focal-syr", MARKER), f"untoc {MARKER}")
    assert not _found(_hits(app, "focal-omn", MARKER), MARKER)


def test_a_thread_opened_to_all_states_parties_is_found_by_their_officials(
    app, portal, dialogue
):
    thread = _general(dialogue, f"Opened {MARKER}.")
    _general(dialogue, f"Closed {MARKER}.")
    decide(dialogue, STATES_PARTIES, "focal-ita", thread)
    commit(portal)
    response = _hits(app, "focal-fra", MARKER)
    assert _found(response, f"Opened {MARKER}.")
    assert f"Closed {MARKER}." not in response.text
    assert not _found(_hits(app, "ngo-demo", MARKER, status=403), MARKER)


def test_a_word_corrected_away_no_longer_finds_the_message(app, portal, dialogue):
    thread = _general(dialogue, f"The {MARKER}old wording.")
    correct(thread, 1, f"The {MARKER}new wording.", ITALY, 1)
    commit(portal)
    assert not _found(_hits(app, "focal-ita", f"{MARKER}old"), f"{MARKER}old")
    assert _found(_hits(app, "focal-ita", f"{MARKER}new"), f"{MARKER}new wording")


def test_chinese_text_is_found_by_a_phrase_without_spaces(app, portal, dialogue):
    _general(dialogue, "关于反腐败措施的说明")
    commit(portal)
    assert _found(_hits(app, "expert-prt", "腐败措施"), "关于反腐败措施的说明")
    assert not _found(_hits(app, "expert-prt", "措施腐败"), "关于反腐败措施的说明")


def test_a_thread_is_found_by_its_title(app, portal, dialogue):
    start_thread(dialogue, f"Schedule {MARKER}", Topic(), "Dates follow.", ITALY)
    commit(portal)
    assert _found(_hits(app, "focal-ita", MARKER), f"Schedule {MARKER}")


def test_too_many_results_ask_for_a_narrower_search(app, portal, dialogue):
    thread = _general(dialogue, f"{MARKER} 0")
    for number in range(LIMIT):
        post(thread, f"{MARKER} {number + 1}", ITALY)
    commit(portal)
    response = _hits(app, "focal-ita", MARKER)
    assert response.text.count('class="excerpt"') == LIMIT
    assert "add words to narrow the search" in response.text
