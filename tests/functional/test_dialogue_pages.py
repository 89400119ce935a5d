"""The dialogue through its pages (issue 5, ¶33, ¶35, ¶36, ¶40, ¶41).

Italy's phase 1 of the demo: Italy (``focal-ita``, ``expert-ita``) under
review, Portugal reviewing every instrument, Syria all but the Firearms
Protocol, Oman (an additional reviewer) the Firearms Protocol only; a
general thread (two messages) and the record of a videoconference.
"""

from __future__ import annotations

import pytest

from sherloc_portal.testing import client_as, commit
from sherloc_review.dialogue import notify, publish
from sherloc_review.dialogue.resources import Topic
from sherloc_review.dialogue.thread_views import PAGE_SIZE
from sherloc_review.dialogue.threads import post, start_thread
from sherloc_review.dialogue.views import PAGE_SIZE as THREADS_PER_PAGE

D = "/review/countries/ITA/phase-1/dialogue"
PDF = b"%PDF-1.4\n% minutes of the meeting\n"


@pytest.fixture
def posted(monkeypatch):
    """The ``(thread, message)`` numbers the pages told the notices of."""
    seen = []
    monkeypatch.setattr(
        notify,
        "message_posted",
        lambda request, thread, message: seen.append((thread.number, message.number)),
    )
    return seen


def _dialogue(portal):
    return portal["review"]["countries"]["ITA"].phases[1].dialogue


def _user(portal, login):
    return portal["users"][login]


def _rows(page) -> dict[str, object]:
    table = page.html.find(id="threads")
    rows = table.find_all("tr", attrs={"data-thread": True}) if table else []
    return {row["data-thread"]: row for row in rows}


def _start(client, title="Criminalisation in practice", topic="a:UNTOC:2", **extra):
    form = client.get(D).forms["thread-form"]
    form["title"] = title
    form["topic"].force_value(topic)
    form["text"] = extra.pop("text", "How are the courts applying article 2?")
    for name, value in extra.items():
        form[name] = value
    return form.submit(expect_errors=True)


def test_a_participant_starts_a_thread_on_an_article_with_a_pdf(
    app, db, portal, posted
):
    focal = client_as(app, "focal-ita")
    page = _start(focal, files=[("law.pdf", PDF, "application/pdf")]).follow()
    assert page.html.find("h1").text == "Criminalisation in practice"
    assert page.html.find(id="topic").text == "UNTOC, article 2"
    link = page.html.find(id="m1").find("a", href=lambda h: h and "/file/" in h)
    assert link.text == "law.pdf"
    download = focal.get(link["href"])
    assert download.body.startswith(b"%PDF-1.4")
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert posted == [(3, 1)]
    # Listed first, with its topic; read by its author, unread by the others.
    rows = _rows(focal.get(D))
    assert list(rows) == ["3", "2", "1"]
    assert rows["3"].find(class_="topic").text == "UNTOC, article 2"
    assert rows["3"].find(class_="unread")["data-unread"] == "0"
    assert rows["3"].find(class_="level")["data-level"] == "participants"
    reviewer = _rows(client_as(app, "expert-prt").get(D))
    assert reviewer["3"].find(class_="unread")["data-unread"] == "1"
    assert reviewer["3"].find(class_="count").text == "1"


def test_the_index_says_the_secretariat_is_in_copy(app, db):
    page = client_as(app, "expert-prt").get(D)
    assert "¶33" in page.html.find(id="secretariat-copy").text
    assert page.html.find(id="export-link")["href"].endswith("/dialogue/export")
    assert page.html.find(id="search-form")["action"].endswith("/dialogue-search")
    assert page.html.find(id="read-only") is None
    assert "¶36" in page.html.find(id="threads").find(attrs={"data-thread": "2"}).text


def test_a_thread_on_a_released_feedback_item_names_it(app, db, portal):
    focal = client_as(app, "focal-ita")
    choices = [v for v, *_r in focal.get(D).forms["thread-form"]["topic"].options]
    assert "f:PRT/2" in choices
    assert not any(c.startswith("f:SYR/") for c in choices)  # still a draft
    page = _start(focal, title="Your request", topic="f:PRT/2").follow()
    assert "PRT/2" in page.html.find(id="topic").text


