"""The dialogue made public (¶41): anyone reads a copy of what was chosen.

Italy's phase 1 of the demo, with markers planted: thread 1 (general, two
demo messages) gets a public message with a file; thread 3 is started with
a secret marker and file and is never made public; Syria's written
feedback, still a draft, carries a draft marker.  The focal point of Italy
decides through the decision form; anonymous readers go only to
``/knowledge/dialogues``.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sherloc_portal.testing import client_as, commit, csrf_token
from sherloc_review.dialogue import public_views
from sherloc_review.dialogue.publish import refresh_after_post
from sherloc_review.dialogue.resources import Topic
from sherloc_review.dialogue.threads import post, start_thread
from sherloc_review.feedback.items import add_item
from sherloc_review.responses import attachments

DIALOGUE = "/review/countries/ITA/phase-1/dialogue"
PUBLIC = "/knowledge/dialogues"
REVIEW = f"{PUBLIC}/ITA-phase-1"
PUBLIC_TEXT = "PUBLIC-DIALOGUE-MARKER-41"
PUBLIC_BYTES = b"PUBLIC-DIALOGUE-FILE-41"
SECRET_TEXT = "SECRET-THREAD-MARKER-41"
SECRET_TITLE = "SECRET-THREAD-TITLE-41"
SECRET_FILENAME = "secret-annex-41.txt"
DRAFT_TEXT = "DRAFT-FEEDBACK-MARKER-41"
LATER_TEXT = "POSTED-AFTER-PUBLICATION-41"
LOGINS = ("focal-ita", "expert-ita", "expert-prt", "focal-prt", "expert-syr")


@pytest.fixture
def planted(app, portal):
    """Thread 1 with a public message and file, secret thread 3, a draft."""
    dialogue = portal["review"]["countries"]["ITA"].phases[1].dialogue
    italy = portal["users"]["expert-ita"]
    shared = attachments.make(
        app.registry, "annex.txt", PUBLIC_BYTES, italy.login, False
    )
    post(dialogue.threads[1], PUBLIC_TEXT, italy, reply_to=2, files=(shared,))
    kept = attachments.make(
        app.registry, SECRET_FILENAME, b"secret bytes", italy.login, False
    )
    start_thread(dialogue, SECRET_TITLE, Topic(), SECRET_TEXT, italy, files=(kept,))
    syria = dialogue.phase.feedback["SYR"]
    add_item(syria, syria.instruments[0], "", "challenge", DRAFT_TEXT, "expert-syr")
    commit(portal)
    return SimpleNamespace(dialogue=dialogue, shared=shared.id, kept=kept.id)


def _decide(app, level: str, thread: int | None = None, who: str = "focal-ita"):
    """Decide through the page's form (its version token included); one
    who may not decide posts by hand and is refused."""
    client = client_as(app, who)
    path = f"{DIALOGUE}/{thread}/decide" if thread else f"{DIALOGUE}/decide"
    page = client.get(path, expect_errors=True)
    if page.status_int != 200:
        sent = {"csrf_token": csrf_token(client), "level": level, "seen": "0"}
        return client.post(path, sent, expect_errors=True)
    form = page.forms["decide-form"]
    form["level"] = level
    return form.submit(expect_errors=True)


def _public_pages(client, *extra: str) -> list:
    paths = ["/", "/knowledge", PUBLIC, REVIEW, f"{REVIEW}/1", *extra]
    return [client.get(path) for path in paths]


def test_a_thread_made_public_is_read_by_anyone_from_its_copy(app, db, planted):
    assert _decide(app, "public", 1).status_int == 303
    anonymous = client_as(app)
    listing = anonymous.get(PUBLIC)
    assert listing.html.find(attrs={"data-review": "ITA-phase-1"}) is not None
    review = anonymous.get(REVIEW)
    threads = review.html.find(id="threads").find_all(attrs={"data-thread": True})
    assert [t["data-thread"] for t in threads] == ["1"]
    page = anonymous.get(f"{REVIEW}/1")
    messages = page.html.find(id="messages").find_all(class_="message")
    assert len(messages) == 3 and PUBLIC_TEXT in messages[2].text
    assert [m.find(attrs={"data-party": True})["data-party"] for m in messages] == [
        "ITA",
        "PRT",
        "ITA",
    ]
    assert "Italy" in messages[2].text and "In reply to message 2" in messages[2].text
    assert page.html.find(id="copy-note") is not None
    download = anonymous.get(f"{REVIEW}/1/file/{planted.shared}")
    assert download.body == PUBLIC_BYTES
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download.headers["Content-Security-Policy"]
    for other in ("2", "3", "99", "x"):
        anonymous.get(f"{REVIEW}/{other}", status=404)
    anonymous.get(f"{REVIEW}/1/file/{planted.kept}", status=404)
    anonymous.get(f"{REVIEW}/1/file", status=404)


def test_the_public_pages_name_parties_never_logins(app, db, planted):
    _decide(app, "public")
    anonymous = client_as(app)
    for page in _public_pages(anonymous, f"{REVIEW}/2", f"{REVIEW}/3"):
        for login in LOGINS:
            assert login not in page.text, (login, page.request.path)


def test_the_review_itself_stays_closed_to_outsiders(app, db, planted):
    _decide(app, "public", 1)
    for who in (None, "ngo-demo"):
        client = client_as(app, who)
        for path in (f"{DIALOGUE}/1", DIALOGUE, f"{DIALOGUE}/1/file/{planted.shared}"):
            response = client.get(path, expect_errors=True)
            assert response.status_int in (303, 403, 404), (who, path)
            assert PUBLIC_TEXT not in response.text and PUBLIC_BYTES not in (
                response.body
            )


def test_going_back_to_the_participants_withdraws_the_copy(app, db, portal, planted):
    _decide(app, "public", 1)
    assert _decide(app, "participants", 1).status_int == 303
    anonymous = client_as(app)
    gone = anonymous.get(f"{REVIEW}/1", status=410)
    assert PUBLIC_TEXT not in gone.text and gone.html.find(id="withdrawn")
    anonymous.get(f"{REVIEW}/1/file/{planted.shared}", status=410)
    anonymous.get(REVIEW, status=410)
    listing = anonymous.get(PUBLIC)
    assert listing.html.find(attrs={"data-review": "ITA-phase-1"}) is None
    assert listing.html.find(id="no-dialogues") is not None
    commit(portal)
    copy = portal["knowledge"]["dialogues"]["ITA-phase-1"]["1"]
    assert copy.withdrawn and copy.periods[0].messages == 3


def test_the_whole_dialogue_public_copies_every_thread_and_released_feedback(
    app, db, portal, planted
):
    assert _decide(app, "public").status_int == 303
    anonymous = client_as(app)
    review = anonymous.get(REVIEW)
    threads = review.html.find(id="threads").find_all(attrs={"data-thread": True})
    assert [t["data-thread"] for t in threads] == ["1", "2", "3"]
    feedback = review.html.find(id="feedback")
    assert [a["data-reviewer"] for a in feedback.find_all("article")] == ["PRT"]
    released = portal["review"]["countries"]["ITA"].phases[1].feedback["PRT"]
    for item in released.live_items():
        assert item.text in feedback.text
    assert SECRET_TEXT in anonymous.get(f"{REVIEW}/3").text  # the whole is public
    record = anonymous.get(f"{REVIEW}/2").html.find(id="record-facts")
    assert "Videoconference" in record.text
    for page in _public_pages(anonymous, f"{REVIEW}/2", f"{REVIEW}/3"):
        assert DRAFT_TEXT not in page.text, page.request.path


def test_a_message_posted_after_publication_appears_after_refresh(
    app, db, portal, planted
):
    _decide(app, "public", 1)
    anonymous = client_as(app)
    commit(portal)
    thread = planted.dialogue.threads[1]
    message = post(thread, LATER_TEXT, portal["users"]["expert-prt"])
    commit(portal)
    assert LATER_TEXT not in anonymous.get(f"{REVIEW}/1").text
    refresh_after_post(None, thread, message)
    commit(portal)
    page = anonymous.get(f"{REVIEW}/1")
    [last] = page.html.find(id="messages").find_all(class_="message")[-1:]
    assert LATER_TEXT in last.text and last["data-message"] == "4"


def test_a_marker_in_a_thread_never_public_reaches_no_public_page(app, db, planted):
    _decide(app, "public", 1)
    _decide(app, "states-parties", 3)
    for who in (None, "ngo-demo", "focal-fra"):
        client = client_as(app, who)
        for page in _public_pages(client):
            for marker in (SECRET_TEXT, SECRET_TITLE, SECRET_FILENAME, DRAFT_TEXT):
                assert marker not in page.text, (who, marker, page.request.path)
        client.get(f"{REVIEW}/3", status=404)


def test_reading_the_public_pages_never_writes(app, db, planted):
    _decide(app, "public")
    before = db.lastTransaction()
    anonymous = client_as(app)
    _public_pages(anonymous, f"{REVIEW}/2", f"{REVIEW}/1?page=2", f"{PUBLIC}?page=x")
    anonymous.get(f"{REVIEW}/1/file/{planted.shared}")
    anonymous.head(f"{REVIEW}/1")
    assert db.lastTransaction() == before


@pytest.mark.parametrize("who", [None, "ngo-demo", "focal-fra", "expert-ita"])
def test_nobody_changes_a_copy_through_the_public_pages(app, db, planted, who):
    _decide(app, "public", 1)
    client = client_as(app, who)
    token = csrf_token(client)
    for path in (PUBLIC, REVIEW, f"{REVIEW}/1", f"{REVIEW}/1/file/{planted.shared}"):
        client.post(path, {"csrf_token": token}, status=404)
    assert PUBLIC_TEXT in client.get(f"{REVIEW}/1").text


@pytest.mark.parametrize("who", [None, "ngo-demo", "focal-fra", "expert-ita"])
def test_only_the_focal_point_of_the_state_under_review_publishes(app, db, who):
    response = _decide(app, "public", 1, who=who)
    if who is None:
        assert response.status_int == 303 and "/login" in response.location
    else:
        assert response.status_int == 403
    client_as(app).get(REVIEW, status=404)


def test_a_long_thread_is_read_a_page_at_a_time(app, db, portal, planted, monkeypatch):
    monkeypatch.setattr(public_views, "MESSAGES_PAGE_SIZE", 2)
    _decide(app, "public", 1)
    anonymous = client_as(app)
    first = anonymous.get(f"{REVIEW}/1")
    numbers = [m["data-message"] for m in first.html.find_all(class_="message")]
    assert numbers == ["1", "2"]
    second = anonymous.get(first.html.find("a", rel="next")["href"])
    [last] = second.html.find_all(class_="message")
    assert last["data-message"] == "3" and PUBLIC_TEXT in last.text
    reply = last.find("a", class_="reply-to")
    assert reply["href"].endswith("/ITA-phase-1/1/#message-2")


def test_a_reply_posted_through_the_thread_page_reaches_the_copy(app, db, planted):
    _decide(app, "public", 1)
    form = client_as(app, "expert-prt").get(f"{DIALOGUE}/1").forms["reply-form"]
    form["text"] = LATER_TEXT
    form.submit(status=303)
    page = client_as(app).get(f"{REVIEW}/1")
    [last] = page.html.find(id="messages").find_all(class_="message")[-1:]
    assert LATER_TEXT in last.text and last.find(attrs={"data-party": "PRT"})


def test_an_answer_given_after_the_whole_dialogue_went_public_reaches_the_copy(
    app, db, portal, planted
):
    assert _decide(app, "public").status_int == 303
    prt = planted.dialogue.phase.feedback["PRT"]
    number = next(i.number for i in prt.items.values() if i.is_request)
    answering = f"/review/countries/ITA/phase-1/feedback/PRT/answer/{number}"
    form = client_as(app, "focal-ita").get(answering).forms["answer"]
    form["text"] = "ANSWER-AFTER-PUBLICATION-41"
    form.submit("save", status=303)
    assert "ANSWER-AFTER-PUBLICATION-41" in client_as(app).get(REVIEW).text
