"""Threads and messages: numbering, replies, corrections, read marks, rules."""

from __future__ import annotations

from datetime import date

import pytest

from sherloc_portal.forms import ActionRefused
from sherloc_review.dialogue.resources import RecordDetails, Topic
from sherloc_review.dialogue.threads import (
    correct,
    decide,
    mark_read,
    post,
    start_thread,
)
from sherloc_review.versioned import MAX_TEXT, Stale

from .conftest import Author

ITA = Author("focal-ita", "ITA")
PRT = Author("expert-prt", "PRT")
SECRETARIAT = Author("secretariat")


def test_a_thread_numbers_its_messages_and_counts_them(dialogue):
    thread = start_thread(dialogue, "  Next  steps ", Topic(), "first", ITA)
    assert thread.number == 3 and dialogue["3"] is thread
    assert thread.title == "Next steps"
    reply = post(thread, "second", PRT, reply_to=1, quote="first")
    assert (reply.number, reply.reply_to, reply.quote) == (2, 1, "first")
    assert reply.author_party == "PRT"
    assert post(thread, "third", SECRETARIAT).author_party == "secretariat"
    assert thread.count() == 3 and list(thread.messages) == [1, 2, 3]


def test_unread_counts_follow_read_marks(dialogue):
    thread = start_thread(dialogue, "Dates", Topic(), "one", ITA)
    post(thread, "two", PRT)
    assert thread.unread("focal-ita") == 1  # its own first message is read
    assert thread.unread("expert-prt") == 0  # writing in a thread is reading it
    assert thread.unread("secretariat") == 2
    mark_read(thread, "secretariat", 99)
    assert thread.unread("secretariat") == 0
    mark_read(thread, "secretariat", 1)  # never goes back
    assert thread.read_marks["secretariat"] == 2


def test_a_correction_keeps_every_version_and_only_the_author_corrects(dialogue):
    thread = dialogue.threads[1]
    message = thread.messages[1]
    author = Author(message.author, "ITA")
    before = message.text
    correct(thread, 1, "Corrected text", author, base=1)
    assert message.text == "Corrected text" and message.corrected
    assert [v.text for v in message.versions] == [before, "Corrected text"]
    with pytest.raises(Stale) as stale:
        correct(thread, 1, "Another", author, base=1)
    assert stale.value.current.text == "Corrected text"
    with pytest.raises(ActionRefused):
        correct(thread, 1, "Not mine", PRT, base=2)
    with pytest.raises(KeyError):
        correct(thread, 99, "x", author, base=0)


def test_rules_of_the_data_are_refused_naming_the_field(dialogue):
    def refused(field, func, *args, **kw):
        with pytest.raises(ActionRefused) as err:
            func(*args, **kw)
        assert err.value.field == field

    refused("title", start_thread, dialogue, " ", Topic(), "text", ITA)
    refused("title", start_thread, dialogue, "x" * 201, Topic(), "text", ITA)
    refused("text", start_thread, dialogue, "Title", Topic(), "  ", ITA)
    refused("text", start_thread, dialogue, "Title", Topic(), "x" * (MAX_TEXT + 1), ITA)
    refused("text", start_thread, dialogue, "Title", Topic(), "a\ud800b", ITA)
    refused("instrument", start_thread, dialogue, "T", Topic("NOPE"), "text", ITA)
    refused("article", start_thread, dialogue, "T", Topic("UNTOC", "999"), "text", ITA)
    refused("instrument", start_thread, dialogue, "T", Topic("", "5"), "text", ITA)
    refused(
        "feedback_item",
        start_thread,
        dialogue,
        "T",
        Topic(feedback_item="SYR/1"),
        "x",
        ITA,
    )
    thread = dialogue.threads[1]
    refused("reply_to", post, thread, "text", PRT, reply_to=42)
    refused("quote", post, thread, "text", PRT, reply_to=1, quote="never said")
    refused("quote", post, thread, "text", PRT, quote="no reply")
    record = RecordDetails(date(2026, 1, 5), "party", "ITA, PRT")
    refused(
        "kind", start_thread, dialogue, "Call", Topic(), "minutes", ITA, record=record
    )
    record = RecordDetails(date(2026, 1, 5), "call", "  ")
    refused(
        "participants", start_thread, dialogue, "C", Topic(), "m", ITA, record=record
    )
    refused("level", decide, dialogue, "everyone", "focal-ita")
    refused("level", decide, dialogue, "participants", "focal-ita")
    assert dialogue.count() == 2  # nothing refused was kept


