"""Password reset through a mailed, expiring, single-use link."""

import time

import pytest
import webtest

from sherloc_portal.accounts import mails
from sherloc_portal.accounts.testing import add_user, link_path
from sherloc_portal.resources import onetime
from sherloc_portal.testing import DEMO_PASSWORD, csrf_token, login

NEW_PASSWORD = "reset-password-for-alice"
SENT = "If an account matches what you entered"


@pytest.fixture
def alice(app, portal):
    return add_user(app, portal, "alice", email="Alice@Example.org")


def _ask(testapp, identifier):
    form = testapp.get("/password-reset").forms["reset-request-form"]
    form["identifier"] = identifier
    return form.submit("send", status=303).follow()


def _set(testapp, path, password=NEW_PASSWORD, status=303):
    form = testapp.get(path).forms["reset-form"]
    form["new_password"] = password
    form["confirm_password"] = password
    return form.submit("save", status=status)


@pytest.mark.parametrize("identifier", ["alice", "ALICE@example.org"])
def test_reset_by_login_or_email_sends_one_link(testapp, outbox, alice, identifier):
    page = _ask(testapp, identifier)
    assert SENT in page.text
    [mail] = outbox()
    assert mail["To"] == "alice@example.org"
    path = link_path(mail)
    assert path.startswith("/password-reset/")
    _set(testapp, path)
    login(testapp, "alice", DEMO_PASSWORD, status=200)
    login(testapp, "alice", NEW_PASSWORD)


def test_the_mail_holds_a_link_from_the_public_url_and_nothing_else(
    app, testapp, outbox, alice
):
    _ask(testapp, "alice")
    [mail] = outbox()
    body = mail.get_payload(decode=True).decode()
    public = app.registry.sherloc_settings.public_url
    assert f"{public}/password-reset/" in body
    assert DEMO_PASSWORD not in body and "Alice@" not in body


def test_unknown_accounts_get_the_same_answer_and_no_mail(testapp, outbox, alice):
    known = _ask(testapp, "alice")
    unknown = _ask(testapp, "nobody@example.org")
    assert SENT in unknown.text
    assert known.status == unknown.status
    assert len(outbox()) == 1


def test_inactive_accounts_get_no_mail(app, portal, testapp, outbox):
    add_user(app, portal, "gone", active=False)
    assert SENT in _ask(testapp, "gone").text
    assert outbox() == []


def test_a_link_works_once(testapp, outbox, alice):
    _ask(testapp, "alice")
    path = link_path(outbox()[0])
    _set(testapp, path)
    dead = testapp.get(path, status=410)
    assert "The link has expired or has already been used" in dead.text


def test_a_new_link_kills_the_previous_one(testapp, outbox, alice):
    _ask(testapp, "alice")
    _ask(testapp, "alice")
    first, second = (link_path(m) for m in outbox())
    testapp.get(first, status=410)
    _set(testapp, second)


def test_an_expired_link_is_refused(app, testapp, outbox, alice, monkeypatch):
    _ask(testapp, "alice")
    path = link_path(outbox()[0])
    later = time.time() + app.registry.sherloc_settings.reset_max_age + 1
    monkeypatch.setattr(onetime.time, "time", lambda: later)
    testapp.get(path, status=410)


def test_a_reset_ends_sessions_and_is_logged(app, testapp, outbox, alice):
    import webtest

    other = webtest.TestApp(testapp.app, extra_environ=dict(testapp.extra_environ))
    login(other, "alice")
    _ask(testapp, "alice")
    _set(testapp, link_path(outbox()[0]))
    log = app.registry.sherloc_security_log.path
    lines = log.read_text().splitlines()
    assert '"event": "password.reset"' in lines[-1]
    other.get("/account", status=303)


def test_short_or_different_passwords_are_field_errors(testapp, outbox, alice):
    _ask(testapp, "alice")
    path = link_path(outbox()[0])
    short = _set(testapp, path, "short", status=200)
    assert "at least 12 characters" in short.text
    assert short.html.find(id="reset-form-new_password")["aria-invalid"] == "true"
    # A refused form does not use the link up.
    _set(testapp, path)


def test_reset_requests_are_throttled_per_address(app, testapp, outbox, alice):
    limit = app.registry.sherloc_settings.login_attempts_per_address
    for n in range(limit):
        _ask(testapp, f"someone-{n}")
    form = testapp.get("/password-reset").forms["reset-request-form"]
    form["identifier"] = "alice"
    paused = form.submit("send", status=200)
    assert "Too many requests for a new password" in paused.text
    assert outbox() == []


def test_reset_requests_for_one_account_are_silently_capped(
    app, testapp, outbox, alice
):
    limit = app.registry.sherloc_settings.login_attempts
    for n in range(limit + 2):
        testapp.extra_environ["REMOTE_ADDR"] = f"192.0.2.{n + 1}"
        assert SENT in _ask(testapp, "alice").text
    assert len(outbox()) == limit


def test_the_link_page_sends_no_referrer(testapp, outbox, alice):
    _ask(testapp, "alice")
    page = testapp.get(link_path(outbox()[0]))
    assert page.headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize(("language", "expected"), [("fr", "fr"), ("", "es")])
def test_the_mail_is_in_the_users_language_else_the_requests(
    app, portal, testapp, outbox, monkeypatch, language, expected
):
    chosen = []
    real = mails.localizer_for

    def spy(request, lang):
        chosen.append(lang)
        return real(request, lang)

    monkeypatch.setattr(mails, "localizer_for", spy)
    add_user(app, portal, "pierre", language=language)
    testapp.set_cookie("sherloc_lang", "es")
    _ask(testapp, "pierre")
    assert chosen == [expected]
    assert len(outbox()) == 1


def test_a_reset_link_dies_when_the_password_is_changed(testapp, outbox, alice):
    """A link asked for earlier must not undo a later password change."""
    _ask(testapp, "alice")
    path = link_path(outbox()[0])
    login(testapp, "alice")
    form = testapp.get("/account").forms["password-form"]
    form["current_password"] = DEMO_PASSWORD
    form["new_password"] = form["confirm_password"] = "a-newer-password-2026"
    form.submit("change").follow()
    testapp.get(path, status=410)


def test_a_reset_link_dies_when_the_account_is_deactivated(
    app, portal, testapp, outbox, alice
):
    """Reactivating the account later does not bring the old link back."""
    _ask(testapp, "alice")
    path = link_path(outbox()[0])
    add_user(app, portal, "sec", roles=("secretariat",))
    manager = webtest.TestApp(app, extra_environ=dict(testapp.extra_environ))
    login(manager, "sec")
    for action in ("deactivate", "reactivate"):
        manager.post(f"/users/alice/{action}", {"csrf_token": csrf_token(manager)})
    testapp.get(path, status=410)
