"""E-mail notices of new messages and the daily digest: who, in which
language, and never a word of the dialogue.

Italy's reviewers in the demo: PRT and SYR (main reviewers), OMN (an
additional reviewer for the Firearms Protocol only, ¶28(b)).
"""

from __future__ import annotations

import time

import pytest
from pyramid.request import Request, apply_request_extensions

from sherloc_portal.resources.users import User
from sherloc_portal.testing import commit
from sherloc_review.cycle.cli import dialogue_digest
from sherloc_review.dialogue import digest, notify
from sherloc_review.dialogue.resources import Topic
from sherloc_review.dialogue.threads import mark_read, post, start_thread

from .conftest import Author

MARKER = "MARKER-7f3c-confidential"
ITA = Author("focal-ita", "ITA")
PARTICIPANTS = ("ITA", "PRT", "SYR", "OMN")
GENERAL = Topic()


@pytest.fixture
def request_(app, portal):
    """A request of the app in the ``portal`` fixture's transaction."""
    request = Request.blank("/")
    request.registry = app.registry
    apply_request_extensions(request)
    request.tm = portal._v_sherloc_tm
    request.zodb_connection = portal._p_jar
    return request


def _officials(*states: str) -> set[str]:
    return {
        f"{role}-{s.lower()}@example.org"
        for s in states
        for role in ("focal", "expert")
    }


def _text(mail) -> str:
    body = mail.get_payload(decode=True).decode(mail.get_content_charset())
    return mail["Subject"] + "\n" + body


def _post(request, thread, text: str, author=ITA):
    message = post(thread, text, author)
    notify.message_posted(request, thread, message)
    return message


def _start(request, dialogue, topic=GENERAL, author=ITA):
    thread = start_thread(dialogue, f"Title {MARKER}", topic, f"Text {MARKER}", author)
    notify.message_posted(request, thread, thread.messages[1])
    return thread


def test_a_message_is_told_to_the_officials_of_the_participants_but_its_author(
    request_, portal, dialogue, outbox
):
    _post(request_, dialogue.threads[1], f"We agree. {MARKER}")
    commit(portal)
    mails = outbox()
    to = [m["To"] for m in mails]
    assert sorted(to) == sorted(_officials(*PARTICIPANTS) - {"focal-ita@example.org"})
    # Outsiders, the Secretariat (a digest by default), the author: nothing.
    assert "focal-fra@example.org" not in to and "secretariat@example.org" not in to
    for mail in mails:
        text = _text(mail)
        assert MARKER not in text
        assert dialogue.threads[1].title not in text
        assert "ITA" in mail["Subject"] and "1" in mail["Subject"]
        assert "/review/countries/ITA/phase-1/dialogue/1/" in text
        assert "/review/notifications" in text


def test_the_mail_names_the_thread_by_number_only(request_, portal, dialogue, outbox):
    thread = _start(request_, dialogue)
    commit(portal)
    mails = outbox()
    assert mails
    for mail in mails:
        text = _text(mail)
        assert MARKER not in text and "Title" not in text
        assert f"thread {thread.number}" in text
        assert f"/dialogue/{thread.number}/" in text


def test_an_additional_reviewer_hears_only_of_its_instruments(
    request_, portal, dialogue, outbox
):
    _start(request_, dialogue, Topic("UNTOC"))
    commit(portal)
    to = {m["To"] for m in outbox()}
    assert _officials("PRT", "SYR") <= to
    assert not _officials("OMN") & to  # OMN reviews the Firearms Protocol only


def test_each_recipient_reads_the_mail_in_its_own_language(
    request_, portal, dialogue, outbox, monkeypatch
):
    asked = []
    real = notify.localizer_for

    class Marked:
        def __init__(self, localizer, language):
            self.localizer, self.language = localizer, language

        def translate(self, message, mapping=None):
            text = self.localizer.translate(message, mapping=mapping)
            return f"[{self.language}] {text}"

    def spy(request, language):
        asked.append(language)
        return Marked(real(request, language), language)

    monkeypatch.setattr(notify, "localizer_for", spy)
    portal["users"]["expert-prt"].language = "fr"
    portal["users"]["expert-syr"].language = "xx"  # not one of the six: English
    _post(request_, dialogue.threads[1], "Merci.")
    commit(portal)
    subjects = {m["To"]: m["Subject"] for m in outbox()}
    assert subjects["expert-prt@example.org"].startswith("[fr] ")
    assert subjects["expert-syr@example.org"].startswith("[en] ")
    assert subjects["focal-prt@example.org"].startswith("[en] ")
    assert set(asked) == {"fr", "en"}


def test_choices_none_and_digest_get_no_mail_and_each_does(
    request_, portal, mechanism, dialogue, outbox
):
    choices = mechanism.dialogue_preferences.choices
    choices["expert-syr"] = notify.NONE
    choices["focal-syr"] = notify.DIGEST
    choices["secretariat"] = notify.EACH
    portal["users"]["expert-prt"].active = False
    portal["users"]["focal-omn"].email = ""
    _post(request_, dialogue.threads[1], "Noted.")
    commit(portal)
    to = {m["To"] for m in outbox()}
    assert "secretariat@example.org" in to
    assert (
        not {
            "expert-syr@example.org",
            "focal-syr@example.org",
            "expert-prt@example.org",
        }
        & to
    )
    assert "focal-prt@example.org" in to and "expert-omn@example.org" in to


