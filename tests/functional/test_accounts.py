"""Login, logout, the account page and password change, through the real forms."""

import threading

import pytest

from sherloc_portal.accounts.security_log import ChainReport, SecurityLog, verify_chain
from sherloc_portal.accounts.testing import add_user
from sherloc_portal.testing import DEMO_PASSWORD, commit, csrf_token, login

NEW_PASSWORD = "a-brand-new-password-42"


@pytest.fixture
def alice(app, portal):
    return add_user(app, portal, "alice", roles=("secretariat",))


def _fresh(testapp):
    """A second browser on the same app (its own cookie jar)."""
    import webtest

    return webtest.TestApp(testapp.app, extra_environ=dict(testapp.extra_environ))


def test_login_form_has_stable_ids_and_labels(testapp):
    page = testapp.get("/login")
    form = page.forms["login-form"]
    assert {"login", "password", "csrf_token"} <= set(form.fields)
    assert page.html.find("label", attrs={"for": "login-form-login"})
    assert page.html.find("label", attrs={"for": "login-form-password"})
    assert page.html.find("input", id="login-form-password")["type"] == "password"


def test_login_with_the_right_password_starts_a_session(testapp, alice):
    response = login(testapp, "alice")
    assert response.location == "http://localhost/"
    account = testapp.get("/account")
    assert "alice" in account.text
    assert "Secretariat" in account.text


def test_login_is_case_insensitive_on_the_login(testapp, alice):
    login(testapp, " ALICE ")
    testapp.get("/account", status=200)


@pytest.mark.parametrize(
    ("user", "password"),
    [("alice", "wrong-password-123"), ("nobody-here", DEMO_PASSWORD)],
)
def test_wrong_password_and_unknown_user_get_the_same_answer(
    testapp, alice, user, password
):
    response = login(testapp, user, password, status=200)
    assert "The login or the password is not correct." in response.text
    assert response.html.find(id="login-form-errors")
    testapp.get("/account", status=303)


def test_an_inactive_user_cannot_log_in(app, portal, testapp):
    """Refused with the wrong-password answer: "inactive" would confirm the
    password to a guesser.  The security log keeps the real reason."""
    add_user(app, portal, "bob", active=False)
    response = login(testapp, "bob", status=200)
    assert "The login or the password is not correct." in response.text
    assert "not active" not in response.text
    testapp.get("/account", status=303)
    log = app.registry.sherloc_security_log.path.read_text().splitlines()
    bob = [line for line in log if '"login": "bob"' in line]
    assert '"event": "login.inactive"' in bob[-1]


def test_a_pending_invitation_without_password_cannot_log_in(app, portal, testapp):
    add_user(app, portal, "carol", password="", active=False)
    response = login(testapp, "carol", "any-password-at-all", status=200)
    assert "The login or the password is not correct." in response.text


def test_a_login_rotates_the_session(testapp, alice):
    testapp.get("/login")
    before = testapp.cookies["sherloc_session"]
    login(testapp, "alice")
    assert testapp.cookies["sherloc_session"] != before


@pytest.mark.parametrize(
    "came_from",
    [
        "https://evil.example/",
        "//evil.example/path",
        "/\\evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
    ],
)
def test_came_from_never_leaves_the_site(testapp, alice, came_from):
    form = testapp.get("/login", params={"came_from": came_from}).forms["login-form"]
    form["login"] = "alice"
    form["password"] = DEMO_PASSWORD
    response = form.submit(status=303)
    assert response.location == "http://localhost/"


def test_came_from_a_local_page_is_followed(testapp, alice):
    redirect = testapp.get("/account", status=303)
    login_page = testapp.get(redirect.location)
    form = login_page.forms["login-form"]
    assert form["came_from"].value == "/account"
    form["login"] = "alice"
    form["password"] = DEMO_PASSWORD
    assert form.submit(status=303).location == "http://localhost/account"


def test_logout_ends_the_session_and_the_old_cookie_no_longer_works(testapp, alice):
    login(testapp, "alice")
    old_cookie = testapp.cookies["sherloc_session"]
    testapp.post("/logout", {"csrf_token": csrf_token(testapp)}, status=303)
    testapp.get("/account", status=303)
    # Replaying the cookie captured before logging out: the epoch moved on.
    testapp.set_cookie("sherloc_session", old_cookie)
    testapp.get("/account", status=303)


def test_logout_needs_a_csrf_token(testapp, alice):
    login(testapp, "alice")
    testapp.post("/logout", status=400)
    testapp.get("/account", status=200)


def test_account_page_refuses_anonymous_visitors(testapp):
    response = testapp.get("/account", status=303)
    assert "/login?came_from=%2Faccount" in response.location


def _change_password(testapp, current, new, confirm=None, status=303):
    form = testapp.get("/account").forms["password-form"]
    form["current_password"] = current
    form["new_password"] = new
    form["confirm_password"] = new if confirm is None else confirm
    return form.submit("change", status=status)


