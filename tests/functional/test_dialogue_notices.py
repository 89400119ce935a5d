"""Notices of the dialogue through the pages: the notification choices, the
unread counts on the phase page and the dashboard, the digest command and
the feedback deadline reminders (issue 5).

Italy's phase 1 in the demo: PRT released its written feedback (one request
for clarification open), SYR drafts; OMN is an additional reviewer for the
Firearms Protocol only; the dialogue holds two threads (three messages).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from sherloc_portal.testing import client_as, commit, csrf_token
from sherloc_review.cycle.cli import main, remind
from sherloc_review.dialogue.resources import Topic
from sherloc_review.dialogue.threads import mark_read, start_thread

PREFERENCES = "/review/notifications"
PHASE = "/review/countries/ITA/phase-1"
MINE = "/review/cycle/mine"
#: The radio buttons' name (deform names a radio group by its field's id).
CHOICE = "notifications-choice"


class _Author:
    def __init__(self, login: str, state: str) -> None:
        self.login, self.state = login, state


@pytest.fixture
def dialogue(portal):
    return portal["review"]["countries"]["ITA"].phases[1].dialogue


def _unread(dialogue, login: str) -> int:
    return sum(t.unread(login) for t in dialogue.threads.values())


# -- the choices -----------------------------------------------------------


def test_the_choices_are_refused_to_anonymous_ngo_and_non_officials(app, db):
    anonymous = client_as(app)
    assert "/login" in anonymous.get(PREFERENCES, status=303).location
    client_as(app, "ngo-demo").get(PREFERENCES, status=403)
    # The administrator reads the mechanism but takes part in no review.
    client_as(app, "admin").get(PREFERENCES, status=403)
    token = csrf_token(anonymous)
    anonymous.post(PREFERENCES, {"csrf_token": token, "choice": "none"}, status=303)
    ngo = client_as(app, "ngo-demo")
    ngo.post(
        PREFERENCES,
        {"csrf_token": csrf_token(ngo), "choice": "none", "save": ""},
        status=403,
    )


def test_an_official_sees_each_by_default_and_the_secretariat_digest(app, db):
    page = client_as(app, "focal-ita").get(PREFERENCES)
    assert page.forms["notifications"][CHOICE].value == "each"
    page = client_as(app, "secretariat").get(PREFERENCES)
    assert page.forms["notifications"][CHOICE].value == "digest"


def test_a_choice_is_saved_for_its_user_only(app, db, portal):
    client = client_as(app, "expert-prt")
    form = client.get(PREFERENCES).forms["notifications"]
    form[CHOICE] = "digest"
    assert form.submit("save", status=303).location.endswith(PREFERENCES)
    assert client.get(PREFERENCES).forms["notifications"][CHOICE].value == "digest"
    commit(portal)
    choices = portal["review"].dialogue_preferences.choices
    assert dict(choices) == {"expert-prt": "digest"}


def test_a_choice_needs_the_csrf_token_and_a_known_value(app, db, portal):
    client = client_as(app, "focal-ita")
    client.post(PREFERENCES, {"choice": "none", "save": ""}, status=400)
    form = client.get(PREFERENCES).forms["notifications"]
    form[CHOICE].force_value("loud")
    page = form.submit("save", status=400)
    assert page.html.find(attrs={"aria-invalid": "true"}) is not None
    commit(portal)
    assert "focal-ita" not in portal["review"].dialogue_preferences.choices


# -- unread counts on the phase page and the dashboard ----------------------


def test_the_phase_page_counts_open_requests_and_unread_messages(
    app, db, portal, dialogue
):
    client = client_as(app, "focal-prt")
    before = _unread(dialogue, "focal-prt")
    assert before == 3
    page = client.get(PHASE)
    assert page.html.find(id="dialogue-link")["data-unread"] == "3"
    assert page.html.find(id="feedback-link")["data-open"] == "1"
    assert page.html.find(id="dialogue-link").a["href"].endswith(f"{PHASE}/dialogue/")
    mark_read(dialogue.threads[1], "focal-prt", 2)
    commit(portal)
    page = client.get(PHASE)
    assert page.html.find(id="dialogue-link")["data-unread"] == "1"


def test_the_phase_page_counts_only_the_threads_the_reader_may_read(
    app, db, portal, dialogue
):
    ita = _Author("focal-ita", "ITA")
    start_thread(dialogue, "Convention", Topic("UNTOC"), "text", ita)
    commit(portal)
    omn = client_as(app, "expert-omn").get(PHASE)
    assert omn.html.find(id="dialogue-link")["data-unread"] == "3"
    prt = client_as(app, "expert-prt").get(PHASE)
    assert prt.html.find(id="dialogue-link")["data-unread"] == str(
        _unread(dialogue, "expert-prt")
    )


def test_the_phase_page_counts_only_the_requests_the_reader_may_read(app, db, portal):
    from datetime import date

    from sherloc_review.feedback.items import add_item, release

    italy = portal["review"]["countries"]["ITA"].phases[1]
    written = italy.feedback.ensure("OMN")  # the Firearms Protocol only
    article = italy.responses["FIREARMS"].questions[0].article
    add_item(written, "FIREARMS", article, "question", "Why?", "expert-omn")
    release(portal["review"], written, "focal-omn", date(2027, 1, 15), "k")
    commit(portal)
    count = {
        who: client_as(app, who).get(PHASE).html.find(id="feedback-link")["data-open"]
        for who in ("focal-ita", "focal-syr", "focal-omn")
    }
    # SYR reads PRT's (UNTOC) request, not OMN's (Firearms); OMN only its own
    # instrument's, as the feedback pages count them (¶28(b)).
    assert count == {"focal-ita": "2", "focal-syr": "1", "focal-omn": "1"}


def test_outsiders_see_no_phase_page(app, db):
    client_as(app, "focal-fra").get(PHASE, status=403)
    client_as(app, "ngo-demo").get(PHASE, status=403)


def test_the_dashboard_lists_unread_messages_per_review(app, db, portal, dialogue):
    client = client_as(app, "focal-prt")
    entry = client.get(MINE).html.find(id="unread").find("li")
    assert entry["data-review"] == "ITA-1" and entry["data-unread"] == "3"
    assert entry.a["href"].endswith(f"{PHASE}/dialogue")
    for thread in dialogue.threads.values():
        mark_read(thread, "focal-prt", thread.count())
    commit(portal)
    page = client.get(MINE)
    assert page.html.find(id="unread") is None
    secretariat = client_as(app, "secretariat").get(MINE).html.find(id="unread")
    assert secretariat.find("li", attrs={"data-review": "ITA-1"})["data-unread"] == "3"
    assert client_as(app, "focal-nld").get(MINE).html.find(id="unread") is None
    assert (
        client.get(MINE)
        .html.find(id="notifications-link")["href"]
        .endswith(PREFERENCES)
    )


# -- a message posted through the page --------------------------------------


def test_a_reply_posted_on_the_page_is_mailed_as_a_link_only(app, db, outbox):
    marker = "MARKER-5d1e-confidential"
    expert = client_as(app, "expert-prt")
    form = expert.get(f"{PHASE}/dialogue/1").forms["reply-form"]
    form["text"] = f"Our answer: {marker}"
    form["files"] = [(f"{marker}.pdf", b"%PDF-1.4\n", "application/pdf")]
    form.submit(status=303)
    mails = outbox()
    to = {m["To"] for m in mails}
    assert to == {
        f"{role}-{iso3}@example.org"
        for iso3 in ("ita", "prt", "syr", "omn")
        for role in ("focal", "expert")
    } - {"expert-prt@example.org"}
    for mail in mails:
        text = mail["Subject"] + mail.get_payload(decode=True).decode("utf-8")
        assert marker not in text and "Organisation" not in text
        assert f"{PHASE}/dialogue/1/" in text


# -- the digest command and the deadline reminders --------------------------


def test_the_digest_command_refuses_a_missing_settings_file(tmp_path, capsys):
    assert main(["dialogue-digest", str(tmp_path / "nowhere.ini")]) == 2
    assert "no such settings file" in capsys.readouterr().err


def test_feedback_reminders_reach_every_reviewing_state_of_italy(
    app, db, portal, outbox
):
    italy = portal["review"]["countries"]["ITA"].phases[1]
    assert italy.state == "feedback"
    remind(app.registry, italy.feedback_due - timedelta(days=7))
    to = {m["To"] for m in outbox()}
    assert {"focal-syr@example.org", "focal-omn@example.org"} <= to
    assert "focal-ita@example.org" not in to


def test_a_reviewer_that_released_its_feedback_is_not_reminded(app, db, portal, outbox):
    italy = portal["review"]["countries"]["ITA"].phases[1]
    assert italy.feedback["PRT"].status == "released"
    remind(app.registry, italy.feedback_due - timedelta(days=7))
    assert "focal-prt@example.org" not in {m["To"] for m in outbox()}


def test_the_server_runs_the_digest_for_cron_once_a_day(app, db, outbox):
    """With the embedded FileStorage only the server may open the data:
    cron asks it with the Secretariat's token."""
    import webtest

    from sherloc_portal.api.testing import bearer, issue_token
    from sherloc_portal.testing import DEMO_PASSWORD

    client = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    token = issue_token(client, "secretariat", DEMO_PASSWORD)
    first = client.post_json("/api/v1/cycle/dialogue-digest", {}, headers=bearer(token))
    sent = [m["To"] for m in outbox()]
    assert first.json["sent"] == len(sent) >= 1 and "secretariat@example.org" in sent
    again = client.post_json("/api/v1/cycle/dialogue-digest", {}, headers=bearer(token))
    assert again.json["sent"] == 0 and len(outbox()) == len(sent)
    focal = issue_token(client, "focal-ita", DEMO_PASSWORD)
    client.post_json(
        "/api/v1/cycle/dialogue-digest", {}, headers=bearer(focal), status=403
    )
