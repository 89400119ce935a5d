"""The public copies of the dialogue (¶41): a copy of what the State chose.

Italy's phase 1 of the demo: a general thread (1, two messages, ITA then
PRT) and a record (2); PRT released its feedback, SYR still drafts.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from pyramid.authorization import Allow, Authenticated, Everyone
from pyramid.testing import DummyRequest

from sherloc_portal.forms import ActionRefused
from sherloc_portal.testing import commit
from sherloc_review.dialogue.publish import (
    PublishedMessage,
    dialogues_folder,
    refresh_after_post,
    refresh_feedback,
    sync,
)
from sherloc_review.dialogue.resources import (
    PARTICIPANTS,
    PUBLIC,
    STATES_PARTIES,
    Topic,
)
from sherloc_review.dialogue.threads import correct, decide, post, start_thread
from sherloc_review.feedback.items import add_item, answer, release, withdraw_item
from sherloc_review.responses import attachments
from sherloc_review.responses.publish import public_acl

from .conftest import Author

ITA = Author("focal-ita", "ITA")
PRT = Author("expert-prt", "PRT")
LOGINS = ("focal-ita", "expert-prt", "expert-syr", "focal-prt", "unodc-officer")
REQUEST = DummyRequest()


def _file(app, name: str, data: bytes):
    return attachments.make(app.registry, name, data, "focal-ita", False)


def _published(portal):
    return portal["knowledge"].get("dialogues")


def _copy(portal, number: int):
    return _published(portal)["ITA-phase-1"][str(number)]


def _make_public(dialogue, thread=None, level=PUBLIC):
    decide(dialogue, level, "focal-ita", thread)
    sync(REQUEST, dialogue)


def _writes(portal) -> list:
    return list(portal._p_jar._registered_objects)


def test_nothing_is_created_until_something_is_public(portal, dialogue):
    sync(REQUEST, dialogue)
    _make_public(dialogue, level=STATES_PARTIES)
    _make_public(dialogue, dialogue.threads[1], level=STATES_PARTIES)
    assert "ITA-phase-1" not in _published(portal)


def test_a_public_thread_is_copied_with_its_parties_and_files(app, portal, dialogue):
    thread = dialogue.threads[1]
    annex = _file(app, "annex.txt", b"PUBLIC-BYTES")
    post(thread, "With an annex.", ITA, reply_to=2, files=(annex,))
    _make_public(dialogue, thread)
    review = _published(portal)["ITA-phase-1"]
    assert list(review.live) == [1]
    with pytest.raises(KeyError):
        review["2"]
    copy = review["1"]
    assert (copy.title, copy.topic, copy.copied) == (thread.title, Topic(), 3)
    assert [m.party for m in copy.messages.values()] == ["ITA", "PRT", "ITA"]
    assert copy.messages[3] == PublishedMessage.copy(thread, thread.messages[3])
    assert copy.messages[3].reply_to == 2 and copy.messages[3].files == (annex.id,)
    copied = copy.file(annex.id)
    assert copied.blob is not annex.blob and copied.by == ""
    with copied.blob.open("r") as f:
        assert f.read() == b"PUBLIC-BYTES"
    assert copy.fingerprints == (("annex.txt", annex.sha256),)
    assert review.names["ITA"] == "Italy" and review.state_name == "Italy"


def test_the_copy_holds_no_login(app, portal, dialogue):
    thread = dialogue.threads[1]
    post(thread, "Noted.", Author("unodc-officer"), files=(_file(app, "a.txt", b"x"),))
    _make_public(dialogue, thread)
    copy = _copy(portal, 1)
    values = [v for m in copy.messages.values() for v in dataclasses.astuple(m)]
    values += [f.by for f in copy.files.values()]
    values += [*copy.__dict__.values(), *copy.__parent__.__dict__.values()]
    assert not set(LOGINS) & {v for v in values if isinstance(v, str)}
    assert copy.messages[3].party == "secretariat"


def test_the_copies_are_public_and_the_review_stays_closed(portal, dialogue):
    thread = dialogue.threads[1]
    _make_public(dialogue, thread)
    folder = _published(portal)
    for node in (folder, folder["ITA-phase-1"], _copy(portal, 1)):
        assert node.__acl__() == public_acl()
    for node in (dialogue, thread, dialogue.threads[2]):
        for action, principal, _permissions in node.__acl__():
            assert not (action == Allow and principal in (Everyone, Authenticated))


def test_sync_again_writes_nothing(portal, dialogue):
    _make_public(dialogue, dialogue.threads[1])
    commit(portal)
    sync(REQUEST, dialogue)
    refresh_after_post(REQUEST, dialogue.threads[1])
    refresh_after_post(REQUEST, dialogue.threads[2])
    assert _writes(portal) == []
    post(dialogue.threads[1], "New.", PRT)
    assert _writes(portal)  # the check sees a write


def test_a_post_and_a_correction_are_copied_on_refresh(portal, dialogue):
    thread = dialogue.threads[1]
    _make_public(dialogue, thread)
    made = _copy(portal, 1).refreshed_at
    message = post(thread, "Posted after.", PRT)
    assert _copy(portal, 1).copied == 2  # until refreshed
    refresh_after_post(REQUEST, thread, message)
    assert _copy(portal, 1).messages[3].text == "Posted after."
    correct(thread, 1, "Corrected.", Author(thread.messages[1].author, "ITA"), 1)
    refresh_after_post(REQUEST, thread, thread.messages[1])
    first = _copy(portal, 1).messages[1]
    assert (first.text, first.revision, first.corrected) == ("Corrected.", 2, True)
    assert _copy(portal, 1).refreshed_at >= made


def test_sync_also_copies_corrections_it_was_not_told_of(portal, dialogue):
    thread = dialogue.threads[1]
    _make_public(dialogue, thread)
    correct(thread, 2, "Fixed.", PRT, 1)
    sync(REQUEST, dialogue)
    assert _copy(portal, 1).messages[2].text == "Fixed."


def test_a_thread_no_longer_public_is_withdrawn_and_its_record_kept(
    app, portal, dialogue
):
    thread = dialogue.threads[1]
    post(thread, "Annex.", ITA, files=(_file(app, "annex.txt", b"bytes"),))
    _make_public(dialogue, thread)
    _make_public(dialogue, thread, level=STATES_PARTIES)
    review = _published(portal)["ITA-phase-1"]
    copy = review["1"]
    assert copy.withdrawn and not review.shown and list(review.live) == []
    assert (copy.title, copy.copied, len(copy.messages), len(copy.files)) == (
        "",
        0,
        0,
        0,
    )
    [period] = copy.periods
    assert period.messages == 3 and period.withdrawn_at >= period.published_at
    assert copy.fingerprints[0][0] == "annex.txt"
    # Public again: a fresh copy, the earlier period still on record.
    _make_public(dialogue, thread)
    assert not copy.withdrawn and copy.copied == 3 and len(copy.periods) == 1
    assert copy.title == thread.title


def test_the_whole_dialogue_copies_every_thread_and_released_feedback(
    mechanism, portal, dialogue, italy
):
    syr = italy.feedback["SYR"]
    add_item(syr, syr.instruments[0], "", "challenge", "DRAFT-MARKER", "expert-syr")
    prt = italy.feedback["PRT"]
    request = next(i for i in prt.items.values() if i.is_request)
    answer(prt, request.number, "Our answer.", "focal-ita", 0)
    _make_public(dialogue)
    review = _published(portal)["ITA-phase-1"]
    assert review.whole and list(review.live) == [1, 2]
    [written] = review.feedback
    assert written.reviewer == "PRT" and written.released_on == prt.release.on
    assert [i.number for i in written.items] == [i.number for i in prt.live_items()]
    assert next(i for i in written.items if i.number == request.number).answer == (
        "Our answer."
    )
    assert "DRAFT-MARKER" not in repr(review.feedback)
    # SYR releases (one item withdrawn first) and answers come: refreshed.
    withdrawn = add_item(syr, syr.instruments[0], "", "success", "GONE", "expert-syr")
    withdraw_item(syr, withdrawn.number, 1)
    release(mechanism, syr, "focal-syr", date(2027, 1, 15), "k")
    refresh_feedback(REQUEST, dialogue)
    assert [w.reviewer for w in review.feedback] == ["PRT", "SYR"]
    assert "GONE" not in repr(review.feedback) and "DRAFT-MARKER" in repr(
        review.feedback
    )
    # A thread started later is copied on its first post.
    thread = start_thread(dialogue, "Later", Topic(), "After the decision.", ITA)
    refresh_after_post(REQUEST, thread, thread.messages[1])
    assert review["3"].messages[1].text == "After the decision."
    # Back to the participants: every copy withdrawn, the feedback dropped.
    _make_public(dialogue, level=PARTICIPANTS)
    assert not review.whole and review.feedback == () and not review.shown
    assert all(review[str(n)].withdrawn for n in (1, 2, 3))


def test_a_thread_public_on_its_own_stays_when_the_whole_narrows(portal, dialogue):
    _make_public(dialogue)
    _make_public(dialogue, dialogue.threads[2])
    _make_public(dialogue, level=STATES_PARTIES)
    review = _published(portal)["ITA-phase-1"]
    assert list(review.live) == [2] and review["1"].withdrawn


def test_a_file_that_no_longer_matches_its_fingerprint_is_never_published(
    app, portal, dialogue
):
    thread = dialogue.threads[1]
    tampered = _file(app, "annex.txt", b"bytes")
    tampered.sha256 = "0" * 64
    post(thread, "Annex.", ITA, files=(tampered,))
    decide(dialogue, PUBLIC, "focal-ita", thread)
    with pytest.raises(ActionRefused):
        sync(REQUEST, dialogue)


def test_refresh_after_post_in_a_thread_not_public_writes_nothing(portal, dialogue):
    commit(portal)
    thread = dialogue.threads[1]
    refresh_after_post(REQUEST, thread, thread.messages[1])
    refresh_feedback(REQUEST, dialogue)
    assert _writes(portal) == []
    assert "ITA-phase-1" not in _published(portal)


def test_the_published_folder_is_created_once(portal):
    portal["knowledge"].remove("dialogues")  # a site installed before it
    said = []
    folder = dialogues_folder(portal, lambda *args: said.append(args))
    assert dialogues_folder(portal, lambda *args: said.append(args)) is folder
    assert portal["knowledge"]["dialogues"] is folder
    assert said == [("created the %s' folder", "published dialogues")]
