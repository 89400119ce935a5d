"""The portal's clock: what "today" is, in one replaceable place.

Every date rule (due dates, overdue flags, registration cut-offs) asks
``request.clock`` (or ``registry.sherloc_clock`` outside a request) rather
than the system, so tests move time with :class:`FixedClock` and a cron
command can be run "as of" a given day.  Times are UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return self.now().date()


class FixedClock(SystemClock):
    """A clock that says what it is told: ``FixedClock(date(2027, 1, 31))``."""

    def __init__(self, when: date | datetime) -> None:
        self.set(when)

    def set(self, when: date | datetime) -> None:
        if not isinstance(when, datetime):
            when = datetime(when.year, when.month, when.day, 12, tzinfo=UTC)
        self._now = when

    def now(self) -> datetime:
        return self._now


def includeme(config) -> None:
    config.registry.sherloc_clock = SystemClock()
    config.add_request_method(
        lambda request: request.registry.sherloc_clock, "clock", reify=True
    )
