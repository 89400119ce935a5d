"""Fixtures of the dialogue's tests: Italy's phase 1 of the demo.

After the demo profile Italy has submitted every instrument; its reviewers
are PRT (every instrument), SYR (every instrument but the Firearms
Protocol) and OMN (an additional reviewer, the Firearms Protocol only).
PRT released its written feedback (a request still open), SYR drafts, and
the dialogue holds a general thread (two messages) and a record (¶36).
"""

from __future__ import annotations

import pytest


class Author:
    """What the acts read of a user: its login and State."""

    def __init__(self, login: str, state: str = "") -> None:
        self.login, self.state = login, state


@pytest.fixture
def mechanism(portal):
    return portal["review"]


@pytest.fixture
def italy(mechanism):
    return mechanism["countries"]["ITA"].phases[1]


@pytest.fixture
def dialogue(italy):
    return italy.dialogue
