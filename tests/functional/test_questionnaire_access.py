"""Who sees the responses, through every channel (issue 4, ¶21, ¶40).

A marker string is planted in Kenya's answers; each reader on the wrong
side is refused the page, the API, the file and the history, and never
finds the marker by search.  Drafts: Kenya's officials and the
Secretariat only.  Submitted: also every State party's officials (¶40),
never NGOs, the public, or the Chair.
"""

from __future__ import annotations

from datetime import date

import pytest

from sherloc_portal.testing import client_as, commit
from sherloc_review.responses import attachments
from sherloc_review.responses.answers import save
from sherloc_review.responses.resources import AnswerValue
from sherloc_review.responses.submit import submit

MARKER = "quokkamarker"
PAGE = "/review/countries/KEN/phase-1/responses/UNTOC"
API = "/api/v1/reviews/KEN/phases/1/questionnaires/UNTOC"


def _plant(app, portal, submitted: bool) -> tuple[str, str]:
    """Answer a question with the marker and a file; submit if asked."""
    assessment = portal["review"]["countries"]["KEN"].phases[1].responses["UNTOC"]
    question = next(
        q for q in assessment.questions if not assessment.answers[q.id].revision
    )
    stored = attachments.store(
        app.registry, assessment, "note.txt", f"{MARKER} file".encode(), "x", False
    )
    save(
        assessment,
        question.id,
        AnswerValue(closed="yes", text=f"{MARKER} text", attachments=(stored.id,)),
        0,
        "expert-ken",
    )
    if submitted:
        submit(assessment, "focal-ken", date(2027, 1, 20), "key", False)
    commit(portal)
    return question.id, stored.id


def _reviewer(portal) -> str:
    return "focal-" + portal["review"]["countries"]["KEN"].reviewers[0].state.lower()


def _outsider(portal) -> str:
    """A State party's focal point that neither is nor reviews Kenya."""
    country = portal["review"]["countries"]["KEN"]
    taken = set(country.participants)
    return next(
        f"focal-{iso3.lower()}"
        for iso3 in ("FRA", "DEU", "BRA", "JPN", "ZAF")
        if iso3 not in taken
    )


def _channels(app, who, question_id, file_id):
    client = client_as(app, who)
    return {
        "page": client.get(PAGE, expect_errors=True),
        "api": client.get(API, expect_errors=True),
        "file": client.get(f"{PAGE}/file/{file_id}", expect_errors=True),
        "history": client.get(f"{PAGE}/history/{question_id}", expect_errors=True),
        "answer": client.get(f"{PAGE}/answer/{question_id}", expect_errors=True),
        "search": client.get(f"/review/search?q={MARKER}", expect_errors=True),
        "pdf": client.get(f"{PAGE}/export.pdf", expect_errors=True),
        "xlsx": client.get(f"{PAGE}/export.xlsx", expect_errors=True),
    }


def _shows_marker(channel: str, response) -> bool:
    """The marker in what a channel returns (the search page echoes the
    query itself: only its hits count)."""
    if channel != "search":
        return MARKER in response.text
    hits = response.html.find(id="hits") if response.status_int == 200 else None
    return hits is not None and MARKER in hits.text


def _refused(response) -> bool:
    return response.status_int in (401, 403, 404) or (
        response.status_int in (302, 303) and "login" in response.location
    )


@pytest.mark.parametrize("who", ["reviewer", "outsider", "ngo-demo", "chair", None])
def test_a_draft_is_refused_to_everyone_outside_the_state(app, db, portal, who):
    question_id, file_id = _plant(app, portal, submitted=False)
    login = {"reviewer": _reviewer(portal), "outsider": _outsider(portal)}.get(who, who)
    if who == "chair":
        from sherloc_portal.api.testing import add_account

        add_account(portal, app.registry, "chair-x", roles=("chair",))
        commit(portal)
        login = "chair-x"
    seen = _channels(app, login, question_id, file_id)
    for channel in ("page", "api", "file", "history", "answer", "pdf", "xlsx"):
        assert _refused(seen[channel]), (channel, seen[channel].status)
    for channel, response in seen.items():
        assert not _shows_marker(channel, response), channel


@pytest.mark.parametrize("who", ["focal-ken", "expert-ken", "secretariat"])
def test_the_state_and_the_secretariat_read_and_find_the_draft(app, db, portal, who):
    question_id, file_id = _plant(app, portal, submitted=False)
    seen = _channels(app, who, question_id, file_id)
    for channel in ("page", "api", "file", "history", "answer"):
        assert seen[channel].status_int == 200, channel
        assert MARKER in seen[channel].text, channel
    if who != "secretariat":  # the Secretariat names the State to search drafts
        assert _shows_marker("search", seen["search"])


