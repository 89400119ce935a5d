"""POST /api/v1/tokens and DELETE /api/v1/tokens/current.

A refused login is a 401 with cornice's error body and a ``WWW-Authenticate``
challenge; the same answer for a wrong password, an unknown login and an
inactive account, so the API does not tell which logins exist.
"""

import json

import pytest

from sherloc_portal.api.testing import add_account, bearer, issue_token
from sherloc_portal.testing import DEMO_PASSWORD, commit, csrf_token, login

PASSWORD = "correct horse battery staple"


@pytest.fixture
def alice(portal, app):
    return add_account(portal, app.registry, "alice", PASSWORD, fullname="Alice")


def _refusal(testapp, login_, password, **kw):
    return testapp.post_json(
        "/api/v1/tokens", {"login": login_, "password": password}, status=401, **kw
    )


def test_token_is_created_with_201_and_acts_as_the_user(testapp, alice):
    response = testapp.post_json(
        "/api/v1/tokens", {"login": "alice", "password": PASSWORD}, status=201
    )
    assert response.content_type == "application/json"
    token = response.json["token"]
    me = testapp.get("/api/v1/me", headers=bearer(token), status=200)
    assert me.json["login"] == "alice"


def test_token_login_ignores_case_and_spaces(testapp, alice):
    token = issue_token(testapp, " Alice ", PASSWORD)
    assert testapp.get("/api/v1/me", headers=bearer(token)).json["login"] == "alice"


def test_wrong_password_is_401_with_message_and_challenge(testapp, alice):
    response = _refusal(testapp, "alice", "not the password")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    [error] = response.json["errors"]
    assert response.json["status"] == "error"
    assert error["location"] == "body"
    assert error["description"]


def test_unknown_login_is_answered_like_a_wrong_password(testapp, alice):
    wrong = _refusal(testapp, "alice", "not the password").json
    unknown = _refusal(testapp, "nobody-here", "not the password").json
    assert wrong == unknown


def test_inactive_account_gets_no_token(testapp, portal, alice):
    """The right password of an inactive account is answered like a wrong
    one: telling them apart would confirm the password to a guesser."""
    alice.active = False
    commit(portal)
    inactive = _refusal(testapp, "alice", PASSWORD).json
    assert inactive == _refusal(testapp, "alice", "not the password").json


def test_a_padded_login_cannot_bypass_a_paused_account(testapp, app, alice):
    """The reviewer's proof: 'alice' padded with tabs used to get a token."""
    for _ in range(app.registry.sherloc_settings.login_attempts):
        _refusal(testapp, "alice", "wrong")
    testapp.extra_environ["REMOTE_ADDR"] = "192.0.2.99"
    padded = testapp.post_json(
        "/api/v1/tokens",
        {"login": "alice" + "\t" * 123 + "x", "password": PASSWORD},
        status=400,
    )
    assert [e["name"] for e in padded.json["errors"]] == ["login"]
    testapp.post_json(
        "/api/v1/tokens", {"login": " ALICE\t", "password": PASSWORD}, status=429
    )
    _refusal(testapp, "alice\u2003z", PASSWORD)


def test_logins_are_throttled_after_repeated_failures(testapp, app, alice):
    attempts = app.registry.sherloc_settings.login_attempts
    failures = [_refusal(testapp, "alice", "wrong") for _ in range(attempts)]
    refused = testapp.post_json(
        "/api/v1/tokens", {"login": "alice", "password": PASSWORD}, status=429
    )
    assert int(refused.headers["Retry-After"]) > 0
    [error] = refused.json["errors"]
    assert error["description"] != failures[0].json["errors"][0]["description"]


def test_password_change_revokes_tokens(testapp, portal, alice):
    token = issue_token(testapp, "alice", PASSWORD)
    alice.revoke_credentials()
    commit(portal)
    testapp.get("/api/v1/me", headers=bearer(token), status=403)


def test_deactivation_stops_a_token(testapp, portal, alice):
    token = issue_token(testapp, "alice", PASSWORD)
    alice.active = False
    commit(portal)
    testapp.get("/api/v1/me", headers=bearer(token), status=403)


def test_revoking_the_current_token(testapp, alice):
    token = issue_token(testapp, "alice", PASSWORD)
    other = issue_token(testapp, "alice", PASSWORD)
    response = testapp.delete("/api/v1/tokens/current", headers=bearer(token))
    assert response.status_int == 204
    assert response.body == b""
    testapp.get("/api/v1/me", headers=bearer(token), status=403)
    testapp.delete("/api/v1/tokens/current", headers=bearer(token), status=403)
    # Only that token: the account's other tokens keep working.
    testapp.get("/api/v1/me", headers=bearer(other), status=200)


def test_revoking_needs_a_token(testapp):
    response = testapp.delete("/api/v1/tokens/current", status=403)
    assert response.json["status"] == "error"


def test_revoking_from_a_browser_session_names_the_missing_token(testapp, alice):
    login(testapp, "alice", PASSWORD)
    response = testapp.delete(
        "/api/v1/tokens/current",
        headers={"X-CSRF-Token": csrf_token(testapp)},
        status=400,
    )
    assert response.json["errors"][0]["name"] == "Authorization"


def test_cookie_carrying_post_without_csrf_token_is_refused(testapp, alice):
    """A browser session's cookie is ambient: JSON alone is no CSRF defence."""
    login(testapp, "alice", PASSWORD)
    response = testapp.post_json(
        "/api/v1/tokens", {"login": "alice", "password": PASSWORD}, status=400
    )
    assert response.json["errors"][0]["name"] == "X-CSRF-Token"


def test_cookie_carrying_post_with_csrf_token_is_accepted(testapp, alice):
    login(testapp, "alice", PASSWORD)
    testapp.post_json(
        "/api/v1/tokens",
        {"login": "alice", "password": PASSWORD},
        headers={"X-CSRF-Token": csrf_token(testapp)},
        status=201,
    )


def test_demo_account_gets_a_token(testapp):
    """The demo profile's accounts work through the API (documented password)."""
    token = issue_token(testapp, "secretariat", DEMO_PASSWORD)
    me = testapp.get("/api/v1/me", headers=bearer(token)).json
    assert "secretariat" in me["roles"]


def test_issuing_and_revoking_are_security_events(testapp, app, alice):
    token = issue_token(testapp, "alice", PASSWORD)
    testapp.delete("/api/v1/tokens/current", headers=bearer(token), status=204)
    log = app.registry.sherloc_security_log.path.read_text().splitlines()
    events = [json.loads(line) for line in log[-2:]]
    assert [(e["event"], e["login"]) for e in events] == [
        ("api.token.issued", "alice"),
        ("api.token.revoked", "alice"),
    ]
    assert token not in "".join(log)