def test_a_reply_quotes_the_message_it_answers(app, db, portal, posted):
    expert = client_as(app, "expert-prt")
    page = expert.get(f"{D}/1?reply_to=1")
    form = page.forms["reply-form"]
    assert form["reply_to"].value == "1"
    form["quote"] = "hold a videoconference"
    form["text"] = "Either date suits us."
    form["files"] = [("dates.pdf", PDF, "application/pdf")]
    page = form.submit().follow()
    message = page.html.find(id="m3")
    assert message.find(class_="quote").text.strip() == "hold a videoconference"
    assert message.find(class_="reply-to").find("a")["href"] == "#m1"
    assert "Either date suits us." in message.find(class_="message-text").text
    assert message.find(class_="party").text == "PRT"
    assert posted == [(1, 3)]
    commit(portal)
    thread = _dialogue(portal)["1"]
    stored = thread.messages[3]
    assert (stored.author, stored.reply_to) == ("expert-prt", 1)
    assert [thread.files[f].filename for f in stored.files] == ["dates.pdf"]


def test_another_participant_sees_the_unread_count_then_marks_read(app, db, portal):
    post(_dialogue(portal)["1"], "A third message", _user(portal, "expert-prt"))
    commit(portal)
    focal = client_as(app, "focal-ita")
    assert _rows(focal.get(D))["1"].find(class_="unread")["data-unread"] == "2"
    page = focal.get(f"{D}/1")
    assert page.html.find(id="unread")["data-unread"] == "2"
    form = page.forms["mark-read-form"]
    assert form["upto"].value == "3"
    form.submit().follow()
    assert _rows(focal.get(D))["1"].find(class_="unread")["data-unread"] == "0"
    assert "mark-read-form" not in focal.get(f"{D}/1").forms


def test_the_pages_script_marks_read_in_json(app, db, portal):
    expert = client_as(app, "expert-ita")
    page = expert.get(f"{D}/1")
    assert page.html.find("script", src=lambda s: s and "dialogue.js" in s)
    fields = dict(page.forms["mark-read-form"].submit_fields())
    answer = expert.post(
        f"{D}/1/read", fields, headers={"Accept": "application/json"}, status=200
    )
    assert answer.json == {"unread": 0}
    commit(portal)
    assert _dialogue(portal)["1"].read_marks["expert-ita"] == 2
    # Garbled, it is refused; beyond the last message, it stops there.
    expert.post(
        f"{D}/1/read",
        {**fields, "upto": "x"},
        headers={"Accept": "application/json"},
        status=400,
    )
    expert.post(f"{D}/1/read", {**fields, "upto": "999"}, status=303)
    commit(portal)
    assert _dialogue(portal)["1"].read_marks["expert-ita"] == 2


def test_the_author_corrects_and_the_old_version_stays_visible(app, db, portal):
    focal = client_as(app, "focal-ita")
    page = focal.get(f"{D}/1")
    link = page.html.find(id="m1").find(class_="correct-link")
    form = focal.get(link["href"]).forms["correct-form"]
    assert form["text"].value.startswith("We propose")
    form["text"] = "We propose a videoconference on 3 March."
    page = form.submit().follow()
    message = page.html.find(id="m1")
    assert message["data-corrected"] == "yes"
    assert "3 March" in message.find(class_="message-text").text
    versions = focal.get(message.find(class_="corrected")["href"])
    items = versions.html.find(id="versions").find_all("li")
    assert [i["data-version"] for i in items] == ["1", "2"]
    assert "next month" in items[0].text and "3 March" in items[1].text
    # Another reader sees the mark and the versions too.
    reader = client_as(app, "expert-prt").get(f"{D}/1")
    assert reader.html.find(id="m1")["data-corrected"] == "yes"
    assert reader.html.find(id="m1").find(class_="correct-link") is None


def test_only_the_author_may_correct(app, db, portal):
    expert = client_as(app, "expert-prt")
    expert.get(f"{D}/1/correct/1", status=403)
    token = expert.get(f"{D}/1").forms["reply-form"]["csrf_token"].value
    expert.post(
        f"{D}/1/correct/1",
        {"csrf_token": token, "text": "Hijacked", "base": "1"},
        status=403,
    )
    expert.get(f"{D}/1/correct/9", status=404)
    commit(portal)
    assert _dialogue(portal)["1"].messages[1].revision == 1


