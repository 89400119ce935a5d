"""Failed logins are throttled per account and per client address."""

import time

import pytest
import transaction

from sherloc_portal.accounts import throttle
from sherloc_portal.accounts.security_log import verify_chain
from sherloc_portal.accounts.testing import add_user
from sherloc_portal.testing import DEMO_PASSWORD, login

PAUSED = "Too many failed attempts to log in."
WRONG = "The login or the password is not correct."


@pytest.fixture
def limit(app):
    return app.registry.sherloc_settings.login_attempts


@pytest.fixture
def alice(app, portal):
    return add_user(app, portal, "alice")


def _fail(testapp, user, times, addr="127.0.0.1"):
    for _ in range(times):
        testapp.extra_environ["REMOTE_ADDR"] = addr
        response = login(testapp, user, "wrong-password-123", status=200)
    return response


def test_an_account_is_paused_after_too_many_failures(testapp, alice, limit):
    response = _fail(testapp, "alice", limit)
    assert PAUSED not in response.text
    # Even the right password is refused now, from another address too.
    testapp.extra_environ["REMOTE_ADDR"] = "192.0.2.7"
    paused = login(testapp, "alice", DEMO_PASSWORD, status=200)
    assert PAUSED in paused.text
    assert "try again in 15 minutes" in paused.text
    testapp.get("/account", status=303)


@pytest.fixture
def address_limit(app):
    return app.registry.sherloc_settings.login_attempts_per_address


def test_one_address_is_paused_after_too_many_failures(
    app, portal, testapp, address_limit
):
    add_user(app, portal, "bob")
    for n in range(address_limit):
        _fail(testapp, f"guess-{n}", 1, addr="198.51.100.9")
    paused = login(testapp, "bob", DEMO_PASSWORD, status=200)
    assert PAUSED in paused.text
    # Another address is not concerned.
    testapp.extra_environ["REMOTE_ADDR"] = "203.0.113.5"
    login(testapp, "bob", DEMO_PASSWORD)


def test_an_office_behind_one_address_is_not_paused_by_a_few_typos(
    app, portal, testapp, limit, address_limit
):
    """Colleagues' typos from one address pause no one below the address limit."""
    assert address_limit > limit
    add_user(app, portal, "bob")
    for n in range(limit):
        _fail(testapp, f"colleague-{n}", 1, addr="198.51.100.9")
    login(testapp, "bob", DEMO_PASSWORD)


def test_failures_below_the_limit_do_not_pause(testapp, alice, limit):
    _fail(testapp, "alice", limit - 1)
    login(testapp, "alice")


def test_the_pause_ends_after_the_window(app, testapp, alice, limit, monkeypatch):
    _fail(testapp, "alice", limit)
    window = app.registry.sherloc_settings.login_window
    later = time.time() + window + 1
    monkeypatch.setattr(throttle.time, "time", lambda: later)
    login(testapp, "alice")


def test_a_success_does_not_write_the_throttle(app, db, testapp, alice):
    login(testapp, "alice")
    conn = db.open(transaction_manager=transaction.TransactionManager())
    try:
        assert throttle.ROOT_KEY not in conn.root()
    finally:
        conn.close()


def test_counters_survive_in_the_database(app, db, testapp, alice, limit):
    _fail(testapp, "alice", 2)
    conn = db.open(transaction_manager=transaction.TransactionManager())
    try:
        events = conn.root()[throttle.ROOT_KEY].events
        assert len(events["login:alice"]) == 2
        assert len(events["addr:127.0.0.1"]) == 2
    finally:
        conn.close()


def test_throttling_is_logged(app, testapp, alice, limit):
    _fail(testapp, "alice", limit)
    login(testapp, "alice", status=200)
    log = app.registry.sherloc_security_log.path
    assert '"event": "login.throttled"' in log.read_text().splitlines()[-1]
    assert verify_chain(log).ok


def test_stale_entries_are_swept():
    store = throttle.Throttle()
    store.record(["addr:a", "addr:b", "addr:c"], keep=5, window=60, now=1000)
    store.record(["addr:0"], keep=5, window=60, now=2000)
    assert list(store.events) == ["addr:0"]
    assert store.retry_after(["addr:0"], limit=1, window=60, now=2001) == 2060
    assert store.retry_after(["addr:0"], limit=2, window=60, now=2001) is None


def test_only_the_newest_events_are_kept():
    store = throttle.Throttle()
    for n in range(10):
        store.record(["login:x"], keep=3, window=600, now=1000 + n)
    assert store.events["login:x"] == (1007, 1008, 1009)


@pytest.mark.parametrize(
    ("variant", "answer"),
    [
        # Normalised to the paused account's key: paused too.
        ("  ALICE\t", PAUSED),
        # Used to be cut to 128 characters, then stripped into "alice".
        ("alice" + "\t" * 123 + "x", "Longer than maximum length 64"),
        ("alice" + " " * 70 + "y", "Longer than maximum length 64"),
        # No account could have it: refused, never looked up.
        ("alice\u2003z", WRONG),
    ],
)
def test_a_variant_of_a_paused_login_gets_no_fresh_allowance(
    app, testapp, alice, limit, variant, answer
):
    _fail(testapp, "alice", limit)
    testapp.extra_environ["REMOTE_ADDR"] = "192.0.2.99"
    refused = login(testapp, variant, DEMO_PASSWORD, status=200)
    assert answer in refused.text
    testapp.get("/account", status=303)


def test_a_malformed_login_counts_against_the_address_only(app, db, testapp, alice):
    """Each variant would otherwise open a throttle key of its own."""
    login(testapp, "alice\u2003z", "wrong-password-123", status=200)
    conn = db.open(transaction_manager=transaction.TransactionManager())
    try:
        assert list(conn.root()[throttle.ROOT_KEY].events) == ["addr:127.0.0.1"]
    finally:
        conn.close()
