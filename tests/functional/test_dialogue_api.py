"""The dialogue through the JSON API (issue 5: threads and messages).

Italy's phase 1 of the demo: Italy under review, Portugal and Syria
reviewing, Oman an additional reviewer for the Firearms Protocol only
(¶28(b)); a general thread and a record.  A marker is planted in a thread
on the Convention's article 2; callers outside the review get 403 on every
operation and never see it.  The same permissions as the pages decide.
"""

from __future__ import annotations

import pytest
import webtest

from sherloc_portal.api.testing import add_account, bearer, issue_token
from sherloc_portal.api.validation import MAX_BODY
from sherloc_portal.testing import client_as, commit, csrf_token, login
from sherloc_review.dialogue import notify
from sherloc_review.dialogue.api_schemas import MAX_LIMIT
from sherloc_review.dialogue.resources import STATES_PARTIES, Topic
from sherloc_review.dialogue.threads import decide, post, start_thread
from sherloc_review.responses import attachments
from sherloc_review.versioned import MAX_TEXT

MARKER = "numbatmarker"
THREADS = "/api/v1/reviews/ITA/phases/1/threads"


def _messages(number: int) -> str:
    return f"{THREADS}/{number}/messages"


def _read(number: int) -> str:
    return f"{THREADS}/{number}/read"


def _dialogue(portal):
    return portal["review"]["countries"]["ITA"].phases[1].dialogue


@pytest.fixture
def posted(monkeypatch):
    """The ``(thread, message)`` numbers the API told the notices of."""
    seen = []
    monkeypatch.setattr(
        notify,
        "message_posted",
        lambda request, thread, message: seen.append((thread.number, message.number)),
    )
    return seen


@pytest.fixture
def planted(app, portal):
    """Thread 3, on the Convention's article 2: the marker, and a file."""
    stored = attachments.make(
        app.registry, "secret.txt", f"{MARKER} file".encode(), "focal-ita", False
    )
    thread = start_thread(
        _dialogue(portal),
        f"{MARKER} on article 2",
        Topic("UNTOC", "2"),
        f"{MARKER} text",
        portal["users"]["focal-ita"],
        files=(stored,),
    )
    commit(portal)
    return thread.number


@pytest.fixture
def api(app, db):
    """A client without cookies: it calls with bearer tokens only."""
    return client_as(app)


@pytest.fixture
def headers_of(api):
    """``headers_of(login)``: the headers of a call as ``login`` (or nobody)."""

    def headers(login_name: str | None) -> dict:
        return bearer(issue_token(api, login_name)) if login_name else {}

    return headers


def _outsider(portal) -> str:
    """A State party's focal point that neither is nor reviews Italy."""
    taken = set(portal["review"]["countries"]["ITA"].participants)
    return next(
        f"focal-{iso3.lower()}"
        for iso3 in ("FRA", "DEU", "BRA", "JPN", "ZAF")
        if iso3 not in taken
    )


def _names(response) -> set[str]:
    return {(e["location"], e["name"]) for e in response.json["errors"]}


# -- reading ------------------------------------------------------------------


@pytest.mark.parametrize("who", ["focal-ita", "expert-prt", "secretariat"])
def test_participants_and_the_secretariat_list_threads_and_read_messages(
    api, planted, who, headers_of
):
    headers = headers_of(who)
    listing = api.get(THREADS, headers=headers).json
    assert listing["total"] == 3
    assert listing["secretariat_in_copy"] is True
    assert listing["read_only"] is False
    assert [t["id"] for t in listing["threads"]] == [planted, 2, 1]
    thread = listing["threads"][0]
    assert thread["title"] == f"{MARKER} on article 2"
    assert thread["topic"] == {
        "instrument": "UNTOC",
        "article": "2",
        "feedback_item": "",
    }
    assert thread["record"] is None
    assert thread["messages"] == 1
    assert thread["unread"] == (0 if who == "focal-ita" else 1)
    assert thread["level"] == "participants"
    assert thread["created_by"] == "focal-ita"
    assert thread["last_at"].endswith("Z") and thread["created_at"].endswith("Z")
    record = listing["threads"][1]["record"]
    assert record["kind"] == "videoconference" and len(record["held_on"]) == 10

    messages = api.get(_messages(planted), headers=headers).json
    assert messages["total"] == 1
    [first] = messages["messages"]
    assert first["number"] == 1 and first["author"] == "focal-ita"
    assert first["party"] == "ITA" and first["text"] == f"{MARKER} text"
    assert first["versions"] == 1 and first["corrected"] is False
    assert first["reply_to"] is None and first["quote"] == ""
    [attached] = first["files"]
    assert attached["filename"] == "secret.txt"
    assert attached["size"] == len(f"{MARKER} file")
    assert attached["content_type"] == "text/plain"
    assert len(attached["sha256"]) == 64
    # The address is the thread's file view, which the same token opens.
    assert attached["url"].endswith(
        f"/review/countries/ITA/phase-1/dialogue/{planted}/file/{attached['id']}"
    )
    download = api.get(attached["url"], headers=headers)
    assert download.body == f"{MARKER} file".encode()
    assert download.headers["Content-Disposition"].startswith("attachment;")