def test_a_stale_correction_shows_both_texts(app, db, portal):
    focal = client_as(app, "focal-ita")
    first = focal.get(f"{D}/1/correct/1").forms["correct-form"]
    second = focal.get(f"{D}/1/correct/1").forms["correct-form"]
    first["text"] = "The text of the first window."
    first.submit(status=303)
    second["text"] = "The text of the second window."
    page = second.submit(status=409)
    assert "first window" in page.html.find(id="other-text").text
    form = page.forms["correct-form"]
    assert form["text"].value == "The text of the second window."
    assert form["base"].value == "2"
    form.submit(status=303)
    commit(portal)
    texts = [v.text for v in _dialogue(portal)["1"].messages[1].versions]
    assert texts[1:] == [
        "The text of the first window.",
        "The text of the second window.",
    ]


def test_a_record_of_dialogue_held_elsewhere_joins_the_archive(app, db, portal, posted):
    focal = client_as(app, "focal-ita")
    form = focal.get(D).forms["record-form"]
    form["title"] = "Meeting at the session"
    form["held_on"] = "2027-01-10"
    form["kind"] = "meeting"
    form["participants"] = "ITA, PRT, SYR, Secretariat"
    form["text"] = "Minutes: the parties agreed on the next steps."
    form["files"] = [("minutes.pdf", PDF, "application/pdf")]
    page = form.submit().follow()
    assert page.html.find(id="held-on").text == "2027-01-10"
    assert page.html.find(id="record-kind")["data-kind"] == "meeting"
    assert "SYR" in page.html.find(id="record-participants").text
    assert "Minutes:" in page.html.find(id="m1").text
    assert posted == [(3, 1)]
    topic = _rows(client_as(app, "secretariat").get(D))["3"].find(class_="topic")
    assert "Meeting" in topic.text and "2027-01-10" in topic.text


def test_a_long_thread_is_shown_a_page_at_a_time(app, db, portal):
    dialogue = _dialogue(portal)
    author = _user(portal, "expert-prt")
    thread = start_thread(dialogue, "A long one", Topic(), "message 1", author)
    for number in range(2, 121):
        post(thread, f"message {number}", author)
    thread.read_marks["focal-ita"] = 70
    commit(portal)

    def numbers(page):
        return [int(li["data-number"]) for li in page.html.find_all(class_="message")]

    url = f"{D}/{thread.number}"
    # Opened at the first unread message's page; the script marks that page.
    page = client_as(app, "focal-ita").get(url)
    assert numbers(page) == list(range(PAGE_SIZE + 1, 2 * PAGE_SIZE + 1))
    assert page.forms["mark-read-form"]["upto"].value == str(2 * PAGE_SIZE)
    # With nothing read, the first page; with everything read, the last.
    expert = client_as(app, "expert-ita")
    assert numbers(expert.get(url)) == list(range(1, PAGE_SIZE + 1))
    assert numbers(client_as(app, "expert-prt").get(url)) == list(range(101, 121))
    last = expert.get(f"{url}?page=3")
    assert numbers(last) == list(range(101, 121))
    assert last.html.find("a", rel="prev")["href"].endswith("page=2")
    assert numbers(expert.get(f"{url}?page=99")) == list(range(101, 121))
    assert numbers(expert.get(f"{url}?page=abc")) == list(range(1, PAGE_SIZE + 1))
    # A reply to a message on another page links to that page.
    post(thread, "late answer", author, reply_to=3)
    commit(portal)
    reply = expert.get(f"{url}?page=3").html.find(id="m121")
    assert reply.find(class_="reply-to").find("a")["href"].endswith("page=1#m3")


def test_the_index_is_paged(app, db, portal):
    dialogue = _dialogue(portal)
    author = _user(portal, "expert-prt")
    for number in range(THREADS_PER_PAGE + 5):
        start_thread(dialogue, f"Thread {number}", Topic(), "text", author)
    commit(portal)
    client = client_as(app, "secretariat")
    first = _rows(client.get(D))
    assert len(first) == THREADS_PER_PAGE
    assert list(first) == [str(n) for n in range(THREADS_PER_PAGE + 7, 7, -1)]
    second = _rows(client.get(f"{D}?page=2"))
    assert list(second) == [str(n) for n in range(7, 0, -1)]


