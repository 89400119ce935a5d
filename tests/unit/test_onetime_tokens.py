"""Single-use, expiring tokens for links sent by mail."""

import pytest

from sherloc_portal.resources.onetime import OneTimeTokens


@pytest.fixture
def tokens():
    return OneTimeTokens()


def test_a_token_works_once(tokens):
    token = tokens.issue("reset", "alice", 60, now=1000)
    assert tokens.peek("reset", token, now=1001) == "alice"
    assert tokens.peek("reset", token, now=1001) == "alice"  # peeking keeps it
    assert tokens.consume("reset", token, now=1002) == "alice"
    assert tokens.consume("reset", token, now=1003) is None
    assert tokens.peek("reset", token, now=1003) is None


def test_a_token_expires(tokens):
    token = tokens.issue("reset", "alice", 60, now=1000)
    assert tokens.peek("reset", token, now=1060) == "alice"
    assert tokens.peek("reset", token, now=1061) is None
    assert tokens.consume("reset", token, now=1061) is None


def test_a_new_token_kills_the_previous_one(tokens):
    old = tokens.issue("invitation", "bob", 60, now=1000)
    new = tokens.issue("invitation", "bob", 60, now=1001)
    assert tokens.consume("invitation", old, now=1002) is None
    assert tokens.consume("invitation", new, now=1002) == "bob"


def test_purposes_and_users_are_separate(tokens):
    reset = tokens.issue("reset", "alice", 60, now=1000)
    invitation = tokens.issue("invitation", "alice", 60, now=1000)
    other = tokens.issue("reset", "bob", 60, now=1000)
    assert tokens.peek("invitation", reset, now=1001) is None
    assert tokens.consume("reset", reset, now=1001) == "alice"
    assert tokens.consume("invitation", invitation, now=1001) == "alice"
    assert tokens.consume("reset", other, now=1001) == "bob"


def test_only_digests_are_stored(tokens):
    token = tokens.issue("reset", "alice", 60, now=1000)
    stored = [key for _, key in tokens.tokens] + list(tokens.latest.values())
    assert token not in stored
    assert all(len(key) == 64 for key in stored)


@pytest.mark.parametrize("token", ["", None, "guess"])
def test_unknown_tokens_are_refused(tokens, token):
    tokens.issue("reset", "alice", 60, now=1000)
    assert tokens.consume("reset", token, now=1001) is None


def test_revoking_kills_the_live_token_only_for_its_purpose(tokens):
    reset = tokens.issue("reset", "alice", 60, now=1000)
    invitation = tokens.issue("invitation", "alice", 60, now=1000)
    assert tokens.revoke("reset", "alice") is True
    assert tokens.peek("reset", reset, now=1001) is None
    assert tokens.revoke("reset", "alice") is False  # nothing left to revoke
    assert tokens.consume("invitation", invitation, now=1001) == "alice"
