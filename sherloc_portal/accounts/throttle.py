"""Throttling of login attempts and reset requests, shared by all processes.

Counters live in the ZODB (so every worker and every ZEO client sees them)
under the database root key :data:`ROOT_KEY`: an ``OOBTree`` keyed by
``login:<login>``, ``addr:<ip>`` (and ``reset:…`` for reset requests) whose
values are small tuples of the newest event times.

They are written in a transaction of their own, committed at once: a failed
login must count even though the request that saw it ends with an error
(and an aborted request's writes vanish).  Successful logins only *read*
them (and clear their own account's failures if there were any), so signing
in never writes to a shared object.  Each write also sweeps a few
neighbouring keys whose events are all out of the window, keeping the tree
small without ever scanning it whole.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from ZODB.POSException import ConflictError

from ..zodb import run_in_transaction

ROOT_KEY = "sherloc_throttle"
_SWEEP = 8
_RETRIES = 5


class Throttle(Persistent):
    """``key -> (time, …)``: the newest events per key, at most ``keep``."""

    def __init__(self) -> None:
        self.events = OOBTree()

    def retry_after(
        self, keys: Iterable[str], limit: int, window: int, now: float
    ) -> float | None:
        """When the first throttled key frees up, or ``None`` if none is."""
        until = None
        for key in keys:
            recent = [t for t in self.events.get(key, ()) if t > now - window]
            if len(recent) >= limit:
                free = recent[-limit] + window
                until = free if until is None else max(until, free)
        return until

    def record(self, keys: Iterable[str], keep: int, window: int, now: float) -> None:
        for key in keys:
            recent = [t for t in self.events.get(key, ()) if t > now - window]
            self.events[key] = (*recent, now)[-keep:]
            self._sweep(key, window, now)

    def clear(self, key: str) -> None:
        self.events.pop(key, None)

    def _sweep(self, after: str, window: int, now: float) -> None:
        neighbours = itertools.islice(self.events.items(after, excludemin=True), _SWEEP)
        stale = [k for k, times in neighbours if not times or times[-1] <= now - window]
        for key in stale:
            del self.events[key]


def _throttle(zodb_root, create: bool) -> Throttle | None:
    throttle = zodb_root.get(ROOT_KEY)
    if throttle is None and create:
        throttle = zodb_root[ROOT_KEY] = Throttle()
    return throttle


def _write(db, func, note: str) -> None:
    """Run ``func(throttle)`` in its own committed transaction, retrying conflicts."""
    for attempt in range(_RETRIES):
        try:
            run_in_transaction(db, lambda root: func(_throttle(root, True)), note)
            return
        except ConflictError:
            if attempt == _RETRIES - 1:
                raise


def retry_after(request, keys: Iterable[str], limit: int) -> float | None:
    """Read-only check: ``None`` when none of ``keys`` is throttled."""
    settings = request.sherloc_settings
    throttle = _throttle(request.zodb_connection.root(), create=False)
    if throttle is None:
        return None
    return throttle.retry_after(keys, limit, settings.login_window, time.time())


def record(request, keys: Iterable[str]) -> None:
    """Count one event (a failed login, a reset request) for each key."""
    settings = request.sherloc_settings
    keys = tuple(keys)
    now = time.time()
    keep = max(settings.login_attempts, settings.login_attempts_per_address)
    _write(
        request.registry.zodb,
        lambda t: t.record(keys, keep, settings.login_window, now),
        "throttle: record",
    )


def clear(request, key: str) -> None:
    """Forget the events of ``key`` (an account's failures after a success)."""
    throttle = _throttle(request.zodb_connection.root(), create=False)
    if throttle is None or key not in throttle.events:
        return
    _write(request.registry.zodb, lambda t: t.clear(key), "throttle: clear")