def test_an_observer_is_told_and_a_removed_official_is_not(
    request_, portal, mechanism, dialogue, outbox
):
    observer = User("observer-prt", "observer-prt@example.org")
    observer.state, observer.state_role, observer.active = "PRT", "observer", True
    portal["users"].add_user(observer)
    mechanism["officials"].enrol(observer)
    # An official moved to another State stays listed under PRT in the
    # index until someone tidies it; its account decides.
    portal["users"]["focal-prt"].state = "FRA"
    _post(request_, dialogue.threads[1], "Noted.")
    commit(portal)
    to = {m["To"] for m in outbox()}
    assert "observer-prt@example.org" in to
    assert "focal-prt@example.org" not in to


def test_a_thread_opened_to_all_states_parties_is_told_to_participants_only(
    request_, portal, dialogue, outbox
):
    from sherloc_review.dialogue.threads import decide

    thread = dialogue.threads[1]
    decide(dialogue, "states-parties", "focal-ita", thread)
    _post(request_, thread, "Now wider.")
    commit(portal)
    to = {m["To"] for m in outbox()}
    assert to == _officials(*PARTICIPANTS) - {"focal-ita@example.org"}


def test_an_aborted_post_sends_nothing(request_, portal, dialogue, outbox):
    _post(request_, dialogue.threads[1], "Lost.")
    portal._v_sherloc_tm.abort()
    portal._v_sherloc_tm.begin()
    assert outbox() == []


# -- the daily digest ------------------------------------------------------


def test_the_secretariat_gets_one_digest_and_nothing_on_a_second_run(
    app, portal, dialogue, outbox
):
    report = dialogue_digest(app.registry)
    mails = [m for m in outbox() if m["To"] == "secretariat@example.org"]
    assert report.sent == len(outbox()) and len(mails) == 1
    text = _text(mails[0])
    for thread in dialogue.threads.values():
        assert f"/review/countries/ITA/phase-1/dialogue/{thread.number}/" in text
        assert thread.title not in text
    assert dialogue_digest(app.registry).sent == 0
    assert len(outbox()) == report.sent


def test_a_digest_lists_only_what_moved_since_the_last_one(
    app, portal, mechanism, dialogue, outbox
):
    mechanism.dialogue_preferences.choices["expert-syr"] = notify.DIGEST
    commit(portal)
    first = time.time()
    dialogue_digest(app.registry, first)
    assert [m["To"] for m in outbox()].count("expert-syr@example.org") == 1
    commit(portal)  # see what the run wrote
    dialogue = mechanism["countries"]["ITA"].phases[1].dialogue
    assert mechanism.dialogue_preferences.digested["expert-syr"] == first
    thread = start_thread(dialogue, f"Later {MARKER}", Topic(), MARKER, ITA)
    commit(portal)
    # Later the same day: nothing; the next day: the new thread only.
    assert dialogue_digest(app.registry, first + 3600).sent == 0
    dialogue_digest(app.registry, first + 86400)
    mails = [m for m in outbox() if m["To"] == "expert-syr@example.org"]
    assert len(mails) == 2
    text = _text(mails[1])
    assert f"/dialogue/{thread.number}/" in text and "/dialogue/1/" not in text
    assert MARKER not in text


def test_nothing_unread_means_no_digest(app, portal, mechanism, outbox):
    for country in mechanism["countries"].values():
        for phase in country.phases.values():
            for thread in phase.dialogue.threads.values():
                mark_read(thread, "secretariat", thread.count())
    commit(portal)
    assert dialogue_digest(app.registry).sent == 0
    assert outbox() == []
    commit(portal)
    assert "secretariat" not in mechanism.dialogue_preferences.digested


def test_a_digest_keeps_to_the_threads_the_user_may_read(
    request_, app, portal, mechanism, dialogue, outbox
):
    mechanism.dialogue_preferences.choices["expert-omn"] = notify.DIGEST
    mechanism.dialogue_preferences.choices["focal-nld"] = notify.DIGEST
    untoc = start_thread(dialogue, "Convention", Topic("UNTOC"), "text", ITA)
    commit(portal)
    dialogue_digest(app.registry)
    mails = {m["To"]: _text(m) for m in outbox()}
    assert "focal-nld@example.org" not in mails  # no part in a dialogue
    omn = mails["expert-omn@example.org"]
    assert "/dialogue/1/" in omn and f"/dialogue/{untoc.number}/" not in omn


def test_users_choosing_none_or_each_get_no_digest(
    app, portal, mechanism, dialogue, outbox
):
    mechanism.dialogue_preferences.choices["secretariat"] = notify.NONE
    commit(portal)
    assert dialogue_digest(app.registry).sent == 0  # officials default to each
    assert outbox() == []


def test_the_digest_module_counts_without_loading_a_message(
    request_, portal, mechanism, dialogue
):
    for thread in dialogue.threads.values():
        for message in thread.messages.values():
            message._p_deactivate()
    secretariat = portal["users"]["secretariat"]
    found = digest.unread_threads(request_, mechanism, secretariat, 0.0)
    found = [(t, n) for t, n in found if t.dialogue is dialogue]
    assert [t.number for t, _n in found] == list(dialogue.threads)
    assert all(m._p_changed is None for t, _n in found for m in t.messages.values())
