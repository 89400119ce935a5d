"""Who reads and who writes in the dialogue's pages (issue 5, ¶33, ¶37, ¶40).

A marker is planted in a message and in a file of Italy's dialogue; a
reader outside the review (another State party's official, an NGO, the
public) is refused every page, file and form and never sees the marker.
An observer of a participating State reads but cannot write; an
additional reviewer reads only its instruments' threads (¶28(b)); the
Secretariat reads everything (¶33).  Every form checks the CSRF token,
under https too.
"""

from __future__ import annotations

import pytest
import webtest

from sherloc_portal.api.testing import add_account
from sherloc_portal.testing import client_as, commit, login
from sherloc_review.dialogue.resources import Topic
from sherloc_review.dialogue.threads import start_thread
from sherloc_review.responses import attachments

MARKER = "wombatmarker"
D = "/review/countries/ITA/phase-1/dialogue"


def _plant(app, portal) -> tuple[int, str]:
    """A thread on the Convention's article 2 holding the marker and a file."""
    dialogue = portal["review"]["countries"]["ITA"].phases[1].dialogue
    stored = attachments.make(
        app.registry, "secret.txt", f"{MARKER} file".encode(), "focal-ita", False
    )
    thread = start_thread(
        dialogue,
        f"{MARKER} on article 2",
        Topic("UNTOC", "2"),
        f"{MARKER} text",
        portal["users"]["focal-ita"],
        files=(stored,),
    )
    commit(portal)
    return thread.number, stored.id


def _outsider(portal) -> str:
    """A State party's focal point that neither is nor reviews Italy."""
    taken = set(portal["review"]["countries"]["ITA"].participants)
    return next(
        f"focal-{iso3.lower()}"
        for iso3 in ("FRA", "DEU", "BRA", "JPN", "ZAF")
        if iso3 not in taken
    )


def _token(client) -> str:
    """The CSRF token of the client's session (the language form has it)."""
    page = client.get("/")
    return page.html.find("input", attrs={"name": "csrf_token"})["value"]


def _refused(response) -> bool:
    return response.status_int in (401, 403, 404) or (
        response.status_int in (302, 303) and "login" in response.location
    )


def _reads(client, number: int, file_id: str) -> dict:
    return {
        "index": client.get(D, expect_errors=True),
        "thread": client.get(f"{D}/{number}", expect_errors=True),
        "file": client.get(f"{D}/{number}/file/{file_id}", expect_errors=True),
        "versions": client.get(f"{D}/{number}/versions/1", expect_errors=True),
        "decide": client.get(f"{D}/decide", expect_errors=True),
        "decide-thread": client.get(f"{D}/{number}/decide", expect_errors=True),
        "correct": client.get(f"{D}/{number}/correct/1", expect_errors=True),
    }


def _writes(client, number: int) -> dict:
    token = _token(client)
    forms = {
        "start": ("start", {"title": "t", "topic": "general", "text": "x"}),
        "record": (
            "record",
            {
                "title": "t",
                "held_on": "2027-01-01",
                "kind": "call",
                "participants": "p",
                "text": "x",
            },
        ),
        "reply": (f"{number}/reply", {"text": "x"}),
        "correct": (f"{number}/correct/1", {"text": "x", "base": "1"}),
        "read": (f"{number}/read", {"upto": "1"}),
        "decide": ("decide", {"level": "public"}),
        "decide-thread": (f"{number}/decide", {"level": "public"}),
    }
    return {
        name: client.post(
            f"{D}/{path}", {"csrf_token": token, **fields}, expect_errors=True
        )
        for name, (path, fields) in forms.items()
    }


@pytest.mark.parametrize("who", ["outsider", "ngo-demo", None])
def test_a_reader_outside_the_review_is_refused_everything(app, db, portal, who):
    number, file_id = _plant(app, portal)
    login_name = _outsider(portal) if who == "outsider" else who
    client = client_as(app, login_name)
    for name, response in {
        **_reads(client, number, file_id),
        **_writes(client, number),
    }.items():
        assert _refused(response), (name, response.status)
        assert MARKER not in response.text, name
    commit(portal)
    dialogue = portal["review"]["countries"]["ITA"].phases[1].dialogue
    assert dialogue.count() == 3 and dialogue.decisions == ()
    assert dialogue[str(number)].count() == 1


