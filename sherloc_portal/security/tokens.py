"""Bearer tokens for the JSON API.

Only the SHA-256 of a token is stored, so a copy of the database gives no
usable token.  A token carries the user's ``credentials_epoch`` at issue time: a
password change or deactivation (which bumps that epoch) revokes it, while
logging out of a browser session does not.
"""

from __future__ import annotations

import hashlib
import itertools
import secrets
import time

from BTrees.OOBTree import OOBTree
from persistent import Persistent


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class TokenStore(Persistent):
    """Issued tokens keyed by digest: ``(login, epoch, expires)``."""

    def __init__(self) -> None:
        self.data = OOBTree()

    def issue(self, user, max_age: int, now: float | None = None) -> str:
        now = time.time() if now is None else now
        token = secrets.token_urlsafe(32)
        self.data[_digest(token)] = (
            user.login,
            user.credentials_epoch,
            now + max_age,
        )
        self._prune(now)
        return token

    def resolve(self, token: str, now: float | None = None):
        """Return ``(login, epoch)`` for a live token, else ``None``."""
        now = time.time() if now is None else now
        entry = self.data.get(_digest(token))
        if entry is None or entry[2] < now:
            return None
        return entry[0], entry[1]

    def revoke(self, token: str) -> bool:
        return self.data.pop(_digest(token), None) is not None

    def _prune(self, now: float, limit: int = 20) -> None:
        """Look at a few tokens on each issue and drop the expired ones.

        Keys are random digests, so successive calls sample the tree evenly
        enough to keep it small without ever scanning it whole.
        """
        start = secrets.token_hex(32)
        window = itertools.islice(self.data.items(start), limit)
        expired = [k for k, v in window if v[2] < now]
        for key in expired:
            del self.data[key]


def token_store(root) -> TokenStore:
    """The root's token store (created on the portal root by the bootstrap)."""
    return root.tokens