def _error(page, form: str, field: str) -> str:
    found = page.html.find(id=f"error-{form}-{field}")
    assert found is not None, page.html.find_all(class_="error")
    return found.text


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"title": "x" * 201}, "title", "200"),
        ({"title": "   "}, "title", "title"),
        ({"topic": "a:UNTOC:999"}, "topic", "article"),
        ({"topic": "a:NOPE:2"}, "topic", "instrument"),
        ({"topic": "f:PRT/99"}, "topic", "feedback"),
        ({"topic": "garbage"}, "topic", "about"),
        ({"text": " \n "}, "text", "Write"),
        (
            {"files": [("run.pdf", b"MZ\x90\x00\x03\x00", "application/pdf")]},
            "files",
            "not accepted",
        ),
    ],
)
def test_a_thread_refused_says_why_on_its_field(
    app, db, portal, posted, values, field, words
):
    page = _start(client_as(app, "focal-ita"), **values)
    assert page.status_int == 400
    assert words in _error(page, "thread", field)
    form = page.forms["thread-form"]
    assert form["title"].value == values.get("title", "Criminalisation in practice")
    commit(portal)
    assert _dialogue(portal).count() == 2 and not posted


def test_an_additional_reviewer_may_not_start_a_thread_it_could_not_read(
    app, db, portal
):
    client = client_as(app, "focal-omn")  # the Firearms Protocol only (¶28(b))
    choices = [v for v, *_r in client.get(D).forms["thread-form"]["topic"].options]
    assert "i:FIREARMS" in choices
    assert not [c for c in choices if "UNTOC" in c or c.startswith("f:")]
    page = _start(client, topic="a:UNTOC:2")
    assert page.status_int == 400
    assert "does not take part" in _error(page, "thread", "topic")
    commit(portal)
    assert _dialogue(portal).count() == 2


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"text": ""}, "text", "Write"),
        ({"reply_to": "1", "quote": "words nobody wrote"}, "quote", "Quote"),
        ({"reply_to": "7"}, "reply_to", "no such message"),
        ({"reply_to": "-1"}, "reply_to", "0"),
        ({"quote": "We propose"}, "quote", "only the message you reply"),
        (
            {"files": [("notes.txt", b"\x00\x01binary", "text/plain")]},
            "files",
            "notes.txt",
        ),
    ],
)
def test_a_reply_refused_says_why_on_its_field(
    app, db, portal, posted, values, field, words
):
    client = client_as(app, "expert-prt")
    form = client.get(f"{D}/1").forms["reply-form"]
    form["text"] = "A reply"
    for name, value in values.items():
        form[name] = value
    page = form.submit(status=400)
    assert words in _error(page, "reply", field)
    assert page.forms["reply-form"]["text"].value == values.get("text", "A reply")
    commit(portal)
    assert _dialogue(portal)["1"].count() == 2 and not posted


def test_a_record_refused_says_why_on_its_field(app, db, portal):
    client = client_as(app, "focal-ita")
    form = client.get(D).forms["record-form"]
    form["title"] = "Call"
    form["held_on"] = "2027-02-30"
    form["participants"] = "ITA, PRT"
    form["text"] = "Minutes."
    page = form.submit(status=400)
    assert _error(page, "record", "held_on")
    form = page.forms["record-form"]
    form["held_on"] = "2027-02-01"
    form["participants"] = "  "
    page = form.submit(status=400)
    assert "took part" in _error(page, "record", "participants")
    commit(portal)
    assert _dialogue(portal).count() == 2


def test_showing_the_pages_never_writes(app, db, portal):
    thread = _dialogue(portal)["1"]
    message = post(thread, "with a file", _user(portal, "expert-prt"))
    commit(portal)
    focal = client_as(app, "focal-ita")
    before = db.lastTransaction()
    focal.get(D)
    page = focal.get(f"{D}/1")
    assert page.html.find(id="unread")["data-unread"] == "2"
    focal.get(f"{D}/1?page=1&reply_to={message.number}")
    focal.get(f"{D}/1/versions/1")
    focal.get(f"{D}/decide")
    focal.get(f"{D}/1/decide")
    focal.get(f"{D}/1/correct/1")
    focal.head(f"{D}/1")
    assert db.lastTransaction() == before
    assert focal.get(f"{D}/1").html.find(id="unread")["data-unread"] == "2"