def test_reading_moves_no_read_mark_until_asked(api, portal, planted, headers_of):
    headers = headers_of("expert-prt")
    api.get(_messages(planted), headers=headers)
    api.get(THREADS, headers=headers)
    listing = api.get(THREADS, headers=headers).json
    assert listing["threads"][0]["unread"] == 1
    assert api.get(_messages(planted), headers=headers).json["read_upto"] == 0
    mark = api.post_json(_read(planted), {"upto": 5}, headers=headers).json
    assert mark == {"read_upto": 1, "unread": 0}
    # A mark never goes back.
    mark = api.post_json(_read(planted), {"upto": 0}, headers=headers).json
    assert mark == {"read_upto": 1, "unread": 0}
    assert api.get(THREADS, headers=headers).json["threads"][0]["unread"] == 0


def test_a_long_thread_is_listed_a_page_at_a_time(api, portal, headers_of):
    author = portal["users"]["expert-prt"]
    thread = start_thread(_dialogue(portal), "A long one", Topic(), "message 1", author)
    for number in range(2, 121):
        post(thread, f"message {number}", author)
    commit(portal)
    headers = headers_of("focal-ita")
    url = _messages(thread.number)

    def numbers(**params) -> list[int]:
        answer = api.get(url, params=params, headers=headers).json
        assert answer["total"] == 120
        return [m["number"] for m in answer["messages"]]

    assert numbers() == list(range(1, 51))
    assert numbers(after=50) == list(range(51, 101))
    assert numbers(after=100) == list(range(101, 121))
    assert numbers(after=10, limit=3) == [11, 12, 13]
    assert numbers(after=120) == []
    assert numbers(after=10**9) == []
    assert numbers(after=100, limit=MAX_LIMIT) == list(range(101, 121))
    for bad in ({"limit": MAX_LIMIT + 1}, {"limit": 0}, {"after": -1}):
        response = api.get(url, params=bad, headers=headers, status=400)
        assert {name for _loc, name in _names(response)} <= {"limit", "after"}
    api.get(url, params={"after": 10**10}, headers=headers, status=400)
    api.get(url, params={"after": "x"}, headers=headers, status=400)


def test_the_threads_are_listed_a_page_at_a_time(api, portal, headers_of):
    author = portal["users"]["expert-prt"]
    for number in range(30):
        start_thread(_dialogue(portal), f"Thread {number}", Topic(), "text", author)
    commit(portal)
    headers = headers_of("secretariat")

    def ids(**params) -> list[int]:
        answer = api.get(THREADS, params=params, headers=headers).json
        assert answer["total"] == 32
        return [t["id"] for t in answer["threads"]]

    assert ids() == list(range(32, 7, -1))
    assert ids(page=2) == list(range(7, 0, -1))
    assert ids(page=2, limit=10) == list(range(22, 12, -1))
    assert ids(start=30, limit=10) == [2, 1]
    assert ids(page=99) == []
    response = api.get(
        THREADS, params={"page": 1, "start": 0}, headers=headers, status=400
    )
    assert ("querystring", "") in _names(response)
    api.get(THREADS, params={"limit": MAX_LIMIT + 1}, headers=headers, status=400)
    api.get(THREADS, params={"page": 0}, headers=headers, status=400)


# -- writing ------------------------------------------------------------------