def test_password_change_keeps_this_session_and_ends_the_others(app, testapp, alice):
    other = _fresh(testapp)
    login(other, "alice")
    login(testapp, "alice")
    _change_password(testapp, DEMO_PASSWORD, NEW_PASSWORD)
    assert "Your password has been changed" in testapp.get("/account").text
    other.get("/account", status=303)
    login(_fresh(testapp), "alice", DEMO_PASSWORD, status=200)
    login(_fresh(testapp), "alice", NEW_PASSWORD)


def test_password_change_field_errors(testapp, alice):
    login(testapp, "alice")
    wrong = _change_password(testapp, "not-my-password", NEW_PASSWORD, status=200)
    current = wrong.html.find(id="password-form-current_password")
    assert current["aria-invalid"] == "true"
    assert wrong.html.find(id=current["aria-describedby"]).text.strip() == (
        "The current password is not correct."
    )
    short = _change_password(testapp, DEMO_PASSWORD, "short", status=200)
    assert "at least 12 characters" in short.text
    mismatch = _change_password(
        testapp, DEMO_PASSWORD, NEW_PASSWORD, confirm=NEW_PASSWORD + "x", status=200
    )
    assert "The two passwords are not the same." in mismatch.text
    # Nothing changed: the old password still works elsewhere.
    login(_fresh(testapp), "alice")


def test_password_change_also_revokes_api_tokens(testapp, portal, alice):
    token = portal.tokens.issue(portal["users"]["alice"], 3600)
    commit(portal)
    bearer = {"Authorization": f"Bearer {token}"}
    testapp.get("/account", headers=bearer, status=200)
    login(testapp, "alice")
    _change_password(testapp, DEMO_PASSWORD, NEW_PASSWORD)
    testapp.get("/account", headers=bearer, status=303)


def test_security_events_are_chained(app, testapp, alice):
    login(testapp, "alice", "wrong-password-123", status=200)
    login(testapp, "alice")
    log = app.registry.sherloc_security_log.path
    lines = log.read_text().splitlines()
    assert '"event": "login.failed"' in lines[-2]
    assert '"event": "login.succeeded"' in lines[-1]
    assert verify_chain(log).ok


def test_form_messages_follow_each_requests_language(testapp):
    """deform's renderer is shared, its translator is the request's."""
    for language, required in [("fr", "Requis"), ("en", "Required"), ("es", None)]:
        testapp.set_cookie("sherloc_lang", language)
        form = testapp.get("/login").forms["login-form"]
        page = form.submit("submit", status=200)
        message = page.html.find(id="error-login-form-login").text.strip()
        if required is None:
            assert message not in ("Requis", "Required")
        else:
            assert message == required


def test_the_security_log_chain_detects_tampering(tmp_path):
    log = SecurityLog(tmp_path / "events.log")
    for n in range(4):
        log.append("login.failed", login=f"user-{n}")
    assert verify_chain(log.path) == ChainReport(True, 4)
    lines = log.path.read_text().splitlines(keepends=True)

    edited = [*lines]
    edited[1] = edited[1].replace("user-1", "someone-else")
    log.path.write_text("".join(edited))
    assert verify_chain(log.path).broken_at == 3

    log.path.write_text("".join([lines[0], *lines[2:]]))  # a line deleted
    assert verify_chain(log.path).broken_at == 2

    log.path.write_text("".join(lines[1:]))  # the head cut off
    assert verify_chain(log.path).broken_at == 1


def test_the_security_log_takes_text_that_is_not_unicode(tmp_path):
    """A lone surrogate (valid JSON, not text) is logged escaped, not a 500."""
    log = SecurityLog(tmp_path / "events.log")
    log.append("login.failed", login="\ud800")
    log.append("login.failed", login="ok")
    assert verify_chain(log.path) == ChainReport(True, 2)
    assert "\\ud800" in log.path.read_text(encoding="ascii")


def test_an_undecodable_login_is_a_wrong_login(testapp):
    """Bytes that are not UTF-8 (a lone surrogate's) get the usual answer."""
    body = {"csrf_token": csrf_token(testapp), "password": "x", "submit": "submit"}
    response = testapp.post(
        "/login",
        "login=%ED%A0%80&" + "&".join(f"{k}={v}" for k, v in body.items()),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        status=200,
    )
    assert "The login or the password is not correct." in response.text


def test_concurrent_writers_keep_the_chain(tmp_path):
    log = SecurityLog(tmp_path / "events.log")

    def write(n):
        for i in range(25):
            log.append("login.failed", login=f"t{n}-{i}")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert verify_chain(log.path) == ChainReport(True, 100)


def test_a_hash_with_old_parameters_is_replaced_at_login(app, portal, testapp, db):
    from sherloc_portal.security.passwords import Passwords

    old = Passwords(time_cost=2, memory_cost=64).hash(DEMO_PASSWORD)
    user = add_user(app, portal, "olga")
    user.password_hash = old
    commit(portal)
    passwords = app.registry.sherloc_passwords
    assert passwords.needs_rehash(old)
    login(testapp, "olga")
    commit(portal)  # ends the fixture's transaction: the next one sees the login
    stored = portal["users"]["olga"].password_hash
    assert stored != old
    assert not passwords.needs_rehash(stored)
    assert passwords.verify(stored, DEMO_PASSWORD)
