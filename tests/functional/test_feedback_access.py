"""Who reads and writes the written feedback, page by page (issue 5, ¶35, ¶37).

Italy's phase 1 of the demo: Portugal released its feedback (a request
open), Syria drafts.  A marker planted in Syria's draft never reaches a
reader outside Syria and the Secretariat; every page and every form
refuses an official of a State outside the review, an NGO and the public;
observers read and never write.
"""

from __future__ import annotations

import pytest
import webtest

from sherloc_portal.api.testing import add_account
from sherloc_portal.testing import client_as, commit, csrf_token, login
from sherloc_review.feedback.items import add_item

F = "/review/countries/ITA/phase-1/feedback"
MARKER = "wombatmarker"
OUTSIDER = "focal-fra"  # France neither is nor reviews Italy


def _phase(portal):
    return portal["review"]["countries"]["ITA"].phases[1]


def _request_number(portal) -> int:
    prt = _phase(portal).feedback["PRT"]
    return next(i.number for i in prt.items.values() if i.is_request)


def _pages(portal) -> list[str]:
    number = _request_number(portal)
    return [
        F,
        f"{F}/PRT",
        f"{F}/PRT/history/{number}",
        f"{F}/PRT/answer/{number}",
        f"{F}/SYR",
        f"{F}/SYR/history/1",
        f"{F}/SYR/add",
        f"{F}/SYR/edit/1",
        f"{F}/SYR/release",
    ]


def _posts(portal) -> dict[str, dict]:
    number = _request_number(portal)
    return {
        f"{F}/start": {"reviewer": "SYR"},
        f"{F}/SYR/add": {"place": "UNTOC", "kind": "success", "text": "x", "add": ""},
        f"{F}/SYR/edit/1": {"revision": "1", "text": "x", "save": ""},
        f"{F}/SYR/edit/2": {"revision": "1", "text": "", "withdraw": ""},
        f"{F}/SYR/release": {"key": "stolen"},
        f"{F}/PRT/answer/{number}": {"revision": "0", "text": "x", "save": ""},
    }


def _token(client, logged_in: bool) -> str:
    """The session's CSRF token, so that a refusal is the ACL's, not CSRF's."""
    if not logged_in:
        return csrf_token(client)
    return client.get("/").html.find("input", attrs={"name": "csrf_token"})["value"]


def _refused(response) -> bool:
    return response.status_int in (401, 403, 404) or (
        response.status_int in (302, 303) and "login" in response.location
    )


def _state(portal) -> tuple:
    """Everything a refused form could have changed."""
    commit(portal)
    phase = _phase(portal)
    written = tuple(
        (
            w.reviewer,
            w.status,
            [(i.revision, i.withdrawn, i.reply.revision) for i in w.items.values()],
        )
        for w in phase.feedback.values()
    )
    return written, phase.state


def _plant(portal) -> None:
    add_item(
        _phase(portal).feedback["SYR"], "UNTOC", "", "challenge", MARKER, "expert-syr"
    )
    commit(portal)


@pytest.mark.parametrize("who", [OUTSIDER, "ngo-demo", None])
def test_outsiders_are_refused_every_page_and_every_form(app, db, portal, who):
    _plant(portal)
    before = _state(portal)
    client = client_as(app, who)
    for path in _pages(portal):
        response = client.get(path, expect_errors=True)
        assert _refused(response), (path, response.status)
        assert MARKER not in response.text
    token = _token(client, who is not None)
    for path, fields in _posts(portal).items():
        response = client.post(
            path, {**fields, "csrf_token": token}, expect_errors=True
        )
        assert _refused(response), (path, response.status)
    assert _state(portal) == before


@pytest.mark.parametrize("who", ["focal-ita", "expert-ita", "focal-prt", "focal-omn"])
def test_a_draft_is_its_states_and_the_secretariats_only(app, db, portal, who):
    _plant(portal)
    client = client_as(app, who)
    for path in (f"{F}/SYR", f"{F}/SYR/history/1", f"{F}/SYR/add", f"{F}/SYR/release"):
        assert client.get(path, expect_errors=True).status_int == 403, path
    index = client.get(F)
    assert MARKER not in index.text and f"{F}/SYR/" not in index.text
    for reader in ("expert-syr", "secretariat"):
        assert MARKER in client_as(app, reader).get(f"{F}/SYR").text


def test_observers_read_and_never_write(app, db, portal):
    _plant(portal)
    add_account(
        portal, app.registry, "observer-ita", state="ITA", state_role="observer"
    )
    add_account(
        portal, app.registry, "observer-syr", state="SYR", state_role="observer"
    )
    before = _state(portal)
    number = _request_number(portal)
    ours = client_as(app, "observer-ita")
    assert ours.get(f"{F}/PRT").html.find(id=f"item-{number}")
    ours.get(f"{F}/PRT/answer/{number}", status=403)
    ours.get(f"{F}/SYR", status=403)
    theirs = client_as(app, "observer-syr")
    assert MARKER in theirs.get(f"{F}/SYR").text
    page = theirs.get(f"{F}/SYR")
    assert page.html.find(id="add-link") is None
    assert page.html.find("a", string="Edit") is None
    for path in (f"{F}/SYR/add", f"{F}/SYR/edit/1", f"{F}/SYR/release"):
        theirs.get(path, status=403)
    for client in (ours, theirs):
        token = _token(client, True)
        for path, fields in _posts(portal).items():
            response = client.post(
                path, {**fields, "csrf_token": token}, expect_errors=True
            )
            assert response.status_int == 403, (path, response.status)
    assert _state(portal) == before


def test_an_expert_may_draft_but_not_release(app, db, portal):
    expert = client_as(app, "expert-syr")
    expert.get(f"{F}/SYR/release", status=403)
    token = _token(expert, True)
    expert.post(f"{F}/SYR/release", {"csrf_token": token, "key": "k"}, status=403)
    assert expert.get(f"{F}/SYR").html.find(id="release-link") is None
    assert client_as(app, "focal-syr").get(f"{F}/SYR").html.find(id="release-link")


def test_every_form_needs_the_csrf_token_also_under_https(app, db, portal):
    before = _state(portal)
    client = webtest.TestApp(
        app,
        extra_environ={
            "wsgi.url_scheme": "https",
            "HTTP_HOST": "localhost",
            "REMOTE_ADDR": "10.0.0.1",
        },
    )
    login(client, "focal-syr")
    for path, fields in _posts(portal).items():
        client.post(path, fields, status=400)
    assert _state(portal) == before


@pytest.mark.parametrize("who", ["focal-syr", "focal-ita", "secretariat"])
def test_reading_never_writes(app, db, portal, who):
    client = client_as(app, who)
    last = db.lastTransaction()
    for path in _pages(portal):
        client.get(path, expect_errors=True)
    assert db.lastTransaction() == last


@pytest.mark.parametrize("path", ["", "/PRT", "/PRT/history/1"])
def test_feedback_pages_are_kept_by_no_cache(app, db, path):
    response = client_as(app, "focal-ita").get(F + path)
    assert response.headers["Cache-Control"] == "private, no-store"
