"""``sherloc-cycle``: the review cycle's scheduled work, for cron.

    sherloc-cycle remind <ini> [--today YYYY-MM-DD]
    sherloc-cycle dialogue-digest <ini>
    sherloc-cycle constructive-dialogues <ini> [--now ISO-DATETIME]

``remind`` sends the reminders due and marks overdue items
(:mod:`.reminders`); ``--today`` runs it as of another day (to catch up,
or to test).  ``dialogue-digest`` sends the daily digest of unread
dialogue messages to those who chose it
(:mod:`sherloc_review.dialogue.digest`).  ``constructive-dialogues``
circulates the lists of applicants to the constructive dialogues whose
cut-off passed and settles the applications once objections closed, with
their mails (:mod:`sherloc_review.stakeholders.job`); ``--now`` runs it as
of another moment.  Each runs in one transaction, retried on a conflict;
its mails leave only if it commits.  Running one twice on a day does
nothing the second time.

It opens the database itself, so it needs a storage a second process may
open (ZEO, RelStorage) or a stopped server.  While a server holds the
embedded FileStorage, run the jobs through the server instead with a
Secretariat token (README): ``POST /api/v1/cycle/reminders``,
``/cycle/dialogue-digest`` or ``/cycle/constructive-dialogues``.

Exit codes: 0 done, 1 the run failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import transaction
from pyramid.request import Request, apply_request_extensions
from ZODB.POSException import ConflictError

from sherloc_portal.resources.root import ROOT_KEY
from sherloc_portal.scripts.admin import FAILED, USAGE_ERROR, load_app

from ..dialogue import digest
from ..stakeholders import job as dialogues_job
from . import reminders

ATTEMPTS = 3

#: What to do when a running server holds the embedded FileStorage.
LOCKED = {
    "remind": "sherloc-cycle: a running server holds the database; run the job "
    "through it with POST /api/v1/cycle/reminders (see README).",
    "dialogue-digest": "sherloc-cycle: a running server holds the database; "
    "serve it through ZEO so that the job may open it too (see README).",
    "constructive-dialogues": "sherloc-cycle: a running server holds the "
    "database; run the job through it with POST "
    "/api/v1/cycle/constructive-dialogues (see README).",
}


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _moment(text: str) -> datetime:
    """An ISO 8601 date and time; without an offset, UTC."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a date and time (YYYY-MM-DDTHH:MM[+HH:MM]): {text!r}"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sherloc-cycle", description="Scheduled work of the review cycle."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    remind = commands.add_parser(
        "remind", help="send due reminders and mark overdue items (idempotent)"
    )
    remind.add_argument("ini", help="the application's .ini file")
    remind.add_argument("--today", type=_day, help="run as of this day (YYYY-MM-DD)")
    dialogue_digest = commands.add_parser(
        "dialogue-digest",
        help="mail the daily digest of unread dialogue messages (idempotent)",
    )
    dialogue_digest.add_argument("ini", help="the application's .ini file")
    dialogues = commands.add_parser(
        "constructive-dialogues",
        help="circulate the lists of applicants to constructive dialogues and "
        "settle the applications once objections closed (idempotent)",
    )
    dialogues.add_argument("ini", help="the application's .ini file")
    dialogues.add_argument(
        "--now",
        type=_moment,
        help="run as of this moment (ISO 8601; UTC without an offset)",
    )
    return parser


def _run(registry, note: str, job):
    """``job(request, portal root)`` in a transaction of its own, retried."""
    # A request of our own, for the mailer, translations and resource paths;
    # not pyramid.scripting.prepare, whose root factory would open a
    # connection outside this transaction manager.
    request = Request.blank("/")
    request.registry = registry
    apply_request_extensions(request)
    tm = request.tm = transaction.TransactionManager(explicit=True)
    conn = registry.zodb.open(transaction_manager=tm)
    # Principals providers find the portal through it: the job's connection,
    # not a second one the blank request would open and never close.
    request.zodb_connection = conn
    try:
        for attempt in tm.attempts(ATTEMPTS):
            with attempt:
                tm.get().note(note)
                result = job(request, conn.root()[ROOT_KEY])
        return result
    finally:
        conn.close()


def remind(registry, today: date | None = None) -> reminders.Report:
    """One run in its own transaction; the registry's clock says the day."""
    today = today or registry.sherloc_clock.today()
    return _run(
        registry,
        f"sherloc-cycle remind {today.isoformat()}",
        lambda request, root: reminders.run(request, root, today),
    )


def dialogue_digest(registry, now: float | None = None) -> digest.Report:
    """One digest run in its own transaction, as of ``now`` (POSIX time).

    The system's time, not the registry's clock: digests compare it with
    the times messages were posted, which are the system's.
    """
    now = time.time() if now is None else now
    return _run(
        registry,
        "sherloc-cycle dialogue-digest",
        lambda request, root: digest.run(request, root, now),
    )


def constructive_dialogues(
    registry, now: datetime | None = None
) -> dialogues_job.Report:
    """One run of the dialogues' job in its own transaction, as of ``now``
    (aware; the registry's clock by default)."""
    now = now or registry.sherloc_clock.now()
    return _run(
        registry,
        f"sherloc-cycle constructive-dialogues {now.isoformat()}",
        lambda request, root: dialogues_job.run(request, root, now),
    )


def _dialogues_done(report: dialogues_job.Report) -> str:
    return (
        f"Lists circulated: {report.circulated} (late: {report.late}); "
        f"dialogues settled: {report.settled}; mails sent: {report.sent}"
    )


def main(argv: Sequence[str] | None = None, out=None) -> int:
    out = out or sys.stdout
    args = _parser().parse_args(argv)
    if not Path(args.ini).is_file():
        print(f"sherloc-cycle: no such settings file: {args.ini}", file=sys.stderr)
        return USAGE_ERROR
    try:
        app = load_app(args.ini)
    except Exception as error:  # a broken .ini, an unreachable or locked storage
        print(f"sherloc-cycle: cannot load {args.ini}: {error}", file=sys.stderr)
        if "lock" in str(error).lower():
            print(LOCKED[args.command], file=sys.stderr)
        return FAILED
    try:
        if args.command == "remind":
            report = remind(app.registry, args.today)
            done = f"Reminders sent: {report.sent}; newly overdue: {report.marked}"
        elif args.command == "constructive-dialogues":
            done = _dialogues_done(constructive_dialogues(app.registry, args.now))
        else:
            done = f"Digests sent: {dialogue_digest(app.registry).sent}"
    except (ConflictError, KeyError) as error:
        print(f"sherloc-cycle: the run failed: {error!r}", file=sys.stderr)
        return FAILED
    finally:
        app.registry.zodb.close()
    print(done, file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