def test_a_participant_starts_a_thread_and_another_replies(
    api, portal, posted, headers_of
):
    reviewer = headers_of("expert-prt")
    started = api.post_json(
        THREADS,
        {
            "title": "Article 5 in practice",
            "text": "How do the courts apply article 5?",
            "topic": {"instrument": "UNTOC", "article": "5"},
        },
        headers=reviewer,
        status=201,
    )
    thread = started.json["thread"]
    assert thread["id"] == 3
    assert thread["topic"]["article"] == "5"
    assert thread["messages"] == 1 and thread["unread"] == 0
    assert started.json["message"]["text"] == "How do the courts apply article 5?"
    assert started.json["message"]["party"] == "PRT"
    assert started.location.endswith(f"{THREADS}/3/messages")
    assert posted == [(3, 1)]

    italy = headers_of("focal-ita")
    reply = api.post_json(
        _messages(3),
        {"text": "As the report says.", "reply_to": 1, "quote": "the courts"},
        headers=italy,
        status=201,
    ).json
    assert reply["number"] == 2 and reply["reply_to"] == 1
    assert reply["quote"] == "the courts" and reply["party"] == "ITA"
    assert posted == [(3, 1), (3, 2)]
    listing = api.get(THREADS, headers=reviewer).json
    assert listing["threads"][0]["messages"] == 2
    assert listing["threads"][0]["unread"] == 1
    commit(portal)  # see the requests' commits
    stored = _dialogue(portal)["3"]
    assert stored.count() == 2 and stored.messages[2].author == "focal-ita"


def test_a_record_of_dialogue_held_elsewhere_is_filed(api, posted, headers_of):
    answer = api.post_json(
        THREADS,
        {
            "title": "Call of 10 January",
            "text": "Minutes: the parties agreed on the next steps.",
            "record": {
                "held_on": "2027-01-10",
                "kind": "call",
                "participants": "ITA, PRT",
            },
        },
        headers=headers_of("focal-ita"),
        status=201,
    ).json
    assert answer["thread"]["record"] == {
        "held_on": "2027-01-10",
        "kind": "call",
        "participants": "ITA, PRT",
    }
    assert answer["message"]["text"].startswith("Minutes:")
    assert posted == [(3, 1)]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": 5, "text": "x"}, "title"),
        ({"title": "t", "text": ["x"]}, "text"),
        ({"title": "t"}, "text"),
        ({"title": "t", "text": "x", "topic": "UNTOC"}, "topic"),
        ({"title": "t", "text": "x", "topic": {"instrument": 1}}, "topic.instrument"),
        ({"title": "t", "text": "x", "topic": {"colour": "red"}}, "topic"),
        ({"title": "t", "text": "x", "colour": "red"}, ""),
        (
            {
                "title": "t",
                "text": "x",
                "record": {"held_on": 20270110, "kind": "call", "participants": "p"},
            },
            "record.held_on",
        ),
        (
            {
                "title": "t",
                "text": "x",
                "record": {
                    "held_on": "2027-13-01",
                    "kind": "call",
                    "participants": "p",
                },
            },
            "record.held_on",
        ),
        (
            {
                "title": "t",
                "text": "x",
                "record": {
                    "held_on": "2027-01-10",
                    "kind": "lunch",
                    "participants": "p",
                },
            },
            "record.kind",
        ),
        # The acts' own refusals name the field too.
        ({"title": "  ", "text": "x"}, "title"),
        ({"title": "t", "text": "   "}, "text"),
        (
            {"title": "t", "text": "x", "topic": {"instrument": "XYZ"}},
            "topic.instrument",
        ),
        (
            {
                "title": "t",
                "text": "x",
                "topic": {"instrument": "UNTOC", "article": "999"},
            },
            "topic.article",
        ),
        ({"title": "t", "text": "x", "topic": {"article": "5"}}, "topic.instrument"),
        (
            {"title": "t", "text": "x", "topic": {"feedback_item": "PRT/99"}},
            "topic.feedback_item",
        ),
        (
            {
                "title": "t",
                "text": "x",
                "record": {
                    "held_on": "2027-01-10",
                    "kind": "call",
                    "participants": " ",
                },
            },
            "record.participants",
        ),
    ],
)
def test_a_bad_thread_is_refused_naming_the_field(
    api, portal, posted, body, field, headers_of
):
    response = api.post_json(THREADS, body, headers=headers_of("focal-ita"), status=400)
    assert response.json["status"] == "error"
    names = {name for _location, name in _names(response)}
    assert field in names, names
    commit(portal)
    assert _dialogue(portal).count() == 2 and not posted


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": 5}, "text"),
        ({"text": "x", "reply_to": "1"}, "reply_to"),
        ({"text": "x", "reply_to": True}, "reply_to"),
        ({"text": "x", "reply_to": 1.5}, "reply_to"),
        ({"text": "x", "reply_to": -1}, "reply_to"),
        ({"text": "x", "reply_to": 99}, "reply_to"),
        ({"text": "x", "reply_to": 2**40}, "reply_to"),
        ({"text": "x", "quote": "We propose"}, "quote"),
        ({"text": "x", "reply_to": 1, "quote": "not in it"}, "quote"),
        ({"text": "x\ud800"}, "text"),
        ({"text": "x" * (MAX_TEXT + 1)}, "text"),
        ({"text": "x", "files": []}, ""),
    ],
)
def test_a_bad_message_is_refused_naming_the_field(
    api, portal, posted, body, field, headers_of
):
    response = api.post_json(
        _messages(1), body, headers=headers_of("focal-ita"), status=400
    )
    names = {name for _location, name in _names(response)}
    assert field in names, names
    commit(portal)
    assert _dialogue(portal)["1"].count() == 2 and not posted