def test_the_focal_point_opens_one_thread_to_all_states_parties(
    app, db, portal, monkeypatch
):
    synced = []
    monkeypatch.setattr(publish, "sync", lambda request, d: synced.append(d.level))
    outsider = client_as(app, "focal-fra")
    outsider.get(f"{D}/1", status=403)
    focal = client_as(app, "focal-ita")
    page = focal.get(f"{D}/1")
    form = focal.get(page.html.find(id="decide-link")["href"]).forms["decide-form"]
    form["level"] = "states-parties"
    page = form.submit().follow()
    assert page.html.find(id="thread-level")["data-level"] == "states-parties"
    decision = page.html.find(id="decisions").find("tr", attrs={"data-level": True})
    assert decision["data-level"] == "states-parties"
    assert decision["data-thread"] == "1" and "focal-ita" in decision.text
    assert synced == ["participants"]
    # The other State party's official reads that thread, and only that one.
    assert list(_rows(outsider.get(D))) == ["1"]
    shown = outsider.get(f"{D}/1")
    assert "reply-form" not in shown.forms
    assert shown.html.find(id="decisions").find("tr", attrs={"data-level": True})
    outsider.get(f"{D}/2", status=403)
    # The same decision again is refused, saying so.
    form = focal.get(f"{D}/1/decide").forms["decide-form"]
    form["level"] = "states-parties"
    assert "already" in form.submit(status=400).html.find(id="error-decide").text
    # Narrowed back, the thread closes to it again.
    form["level"] = "participants"
    form.submit(status=303)
    outsider.get(f"{D}/1", status=403)
    outsider.get(D, status=403)


def test_the_whole_dialogue_opened_is_read_by_every_state_party(app, db, portal):
    focal = client_as(app, "focal-ita")
    form = focal.get(f"{D}/decide").forms["decide-form"]
    form["level"] = "public"
    page = form.submit().follow()
    assert page.html.find(id="dialogue-level")["data-level"] == "public"
    outsider = client_as(app, "focal-fra")
    assert list(_rows(outsider.get(D))) == ["2", "1"]
    outsider.get(f"{D}/2")
    history = focal.get(f"{D}/decide").html.find(class_="decisions")
    assert [
        r["data-level"] for r in history.find_all("tr", attrs={"data-level": True})
    ] == ["public"]


def test_a_concluded_phase_is_a_read_only_archive(app, db, portal):
    portal["review"]["countries"]["ITA"].phases[1].state = "concluded"
    commit(portal)
    focal = client_as(app, "focal-ita")
    index = focal.get(D)
    assert index.html.find(id="read-only")
    assert "thread-form" not in index.forms and "record-form" not in index.forms
    page = focal.get(f"{D}/1")
    assert page.html.find(id="read-only")
    assert "reply-form" not in page.forms
    assert page.html.find(class_="correct-link") is None
    token = page.forms["mark-read-form"]["csrf_token"].value
    for path, fields in (
        ("start", {"title": "t", "text": "x", "topic": "general"}),
        ("record", {"title": "t", "held_on": "2027-01-01", "kind": "call"}),
        ("1/reply", {"text": "x"}),
        ("1/correct/1", {"text": "x", "base": "1"}),
    ):
        focal.post(f"{D}/{path}", {"csrf_token": token, **fields}, status=403)
    focal.get(f"{D}/1/correct/1", status=403)
    # The archive is read, and each reader still keeps its own read mark.
    page.forms["mark-read-form"].submit(status=303)
    commit(portal)
    dialogue = _dialogue(portal)
    assert dialogue.count() == 2 and dialogue["1"].count() == 2
    assert dialogue["1"].read_marks["focal-ita"] == 2


def test_more_files_than_a_message_takes_are_refused_before_any_is_stored(
    app, db, portal
):
    from sherloc_review.dialogue.forms import GENERAL
    from sherloc_review.dialogue.threads import MAX_FILES

    client = client_as(app, "focal-ita")
    token = client.get(D).forms["thread-form"]["csrf_token"].value
    files = [("files", f"note-{n}.txt", b"plain text") for n in range(MAX_FILES + 1)]
    page = client.post(
        f"{D}/start",
        {"csrf_token": token, "title": "Many files", "topic": GENERAL, "text": "Text"},
        upload_files=files,
        status=400,
    )
    assert str(MAX_FILES) in page.html.find(id="error-thread-files").text
    assert len(portal["review"]["countries"]["ITA"].phases[1].dialogue.threads) == 2


def test_a_decision_made_from_a_page_shown_before_another_is_refused(app, db):
    first = client_as(app, "focal-ita").get(f"{D}/1/decide").forms["decide-form"]
    second = client_as(app, "focal-ita").get(f"{D}/1/decide").forms["decide-form"]
    first["level"] = "states-parties"
    first.submit(status=303)
    second["level"] = "public"
    page = second.submit(status=400)
    assert "Another decision" in page.html.find(id="error-decide").text
    again = client_as(app, "focal-ita").get(f"{D}/1/decide")
    assert again.html.find(id="current-level")["data-level"] == "states-parties"