def test_a_thread_on_a_released_feedback_item_takes_its_instrument(dialogue, italy):
    thread = start_thread(dialogue, "On item 2", Topic(feedback_item="PRT/2"), "x", ITA)
    item = italy.feedback["PRT"].items[2]
    assert thread.topic == Topic(item.instrument, item.article, "PRT/2")


def test_a_concluded_phase_takes_nothing_more(dialogue, italy):
    italy.state = "concluded"
    with pytest.raises(ActionRefused):
        post(dialogue.threads[1], "late", PRT)
    with pytest.raises(ActionRefused):
        start_thread(dialogue, "Late", Topic(), "late", PRT)
    assert dialogue.threads[1].count() == 2


def test_decisions_are_recorded_and_seen_on_the_thread(dialogue):
    first = dialogue.threads[1]
    decide(dialogue, "states-parties", "focal-ita", first)
    decide(dialogue, "public", "focal-ita")
    assert first.effective_level == "public"
    assert dialogue.threads[2].effective_level == "public"
    assert [(d.level, d.thread) for d in dialogue.decisions_for(1)] == [
        ("states-parties", 1),
        ("public", 0),
    ]
    assert [d.thread for d in dialogue.decisions_for(2)] == [0]
    decide(dialogue, "participants", "focal-ita")
    assert first.effective_level == "states-parties"
    assert dialogue.widened == {1}


def test_the_dialogues_running_totals_match_the_threads_marks(dialogue):
    thread = start_thread(dialogue, "Totals", Topic(), "one", ITA)
    post(thread, "two", PRT)
    post(dialogue.threads[1], "three", SECRETARIAT)
    for login in ("focal-ita", "expert-prt", "secretariat", "nobody"):
        by_thread = sum(t.unread(login) for t in dialogue.threads.values())
        assert dialogue.unread_everywhere(login) == by_thread, login
    mark_read(dialogue.threads[2], "secretariat", 1)
    mark_read(thread, "focal-ita", 2)
    mark_read(thread, "focal-ita", 1)  # never back
    for login in ("focal-ita", "secretariat"):
        by_thread = sum(t.unread(login) for t in dialogue.threads.values())
        assert dialogue.unread_everywhere(login) == by_thread, login


def test_a_thread_is_never_narrower_than_the_whole_dialogue(dialogue):
    decide(dialogue, "public", "focal-ita")
    with pytest.raises(ActionRefused) as refused:
        decide(dialogue, "participants", "focal-ita", dialogue.threads[1])
    assert refused.value.field == "level"
    assert dialogue.threads[1].effective_level == "public"


def test_a_decision_carries_the_decisions_it_saw(dialogue):
    thread = dialogue.threads[1]
    first = decide(dialogue, "states-parties", "focal-ita", thread, seen=0)
    # The same form sent again (a lost answer, a double click): the same act.
    assert decide(dialogue, "states-parties", "focal-ita", thread, seen=0) is first
    assert len(dialogue.decisions) == 1
    # Another focal point's form, shown before that decision: refused.
    with pytest.raises(ActionRefused) as stale:
        decide(dialogue, "participants", "other-focal-ita", thread, seen=0)
    assert stale.value.field == "level" and thread.level == "states-parties"
    decide(dialogue, "participants", "focal-ita", thread, seen=1)
    assert thread.level == "participants"
