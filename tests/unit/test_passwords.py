"""argon2id password hashing."""

import pytest

from sherloc_portal.security.passwords import MIN_LENGTH, Passwords


@pytest.fixture
def passwords():
    return Passwords(time_cost=1, memory_cost=64)


def test_hashes_are_argon2id_and_salted(passwords):
    first = passwords.hash("correct horse battery")
    second = passwords.hash("correct horse battery")
    assert first.startswith("$argon2id$")
    assert first != second


def test_verify_accepts_the_password_and_nothing_else(passwords):
    stored = passwords.hash("correct horse battery")
    assert passwords.verify(stored, "correct horse battery")
    assert not passwords.verify(stored, "correct horse batterY")
    assert not passwords.verify(stored, "")


@pytest.mark.parametrize("stored", ["", "not-a-hash", "$argon2id$v=19$broken"])
def test_a_missing_or_broken_hash_never_verifies(passwords, stored):
    assert not passwords.verify(stored, "anything")


def test_changed_parameters_ask_for_a_rehash(passwords):
    stored = passwords.hash("correct horse battery")
    assert not passwords.needs_rehash(stored)
    stronger = Passwords(time_cost=2, memory_cost=64)
    assert stronger.needs_rehash(stored)
    assert stronger.verify(stored, "correct horse battery")


def test_the_minimum_length_is_twelve():
    # ASVS 2.1.1: at least 12 characters.
    assert MIN_LENGTH == 12
