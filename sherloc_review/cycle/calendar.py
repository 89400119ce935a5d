"""Deadlines as an iCalendar feed (RFC 5545), one secret address per user.

Calendar applications cannot log in, so the address itself is the key:
``/review/cycle/feed/<secret>.ics``.  Only a SHA-256 of the secret is
stored (a copy of the database reveals no feed); the address is shown once,
when it is made, and making a new one ends the old; so does a new password
or a deactivation (the account's credentials epoch).  The feed is computed
when fetched, from what the user may see *then*: an account deactivated or
a State no longer taking part in a review loses those events at once.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime

SECRET_BYTES = 24
SUFFIX = ".ics"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_feed(cycle, user) -> str:
    """A new secret address for ``user``; the previous one stops working."""
    old = cycle.feed_of.get(user.login)
    if old is not None:
        del cycle.feeds[old]
    secret = secrets.token_urlsafe(SECRET_BYTES)
    digest = _digest(secret)
    cycle.feeds[digest] = (user.login, user.credentials_epoch)
    cycle.feed_of[user.login] = digest
    return secret


def owner(cycle, users, secret: str):
    """The active account whose feed ``secret`` opens, or ``None``."""
    found = cycle.feeds.get(_digest(secret))
    if found is None:
        return None
    login, epoch = found
    user = users.get(login)
    if user is None or not user.active or user.credentials_epoch != epoch:
        return None
    return user


@dataclass(frozen=True)
class Event:
    uid: str
    day: date
    summary: str
    url: str
    end: date | None = None  # last day, for events of several days


def _escape(text: str) -> str:
    return (
        text.replace("\r", "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a leading space (§3.1)."""
    data = line.encode()
    parts, start = [], 0
    while len(data) - start > 75:
        end = start + (75 if not parts else 74)
        while (data[end] & 0xC0) == 0x80:  # never split a UTF-8 sequence
            end -= 1
        parts.append(data[start:end].decode())
        start = end
    parts.append(data[start:].decode())
    return "\r\n ".join(parts)


def render(events: list[Event], stamp: datetime, name: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//SHERLOC Review//Deadlines//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for event in events:
        last = event.end or event.day
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTSTART;VALUE=DATE:{event.day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{date.fromordinal(last.toordinal() + 1):%Y%m%d}",
            f"SUMMARY:{_escape(event.summary)}",
            f"URL:{event.url}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