@pytest.mark.parametrize("who", ["reviewer", "outsider"])
def test_submitted_responses_are_read_by_every_state_party(app, db, portal, who):
    question_id, file_id = _plant(app, portal, submitted=True)
    login = {"reviewer": _reviewer(portal), "outsider": _outsider(portal)}[who]
    seen = _channels(app, login, question_id, file_id)
    for channel in ("page", "api", "file", "search"):
        assert seen[channel].status_int == 200, channel
        assert _shows_marker(channel, seen[channel]), channel
    assert seen["api"].json["showing"] == "submitted"
    # The working history and the form stay the State's own.
    assert _refused(seen["history"]) and _refused(seen["answer"])


@pytest.mark.parametrize("who", ["ngo-demo", None])
def test_submitted_responses_stay_closed_to_ngos_and_the_public(app, db, portal, who):
    question_id, file_id = _plant(app, portal, submitted=True)
    seen = _channels(app, who, question_id, file_id)
    for channel in ("page", "api", "file", "history", "answer"):
        assert _refused(seen[channel]), channel
    for channel, response in seen.items():
        assert not _shows_marker(channel, response), channel


def test_a_file_not_cited_by_the_submitted_version_is_not_served_to_readers(
    app, db, portal
):
    _plant(app, portal, submitted=False)
    assessment = portal["review"]["countries"]["KEN"].phases[1].responses["UNTOC"]
    orphan = attachments.store(
        app.registry, assessment, "draft.txt", b"draft", "x", False
    )
    commit(portal)
    url = f"{PAGE}/file/{orphan.id}"
    assert client_as(app, "focal-ken").get(url).body == b"draft"  # while a draft
    submit(assessment, "focal-ken", date(2027, 1, 20), "key", False)
    commit(portal)
    # Once submitted, everyone reads the frozen version and what it cites.
    client_as(app, _outsider(portal)).get(url, status=404)
    client_as(app, "focal-ken").get(url, status=404)


def test_only_the_states_officials_and_the_secretariat_may_edit(app, db, portal):
    question_id, _file_id = _plant(app, portal, submitted=False)
    url = f"{API}/answers/{question_id}"
    body = {"revision": 1, "closed": "no"}
    from sherloc_portal.api.testing import bearer, issue_token

    client = client_as(app)
    for login in (_reviewer(portal), _outsider(portal), "ngo-demo"):
        token = issue_token(client, login)
        client.put_json(url, body, headers=bearer(token), status=403)
    token = issue_token(client, "expert-ken")
    client.put_json(url, body, headers=bearer(token), status=200)
    # An expert may not submit; the focal point may.
    client.post_json(
        f"{API}/submit", {"key": "12345678"}, headers=bearer(token), status=403
    )


@pytest.mark.parametrize(
    "path", [PAGE, API, f"{PAGE}/history/I-UNTOC-5", "/review/search?q=law"]
)
def test_confidential_pages_are_kept_by_no_cache(app, db, path):
    response = client_as(app, "focal-ken").get(path)
    assert response.headers["Cache-Control"] == "private, no-store"


def test_an_observer_of_the_state_reads_the_draft_but_may_not_answer(app, db, portal):
    from sherloc_portal.api.testing import add_account

    question_id, file_id = _plant(app, portal, submitted=False)
    add_account(
        portal, app.registry, "observer-ken", state="KEN", state_role="observer"
    )
    seen = _channels(app, "observer-ken", question_id, file_id)
    for channel in ("page", "api", "file", "history", "xlsx"):
        assert seen[channel].status_int == 200, channel
    assert _refused(seen["answer"])
    client_as(app, "observer-ken").get(f"{PAGE}/submit", status=403)


def test_submitting_flags_reused_answers_without_an_update(app, db, portal):
    from sherloc_review.responses.resources import Reuse

    assessment = portal["review"]["countries"]["KEN"].phases[1].responses["UNTOC"]
    question = next(
        q for q in assessment.questions if not assessment.answers[q.id].revision
    )
    reuse = Reuse("uncac", "UNCAC review, cycle 2")
    save(assessment, question.id, AnswerValue(closed="yes", reuse=reuse), 0, "x")
    commit(portal)
    page = client_as(app, "focal-ken").get(f"{PAGE}/submit")
    assert question.id in page.html.find(id="update-missing").text


@pytest.mark.parametrize(
    "body",
    [
        {"revision": 1.5, "closed": "yes"},
        {"revision": True, "closed": "yes"},
        {"revision": "0", "closed": "yes"},
        {"revision": -1, "closed": "yes"},
        {"revision": 0, "closed": "yes", "follow_ups": {"legislation": 0}},
        {"revision": 0, "closed": "yes", "follow_ups": {"legislation": ["x"]}},
        {"revision": 0, "closed": "yes", "follow_ups": {"legislation": "x\ud800y"}},
        {"revision": 0, "text": {"nested": "object"}},
        {"revision": 0, "legislation": "not-a-list"},
        {"revision": 0, "colour": "red"},
    ],
)
def test_malformed_answers_are_refused_by_the_api(app, db, body):
    from sherloc_portal.api.testing import bearer, issue_token

    client = client_as(app)
    token = issue_token(client, "focal-ken")
    response = client.put_json(
        f"{API}/answers/I-UNTOC-15", body, headers=bearer(token), status=400
    )
    assert response.json["errors"]
