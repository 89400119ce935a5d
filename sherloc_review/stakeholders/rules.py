"""The dates of ¶53, in the dialogue's own time zone.

A dialogue is held on a local day ``D`` (its ``starts_at`` in its time
zone).  "No later than 15 days prior to the date of the dialogue"
(¶53(d), (e)): applications are taken until the end of day ``D-15``, local
time, so the cut-off is the start of ``D-14``.  The list of applicants is
circulated "no later than 10 days before": by the end of ``D-10`` (the
start of ``D-9``).  ¶53 sets no date for objections; this module gives the
States parties until the end of ``D-5``, so the Bureau has days to decide
(``OBJECTION_DAYS``).  Every instant is compared in UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

REGISTRATION_DAYS = 15  # ¶53(d), (e)
CIRCULATION_DAYS = 10  # ¶53(d), (e)
OBJECTION_DAYS = 5  # not in ¶53: the Bureau needs time before the day


def zone(name: str) -> ZoneInfo | None:
    """The IANA time zone ``name``, or ``None`` if there is no such zone."""
    if not name or name not in _zones():
        return None
    # Region/City names and UTC; never "localtime" or "Factory" (the
    # server's zone, or none at all), nor the posix/right/Etc aliases.
    if name not in ("UTC", "Etc/UTC") and (
        "/" not in name or name.startswith(("posix/", "right/", "Etc/"))
    ):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _zones() -> set[str]:
    global _ZONES
    if _ZONES is None:
        _ZONES = available_timezones()
    return _ZONES


_ZONES: set[str] | None = None


def local_text(instant: datetime, timezone: str) -> str:
    """``instant`` as ``YYYY-MM-DD HH:MM`` in ``timezone``."""
    return instant.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M")


def local_day(starts_at: datetime, timezone: str) -> date:
    return starts_at.astimezone(ZoneInfo(timezone)).date()


def _start_of(day: date, timezone: str) -> datetime:
    return datetime.combine(day, time(0), ZoneInfo(timezone)).astimezone(UTC)


def registration_cutoff(starts_at: datetime, timezone: str) -> datetime:
    """The first instant at which applications are no longer taken."""
    day = local_day(starts_at, timezone)
    return _start_of(day - timedelta(days=REGISTRATION_DAYS - 1), timezone)


def circulation_due(starts_at: datetime, timezone: str) -> datetime:
    """The instant by which the list must have been circulated."""
    day = local_day(starts_at, timezone)
    return _start_of(day - timedelta(days=CIRCULATION_DAYS - 1), timezone)


def objections_close(starts_at: datetime, timezone: str) -> datetime:
    """The first instant at which objections are no longer taken."""
    day = local_day(starts_at, timezone)
    return _start_of(day - timedelta(days=OBJECTION_DAYS - 1), timezone)