@pytest.mark.parametrize("who", ["focal-prt", "expert-syr", "secretariat"])
def test_the_participants_and_the_secretariat_read_the_thread_and_file(
    app, db, portal, who
):
    number, file_id = _plant(app, portal)
    seen = _reads(client_as(app, who), number, file_id)
    for name in ("index", "thread", "file", "versions"):
        assert seen[name].status_int == 200, name
        assert MARKER in seen[name].text, name
    # Only the focal point of the State under review decides (¶40, ¶41).
    assert _refused(seen["decide"]) and _refused(seen["decide-thread"])


def test_an_additional_reviewer_reads_only_its_instruments_threads(app, db, portal):
    number, file_id = _plant(app, portal)
    client = client_as(app, "focal-omn")  # the Firearms Protocol only
    seen = _reads(client, number, file_id)
    assert seen["index"].status_int == 200
    assert MARKER not in seen["index"].text
    for name in ("thread", "file", "versions"):
        assert _refused(seen[name]), name
    assert client.get(f"{D}/1").status_int == 200  # a general thread


def test_an_observer_reads_but_cannot_write(app, db, portal):
    number, file_id = _plant(app, portal)
    add_account(
        portal, app.registry, "observer-ita", state="ITA", state_role="observer"
    )
    client = client_as(app, "observer-ita")
    seen = _reads(client, number, file_id)
    for name in ("index", "thread", "file", "versions"):
        assert seen[name].status_int == 200, name
    assert "thread-form" not in seen["index"].forms
    assert "record-form" not in seen["index"].forms
    assert "reply-form" not in seen["thread"].forms
    assert _refused(seen["decide"]) and _refused(seen["correct"])
    written = _writes(client, number)
    for name in ("start", "record", "reply", "correct", "decide", "decide-thread"):
        assert written[name].status_int == 403, name
    # Marking what one has read is not writing in the dialogue.
    assert written["read"].status_int == 303
    commit(portal)
    dialogue = portal["review"]["countries"]["ITA"].phases[1].dialogue
    assert dialogue.count() == 3 and dialogue[str(number)].count() == 1


def test_a_file_not_in_the_thread_is_not_found(app, db, portal):
    number, file_id = _plant(app, portal)
    client = client_as(app, "focal-prt")
    client.get(f"{D}/1/file/{file_id}", status=404)  # it is thread 3's
    client.get(f"{D}/{number}/file/nope", status=404)
    client.get(f"{D}/{number}/file", status=404)


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("start", {"title": "t", "topic": "general", "text": "x"}),
        ("1/reply", {"text": "x"}),
        ("1/read", {"upto": "2"}),
        ("1/correct/1", {"text": "x", "base": "1"}),
        ("decide", {"level": "public"}),
    ],
)
def test_every_form_checks_the_csrf_token_under_https(app, db, portal, path, fields):
    client = webtest.TestApp(
        app,
        extra_environ={
            "wsgi.url_scheme": "https",
            "HTTP_HOST": "localhost",
            "REMOTE_ADDR": "10.0.0.1",
        },
    )
    login(client, "focal-ita")
    client.post(f"{D}/{path}", fields, status=400)
    client.post(f"{D}/{path}", {**fields, "csrf_token": "forged"}, status=400)
    commit(portal)
    dialogue = portal["review"]["countries"]["ITA"].phases[1].dialogue
    assert dialogue.count() == 2 and dialogue["1"].count() == 2
    assert dialogue.level == "participants"
    assert dialogue["1"].read_marks["focal-ita"] == 1


@pytest.mark.parametrize("path", [D, f"{D}/1", f"{D}/1/versions/1"])
def test_dialogue_pages_are_kept_by_no_cache(app, db, path):
    response = client_as(app, "focal-ita").get(path)
    assert response.headers["Cache-Control"] == "private, no-store"


SUPERSCRIPT_TWO = "%C2%B2"  # "²": str.isdigit() says yes, int() says no


@pytest.mark.parametrize(
    "path",
    [
        f"{D}/{SUPERSCRIPT_TWO}",
        f"{D}/1/versions/{SUPERSCRIPT_TWO}",
        f"{D}/1/correct/{SUPERSCRIPT_TWO}",
        "/review/countries/ITA/phase-1/feedback/PRT/history/" + SUPERSCRIPT_TWO,
        f"/api/v1/reviews/ITA/phases/1/threads/{SUPERSCRIPT_TWO}/messages",
    ],
)
def test_a_number_int_refuses_is_not_found_not_a_traceback(app, db, path):
    client_as(app, "focal-ita").get(path, status=404)


def test_a_reply_link_naming_no_number_is_ignored(app, db):
    page = client_as(app, "focal-ita").get(f"{D}/1?reply_to={SUPERSCRIPT_TWO}")
    assert page.status_int == 200