@pytest.mark.parametrize("upto", ["1", 1.5, True, -1, None])
def test_a_bad_read_mark_is_refused(api, upto, headers_of):
    response = api.post_json(
        _read(1), {"upto": upto}, headers=headers_of("focal-ita"), status=400
    )
    assert ("body", "upto") in _names(response)


def test_an_oversized_body_is_refused_unread(api, headers_of):
    response = api.post(
        _messages(1),
        b'{"text": "' + b"x" * MAX_BODY + b'"}',
        content_type="application/json",
        headers=headers_of("focal-ita"),
        status=413,
    )
    # pyramid_retry copied the body to a temporary file nobody closes.
    response.request.environ["wsgi.input"].close()


# -- who may do what ------------------------------------------------------------


def _everything(api, headers: dict, number: int) -> dict:
    return {
        "list": api.get(THREADS, headers=headers, expect_errors=True),
        "messages": api.get(_messages(number), headers=headers, expect_errors=True),
        "start": api.post_json(
            THREADS, {"title": "t", "text": "x"}, headers=headers, expect_errors=True
        ),
        "reply": api.post_json(
            _messages(number), {"text": "x"}, headers=headers, expect_errors=True
        ),
        "read": api.post_json(
            _read(number), {"upto": 1}, headers=headers, expect_errors=True
        ),
    }


@pytest.mark.parametrize("who", ["outsider", "ngo-demo", None])
def test_a_caller_outside_the_review_gets_nothing(
    api, portal, planted, posted, who, headers_of
):
    login_name = _outsider(portal) if who == "outsider" else who
    headers = headers_of(login_name)
    for name, response in _everything(api, headers, planted).items():
        assert response.status_int in (401, 403), (name, response.status)
        assert response.json["status"] == "error"
        assert MARKER not in response.text, name
    # A thread that does not exist is answered alike: nothing is revealed.
    missing = api.get(_messages(999), headers=headers, expect_errors=True)
    assert missing.status_int == 403
    assert MARKER not in missing.text
    commit(portal)
    dialogue = _dialogue(portal)
    assert dialogue.count() == 3 and dialogue[str(planted)].count() == 1
    assert not dialogue[str(planted)].read_marks.get(login_name or "", 0)
    assert not posted


def test_a_participant_is_told_a_missing_thread_is_not_found(api, headers_of):
    headers = headers_of("focal-ita")
    api.get(_messages(999), headers=headers, status=404)
    api.post_json(_messages(999), {"text": "x"}, headers=headers, status=404)
    api.get(f"{THREADS}/abc/messages", headers=headers, status=404)
    api.get("/api/v1/reviews/ITA/phases/9/threads", headers=headers, status=404)


