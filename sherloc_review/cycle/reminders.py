"""Reminders before due dates and overdue marks: the job cron runs daily.

For every review in a state that owes something (:meth:`PhaseReview.owed`):
30 and 7 days before the due date the focal points of the party that owes
it (the State under review for its responses, the reviewing States for
their feedback) get a reminder; the day after, the item is marked overdue
(the dashboards flag it) and those focal points and the Secretariat are
told.  Each notice is recorded on the review under a key naming its due
date, so a second run sends nothing and a new due date arms them again.
A run that finds several reminders due (cron stopped for a while) sends
only the most urgent.  Mails carry a link, never the review's content.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sherloc_portal.accounts.mails import public_link
from sherloc_portal.i18n import localizer_for
from sherloc_portal.settings import LANGUAGES

from ..i18n import _
from .dates import days_left
from .index import reindex
from .resources import CYCLE_NAME

REMINDER_DAYS = (30, 7)

ITEM_LABELS = {
    "responses": _("the responses to the self-assessment questionnaire (¶34)"),
    "feedback": _("the written feedback of the reviewing States (¶35)"),
}
REMINDER_SUBJECT = _("SHERLOC review: a deadline in ${days} days")
REMINDER_BODY = _(
    "A deadline of a review in which your State takes part is near: "
    "${item}, due on ${due}.\n\nOpen the review to see it:\n\n${link}"
)
OVERDUE_SUBJECT = _("SHERLOC review: a deadline has passed")
OVERDUE_BODY = _(
    "A deadline of a review has passed: ${item}, due on ${due}.\n\n"
    "Open the review to see it:\n\n${link}"
)


@dataclass
class Report:
    sent: int = 0
    marked: int = 0


def _notice(phase, today: date):
    """``(what is owed, keys to record, kind)`` of the notice due, or ``None``."""
    owed = phase.owed()
    if owed is None:
        return None
    days = days_left(owed.due, today)
    stem = f"{owed.item}:{owed.due.isoformat()}"
    if days < 0:
        keys = {f"{stem}:overdue"}
        return (owed, keys, "overdue") if not keys <= phase.notices else None
    keys = {f"{stem}:reminder-{d}" for d in REMINDER_DAYS if days <= d}
    if not keys or keys <= phase.notices:
        return None
    return owed, keys, "reminder"


class Recipients:
    """Active accounts to tell, found with one pass over the users."""

    def __init__(self, users) -> None:
        self.focal = defaultdict(list)
        self.secretariat = []
        for user in users.values():
            if not user.active or not user.email:
                continue
            if user.state and user.state_role == "focal":
                self.focal[user.state].append(user)
            if "secretariat" in user.roles:
                self.secretariat.append(user)

    def of(self, phase, item: str, overdue: bool) -> list:
        country = phase.country
        states = (
            (country.iso3,)
            if item == "responses"
            else (r.state for r in country.reviewers)
        )
        users = [u for iso3 in states for u in self.focal.get(iso3, ())]
        return users + self.secretariat if overdue else users


def _mail(request, user, phase, owed, kind: str, today: date) -> None:
    language = user.language if user.language in LANGUAGES else "en"
    localizer = localizer_for(request, language)
    mapping = {
        "item": localizer.translate(ITEM_LABELS[owed.item]),
        "due": owed.due.isoformat(),
        "days": days_left(owed.due, today),
        "link": public_link(request, request.resource_path(phase)),
    }
    subject, body = (
        (OVERDUE_SUBJECT, OVERDUE_BODY)
        if kind == "overdue"
        else (REMINDER_SUBJECT, REMINDER_BODY)
    )
    request.mailer.send(
        request,
        user.email,
        localizer.translate(subject, mapping=mapping),
        localizer.translate(body, mapping=mapping),
    )


def run(request, root, today: date) -> Report:
    """Send what is due on ``today`` and mark what is overdue; idempotent.

    Runs in the caller's transaction (``request.tm``): the command line's
    own, or the API request's.  A conflict retries the whole run, and its
    mails leave only with the commit.
    """
    mechanism = root["review"]
    countries = mechanism["countries"]
    recipients = Recipients(root["users"])
    report = Report()
    for row in list(mechanism[CYCLE_NAME].rows()):
        if row.state not in ("self_assessment", "feedback"):
            continue
        phase = countries[row.iso3].phases[row.phase]
        found = _notice(phase, today)
        if found is None:
            continue
        owed, keys, kind = found
        if kind == "overdue" and not phase.marked_overdue(owed.item):
            phase.mark_overdue(owed, today)
            report.marked += 1
        for user in recipients.of(phase, owed.item, kind == "overdue"):
            _mail(request, user, phase, owed, kind, today)
            report.sent += 1
        phase.notices = phase.notices | keys
        reindex(mechanism, phase)
    return report
