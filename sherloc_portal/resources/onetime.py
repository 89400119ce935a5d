"""Single-use, expiring tokens for links sent by e-mail (reset, invitation).

Only a SHA-256 digest is stored; consuming a token deletes it, so a link
works once.  Issuing a new token for the same purpose and login invalidates
the previous one (a resent invitation makes the old link dead).
"""

from __future__ import annotations

import hashlib
import secrets
import time

from BTrees.OOBTree import OOBTree
from persistent import Persistent


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class OneTimeTokens(Persistent):
    """``(purpose, digest) -> (login, expires)`` plus the live digest per login."""

    def __init__(self) -> None:
        self.tokens = OOBTree()
        self.latest = OOBTree()

    def issue(
        self, purpose: str, login: str, max_age: int, now: float | None = None
    ) -> str:
        now = time.time() if now is None else now
        previous = self.latest.get((purpose, login))
        if previous is not None:
            self.tokens.pop((purpose, previous), None)
        token = secrets.token_urlsafe(32)
        digest = _digest(token)
        self.tokens[(purpose, digest)] = (login, now + max_age)
        self.latest[(purpose, login)] = digest
        return token

    def peek(self, purpose: str, token: str, now: float | None = None) -> str | None:
        """The login a live token belongs to, without using it up."""
        now = time.time() if now is None else now
        entry = self.tokens.get((purpose, _digest(token or "")))
        if entry is None or entry[1] < now:
            return None
        return entry[0]

    def revoke(self, purpose: str, login: str) -> bool:
        """Kill the live token of ``login`` for ``purpose``, if any."""
        digest = self.latest.pop((purpose, login), None)
        if digest is None:
            return False
        self.tokens.pop((purpose, digest), None)
        return True

    def consume(self, purpose: str, token: str, now: float | None = None) -> str | None:
        """Use a token up: return its login, or ``None`` if dead or unknown."""
        login = self.peek(purpose, token, now)
        if login is None:
            return None
        digest = _digest(token)
        del self.tokens[(purpose, digest)]
        if self.latest.get((purpose, login)) == digest:
            del self.latest[(purpose, login)]
        return login