def test_an_observer_reads_but_cannot_write(app, api, portal, planted, headers_of):
    add_account(
        portal, app.registry, "observer-ita", state="ITA", state_role="observer"
    )
    seen = _everything(api, headers_of("observer-ita"), planted)
    assert seen["list"].status_int == 200 and seen["messages"].status_int == 200
    assert seen["start"].status_int == 403 and seen["reply"].status_int == 403
    # Marking what one has read is not writing in the dialogue.
    assert seen["read"].status_int == 200
    commit(portal)
    assert _dialogue(portal).count() == 3


def test_an_additional_reviewer_reads_and_starts_only_on_its_instruments(
    api, portal, planted, headers_of
):
    headers = headers_of("focal-omn")  # the Firearms Protocol only
    listing = api.get(THREADS, headers=headers).json
    assert [t["id"] for t in listing["threads"]] == [2, 1]
    assert MARKER not in str(listing)
    api.get(_messages(planted), headers=headers, status=403)
    api.post_json(_messages(planted), {"text": "x"}, headers=headers, status=403)
    refused = api.post_json(
        THREADS,
        {"title": "t", "text": "x", "topic": {"instrument": "UNTOC"}},
        headers=headers,
        status=400,
    )
    assert ("body", "topic.instrument") in _names(refused)
    api.post_json(
        THREADS,
        {"title": "t", "text": "x", "topic": {"instrument": "FIREARMS"}},
        headers=headers,
        status=201,
    )


def test_a_concluded_phase_refuses_every_post(api, portal, posted, headers_of):
    portal["review"]["countries"]["ITA"].phases[1].state = "concluded"
    commit(portal)
    headers = headers_of("focal-ita")
    listing = api.get(THREADS, headers=headers).json
    assert listing["read_only"] is True and listing["total"] == 2
    api.get(_messages(1), headers=headers, status=200)
    api.post_json(THREADS, {"title": "t", "text": "x"}, headers=headers, status=403)
    api.post_json(_messages(1), {"text": "x"}, headers=headers, status=403)
    # The archive's readers keep their own read marks.
    api.post_json(_read(1), {"upto": 2}, headers=headers, status=200)
    assert not posted


def test_opening_one_thread_to_all_states_parties_shows_that_thread_only(
    api, portal, planted, headers_of
):
    dialogue = _dialogue(portal)
    decide(dialogue, STATES_PARTIES, "focal-ita", dialogue[str(planted)])
    commit(portal)
    outsider = headers_of(_outsider(portal))
    listing = api.get(THREADS, headers=outsider).json
    assert [t["id"] for t in listing["threads"]] == [planted]
    assert listing["total"] == 1
    assert listing["threads"][0]["level"] == STATES_PARTIES
    messages = api.get(_messages(planted), headers=outsider).json
    assert messages["messages"][0]["text"] == f"{MARKER} text"
    api.get(_messages(1), headers=outsider, status=403)
    # Reading is all they may do (¶40).
    api.post_json(_messages(planted), {"text": "x"}, headers=outsider, status=403)
    api.post_json(THREADS, {"title": "t", "text": "x"}, headers=outsider, status=403)
    # The NGO and the public still get nothing.
    api.get(THREADS, headers=headers_of("ngo-demo"), status=403)
    api.get(_messages(planted), status=403)


# -- CSRF -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "body"),
    [
        (THREADS, {"title": "t", "text": "x"}),
        (_messages(1), {"text": "x"}),
        (_read(1), {"upto": 1}),
    ],
)
def test_a_cookie_session_must_send_the_csrf_token(app, db, portal, path, body):
    client = webtest.TestApp(
        app,
        extra_environ={
            "wsgi.url_scheme": "https",
            "HTTP_HOST": "localhost",
            "REMOTE_ADDR": "10.0.0.1",
        },
    )
    login(client, "focal-ita")
    refused = client.post_json(path, body, status=400)
    assert refused.json["errors"][0]["name"] == "X-CSRF-Token"
    client.post_json(path, body, headers={"X-CSRF-Token": "forged"}, status=400)
    # A bearer token does not exempt a request that also carries the cookie.
    token = issue_token(client_as(app), "focal-ita")
    client.post_json(path, body, headers=bearer(token), status=400)
    accepted = client.post_json(
        path,
        body,
        headers={"X-CSRF-Token": csrf_token(client), "Origin": "https://localhost"},
    )
    assert accepted.status_int in (200, 201)
    commit(portal)
    assert _dialogue(portal).count() == (3 if path == THREADS else 2)
