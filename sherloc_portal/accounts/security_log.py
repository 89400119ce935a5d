"""The security event log: append-only, hash-chained, outside the ZODB.

Failed logins, throttling, password changes and resets are written here
(SECURITY.md §9).  A denied or failed request's transaction is aborted, so
these events cannot live in the database; they go to a file, one JSON object
per line, each carrying in ``prev`` the SHA-256 of the line before it (the
first line carries :data:`GENESIS`).  Deleting, reordering or editing a line
breaks the chain, which :func:`verify_chain` detects.

Writers in several threads and processes are serialized with an exclusive
``flock`` on the file itself; each line is flushed and fsynced before the
lock is released.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GENESIS = "0" * 64


def _line_hash(line: bytes) -> str:
    return hashlib.sha256(line.rstrip(b"\n")).hexdigest()


def _last_line(fd: int) -> bytes | None:
    """The last line of the open file, read backwards from its end."""
    end = os.lseek(fd, 0, os.SEEK_END)
    if end == 0:
        return None
    chunk = b""
    pos = end
    while pos > 0:
        step = min(4096, pos)
        pos -= step
        os.lseek(fd, pos, os.SEEK_SET)
        chunk = os.read(fd, step) + chunk
        body = chunk.rstrip(b"\n")
        newline = body.rfind(b"\n")
        if newline >= 0:
            return body[newline + 1 :]
    return chunk.rstrip(b"\n")


class SecurityLog:
    """Appends security events to ``path`` (``registry.sherloc_security_log``)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    def append(self, event: str, **fields: Any) -> dict[str, Any]:
        """Write one event; returns the record as written."""
        with self._lock:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                last = _last_line(fd)
                record = {
                    "time": round(time.time(), 3),
                    "event": event,
                    **fields,
                    "prev": GENESIS if last is None else _line_hash(last),
                }
                # ASCII escapes: a lone surrogate sent by a client cannot break the
                # log (nor the chain of hashes over its lines).
                line = json.dumps(record, ensure_ascii=True, sort_keys=True)
                os.write(fd, line.encode("utf-8") + b"\n")
                os.fsync(fd)
            finally:
                os.close(fd)
        return record


@dataclass(frozen=True)
class ChainReport:
    """The outcome of :func:`verify_chain`: ``broken_at`` is a 1-based line."""

    ok: bool
    lines: int
    broken_at: int | None = None


def verify_chain(path: Path) -> ChainReport:
    """Check that every line's ``prev`` is the hash of the line before it."""
    path = Path(path)
    if not path.exists():
        return ChainReport(True, 0)
    expected = GENESIS
    count = 0
    with path.open("rb") as f:
        for count, line in enumerate(f, start=1):
            try:
                prev = json.loads(line)["prev"]
            except (ValueError, KeyError, TypeError):
                return ChainReport(False, count, count)
            if prev != expected:
                return ChainReport(False, count, count)
            expected = _line_hash(line)
    return ChainReport(True, count)


def client_address(request) -> str:
    """The peer address as the WSGI server reports it.

    ``REMOTE_ADDR``, not ``X-Forwarded-For`` (which anyone can send): behind
    a reverse proxy, let the server (waitress ``trusted_proxy``) set it.
    """
    return request.remote_addr or "unknown"


def log_event(request, event: str, **fields: Any) -> None:
    """Log a security event now, whatever becomes of the transaction."""
    identity = request.identity
    request.registry.sherloc_security_log.append(
        event,
        addr=client_address(request),
        actor=identity.login if identity else "",
        **fields,
    )


class _EventsOnCommit:
    """A transaction data manager that writes its events once committed.

    A data manager rather than an after-commit hook: the transaction package
    aborts every resource again after running such hooks, which repoze.sendmail's
    maildir refuses (a logged error) once a mail is queued in the same
    transaction.
    """

    def __init__(self, security_log: SecurityLog, transaction_manager) -> None:
        self.security_log = security_log
        self.transaction_manager = transaction_manager
        self.records: list[tuple[str, dict[str, Any]]] = []

    def sortKey(self) -> str:  # noqa: N802 (the transaction package's name)
        return "~sherloc-security-log"

    def abort(self, txn) -> None:
        self.records.clear()

    tpc_abort = abort

    def tpc_begin(self, txn) -> None:
        pass

    def commit(self, txn) -> None:
        pass

    def tpc_vote(self, txn) -> None:
        pass

    def tpc_finish(self, txn) -> None:
        for event, fields in self.records:
            self.security_log.append(event, **fields)
        self.records.clear()


def log_event_on_commit(request, event: str, **fields: Any) -> None:
    """Log a security event once the request's transaction has committed.

    For changes (password set, account deactivated): an aborted request
    changed nothing, so nothing is logged.
    """
    identity = request.identity
    record = {
        "addr": client_address(request),
        "actor": identity.login if identity else "",
        **fields,
    }
    manager = _EventsOnCommit(request.registry.sherloc_security_log, request.tm)
    manager.records.append((event, record))
    request.tm.get().join(manager)
