"""The daily digest of unread dialogue messages: a job cron runs
(``sherloc-cycle dialogue-digest <ini>``).

Every active user with an e-mail whose choice is ``digest`` (the
Secretariat's unless it chose otherwise, :func:`.notify.choice_of`) gets
one mail listing the threads, in the reviews it takes part in, that hold
messages it has not read and that moved since its last digest; nothing
when nothing is new.  The reviews come from the cycle's index: a State
official's own review and the reviews its State performs
(:func:`~sherloc_review.cycle.deadlines.reviews_of`), every review for the
Secretariat.  Each thread is checked against its ACL with the user's own
principals (an additional reviewer reads only its instruments' threads,
¶28(b)).  Unread counts come from each thread's ``Length`` and read marks:
no message is loaded.

Like :mod:`.notify`, a line names the review (ISO3 code, phase number) and
the thread number, with a link; never a title or a word of a message.

The time of each user's digest is written in the run's transaction
(``preferences.digested``), with the mails, which leave only if it commits;
a user digested less than :data:`MIN_INTERVAL` ago is skipped, so a second
run on the same day (cron twice, a manual run) sends nothing.  Finding the
users walks every account once per run, as the reminders job does: a daily
job may, a page never would.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..cycle.deadlines import reviews_of
from ..cycle.resources import CYCLE_NAME
from ..i18n import _
from .notify import (
    DIGEST,
    choice_of,
    is_secretariat,
    localizer_of,
    may_read,
    preferences_link,
    principals_of,
    review_mapping,
)
from .setup import preferences_of

#: Seconds a digest must be older than before the next one (a day, less
#: the drift of a cron job that started late yesterday).
MIN_INTERVAL = 20 * 3600

SUBJECT = _("SHERLOC review: unread messages in ${count} threads of the dialogue")
BODY = _(
    "Threads of the dialogue, in reviews in which you take part, with "
    "messages you have not read:\n\n${lines}\n\n"
    "Each link opens the thread once you are logged in; this mail carries "
    "none of its content.\n\n"
    "To receive a mail for each message instead, or none: ${preferences}"
)
LINE = _("${state}, phase ${phase}, thread ${thread}: ${count} unread\n  ${link}")


@dataclass
class Report:
    sent: int = 0


def _rows(cycle, user) -> list:
    """The reviews ``user`` takes part in, from the cycle's index."""
    if is_secretariat(user):
        rows = list(cycle.rows())
    elif user.state:
        own, performing = reviews_of(cycle, user.state)
        rows = own + performing
    else:
        rows = []
    return sorted(rows, key=lambda row: (row.iso3, row.phase))


def unread_threads(request, mechanism, user, since: float) -> list[tuple]:
    """``(thread, unread count)`` readable by ``user`` with unread messages,
    in threads that moved after ``since``."""
    countries = mechanism["countries"]
    principals = principals_of(request, user)
    found = []
    for row in _rows(mechanism[CYCLE_NAME], user):
        dialogue = countries[row.iso3].phases[row.phase].dialogue
        if dialogue is None or not dialogue.count():
            continue
        for thread in dialogue.threads.values():
            count = thread.unread(user.login)
            if count and thread.last_at > since and may_read(principals, thread):
                found.append((thread, count))
    return found


def _mail(request, mechanism, user, found) -> None:
    localizer = localizer_of(request, user)
    lines = [
        localizer.translate(
            LINE, mapping={**review_mapping(request, thread), "count": count}
        )
        for thread, count in found
    ]
    request.mailer.send(
        request,
        user.email,
        localizer.translate(SUBJECT, mapping={"count": len(found)}),
        localizer.translate(
            BODY,
            mapping={
                "lines": "\n\n".join(lines),
                "preferences": preferences_link(request, mechanism),
            },
        ),
    )


def run(request, root, now: float) -> Report:
    """Send the digests due at ``now`` (a POSIX time); idempotent.

    Runs in the caller's transaction (``request.tm``); a conflict retries
    the whole run, and its mails leave only with the commit.
    """
    mechanism = root["review"]
    preferences = preferences_of(mechanism)
    report = Report()
    for user in root["users"].values():
        if not user.active or not user.email:
            continue
        if choice_of(preferences, user) != DIGEST:
            continue
        since = preferences.digested.get(user.login, 0.0)
        if now - since < MIN_INTERVAL:
            continue
        found = unread_threads(request, mechanism, user, since)
        if not found:
            continue
        _mail(request, mechanism, user, found)
        preferences.digested[user.login] = now
        report.sent += 1
    return report
