"""Circulation and settlement of the constructive dialogues: a job cron runs
(``sherloc-cycle constructive-dialogues <ini>``, or
``POST /api/v1/cycle/constructive-dialogues`` through the server).

For every dialogue, as of ``now``:

1. once the applications' cut-off passed, the list of applicants is closed
   and circulated to the States parties (:func:`.acts.circulate`), which
   ¶53(d), (e) require no later than 10 days before the dialogue: the
   focal points of every State party to the Convention are mailed a link
   to the list, and each registrant on it is told.  Applications whose
   e-mail was never confirmed lapse, and nobody writes to an address never
   confirmed.  A list circulated after its due date is reported late and
   logged as a warning (cron stopped: someone must look).  An empty list
   is circulated without a mail: there is nothing to object to;
2. once objections closed, the applications are settled
   (:func:`.acts.settle`) and each registrant is told its outcome.

Both acts are idempotent (``circulated_at``, ``settled_at``), and each
registrant's notice is recorded in ``Registration.told``: a second run
sends nothing.  The run happens in the caller's transaction (``request.tm``),
so its mails leave only if it commits.  Finding the focal points reads the
officials index of each State party, never every account.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from ..officials.resources import INDEX_NAME as OFFICIALS_NAME
from . import acts, notices
from .resources import DIALOGUES_NAME, ConstructiveDialogue

log = logging.getLogger(__name__)

#: The Convention whose States parties receive the lists.
CONVENTION = "UNTOC"


@dataclass
class Report:
    circulated: int = 0  # dialogues whose list went to the States parties
    settled: int = 0  # dialogues whose applications were settled
    sent: int = 0  # mails queued
    late: int = 0  # lists circulated after their due date


def focal_points(mechanism, users) -> list:
    """Active focal points, with an address, of the States parties."""
    index = mechanism.get(OFFICIALS_NAME)
    if index is None:
        return []
    found = []
    for iso3, state in mechanism["states"].items():
        entry = index.get(iso3)
        if entry is None or not state.is_party(CONVENTION):
            continue
        found += [
            user
            for user in entry.accounts(users)
            if user.state_role == "focal" and user.active and user.email
        ]
    return found


class _Run:
    def __init__(self, request, root, now: datetime) -> None:
        self.request = request
        self.mechanism = root["review"]
        self.users = root["users"]
        self.now = now
        self.report = Report()
        self._focal: list | None = None

    def focal(self) -> list:
        if self._focal is None:
            self._focal = focal_points(self.mechanism, self.users)
        return self._focal

    def circulate(self, dialogue: ConstructiveDialogue) -> None:
        before = dialogue.circulated_at
        listed = acts.circulate(dialogue, self.users, self.now)
        if before is not None or dialogue.circulated_at is None:
            return
        self.report.circulated += 1
        if self.now >= dialogue.circulation_due:
            self.report.late += 1
            log.warning(
                "the list of applicants to constructive dialogue %s was due by "
                "%s and is circulated late, at %s",
                dialogue.number,
                dialogue.circulation_due.isoformat(),
                self.now.isoformat(),
            )
        if not listed:
            return
        request = self.request
        self.report.sent += notices.list_circulated(request, dialogue, self.focal())
        for registration in listed:
            self.report.sent += notices.application_circulated(
                request, self.users, registration
            )

    def settle(self, dialogue: ConstructiveDialogue) -> None:
        before = dialogue.settled_at
        settled = acts.settle(dialogue, self.now)
        if before is not None or dialogue.settled_at is None:
            return
        self.report.settled += 1
        for registration in settled:
            self.report.sent += notices.outcome(self.request, self.users, registration)


def run(request, root, now: datetime) -> Report:
    """Circulate and settle what is due at ``now`` (aware); idempotent.

    Runs in the caller's transaction (``request.tm``): the command line's
    own, or the API request's.  A conflict retries the whole run, and its
    mails leave only with the commit.
    """
    folder = root["review"].get(DIALOGUES_NAME)
    job = _Run(request, root, now)
    for dialogue in folder.values() if folder is not None else ():
        job.circulate(dialogue)
        job.settle(dialogue)
    return job.report