def test_a_thread_cannot_be_started_on_a_withdrawn_feedback_item(app, db, portal):
    from sherloc_portal.forms import ActionRefused
    from sherloc_review.feedback.items import add_item, release, withdraw_item

    italy = portal["review"]["countries"]["ITA"].phases[1]
    syria = italy.feedback["SYR"]
    item = add_item(syria, "UNTOC", "", "question", "withdrawn later", "expert-syr")
    withdraw_item(syria, item.number, base=1)
    release(portal["review"], syria, "focal-syr", italy.opened_on, "k")
    author = portal["users"]["focal-ita"]
    with pytest.raises(ActionRefused):
        start_thread(
            italy.dialogue, "T", Topic(feedback_item=f"SYR/{item.number}"), "x", author
        )


def test_states_parties_reading_an_opened_thread_see_no_corrected_away_text(
    app, db, portal
):
    from sherloc_review.dialogue.threads import correct, decide

    dialogue = portal["review"]["countries"]["ITA"].phases[1].dialogue
    thread = dialogue.threads[1]
    author = portal["users"]["focal-ita"]
    before = thread.messages[1].text  # the demo's first message
    correct(thread, 1, "Corrected: the earlier text is gone", author, base=1)
    decide(dialogue, "states-parties", "focal-ita", thread)
    commit(portal)
    outsider = client_as(app, "focal-fra")
    page = outsider.get(f"{D}/1")
    assert "Corrected: the earlier text is gone" in page.text
    assert before not in page.text
    assert page.html.find(class_="corrected") is None
    outsider.get(f"{D}/1/versions/1", status=403)
    participant = client_as(app, "expert-prt").get(f"{D}/1/versions/1")
    assert before in participant.text


def test_a_quote_of_corrected_away_text_leaves_with_it_for_readers_of_the_current(
    app, db, portal
):
    from sherloc_portal.api.testing import bearer, issue_token
    from sherloc_portal.testing import DEMO_PASSWORD
    from sherloc_review.dialogue.threads import correct, decide, post

    dialogue = portal["review"]["countries"]["ITA"].phases[1].dialogue
    thread = dialogue.threads[1]
    italy, portugal = portal["users"]["focal-ita"], portal["users"]["expert-prt"]
    correct(thread, 1, "We propose WOMBAT-QUOTED-41 as a date.", italy, base=1)
    reply = post(thread, "Noted.", portugal, reply_to=1, quote="WOMBAT-QUOTED-41")
    correct(thread, 1, "We propose a date.", italy, base=2)
    decide(dialogue, "states-parties", "focal-ita", thread)
    commit(portal)
    assert "WOMBAT-QUOTED-41" not in client_as(app, "focal-fra").get(f"{D}/1").text
    assert "WOMBAT-QUOTED-41" in client_as(app, "expert-prt").get(f"{D}/1").text
    api = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    token = issue_token(api, "focal-fra", DEMO_PASSWORD)
    messages = api.get(
        "/api/v1/reviews/ITA/phases/1/threads/1/messages", headers=bearer(token)
    ).json["messages"]
    shown = next(m for m in messages if m["number"] == reply.number)
    assert shown["quote"] == "" and "WOMBAT" not in str(messages)
    assert next(m for m in messages if m["number"] == 1)["corrected"] is False
    focal = client_as(app, "focal-ita")
    form = focal.get(f"{D}/1/decide").forms["decide-form"]
    form["level"] = "public"
    form.submit(status=303)
    public = client_as(app).get("/knowledge/dialogues/ITA-phase-1/1")
    assert "Noted." in public.text and "WOMBAT-QUOTED-41" not in public.text


def test_states_parties_see_the_answer_as_it_stands_not_its_history(app, db, portal):
    from sherloc_review.dialogue.threads import decide
    from sherloc_review.feedback.items import answer

    italy = portal["review"]["countries"]["ITA"].phases[1]
    prt = italy.feedback["PRT"]
    number = next(i.number for i in prt.items.values() if i.is_request)
    answer(prt, number, "First answer WOMBAT-ANSWER-41", "focal-ita", base=0)
    answer(prt, number, "Clean answer", "focal-ita", base=1)
    decide(italy.dialogue, "states-parties", "focal-ita")
    commit(portal)
    history = f"/review/countries/ITA/phase-1/feedback/PRT/history/{number}"
    outsider = client_as(app, "focal-fra").get(history)
    assert "Clean answer" in outsider.text and "WOMBAT-ANSWER-41" not in outsider.text
    assert "WOMBAT-ANSWER-41" in client_as(app, "expert-prt").get(history).text
