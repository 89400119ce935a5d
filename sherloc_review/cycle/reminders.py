"""Reminders before due dates and overdue marks: the job cron runs daily.

For every review in a state that owes something (:meth:`PhaseReview.owed`):
30 and 7 days before the due date the focal points of the party that owes
it (the State under review for its responses, the reviewing States for
their feedback) get a reminder; the day after, the item is marked overdue
on the review (with the day found) and those focal points and the
Secretariat are told.  Each recipient gets one mail per run listing its
notices (a group's reviews share due dates: no flood of 64 mails).  Each
notice is recorded on the review under a key naming its due date, so a
second run sends nothing and a new due date arms them again; a notice with
nobody to send it to (no active focal point yet) is not recorded, and the
next run tries again.  A run that finds several reminders due (cron
stopped for a while) sends only the most urgent.  Mails carry links and
dates, never the review's content.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sherloc_portal.accounts.mails import public_link
from sherloc_portal.i18n import localizer_for
from sherloc_portal.settings import LANGUAGES

from ..feedback.resources import RELEASED
from ..i18n import _
from .dates import days_left
from .index import reindex
from .resources import CYCLE_NAME

REMINDER_DAYS = (30, 7)

ITEM_LABELS = {
    "responses": _("the responses to the self-assessment questionnaire (¶34)"),
    "feedback": _("the written feedback of the reviewing States (¶35)"),
}
SUBJECT = _("SHERLOC review: deadlines to watch (${count})")
BODY = _(
    "Deadlines of reviews in which you take part:\n\n${lines}\n\n"
    "Each link opens the review; this mail carries none of its content."
)
LINE_SOON = _("${item}: due on ${due}\n  ${link}")
LINE_OVERDUE = _("${item}: overdue since ${due}\n  ${link}")


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
        if item == "responses":
            states = (country.iso3,)
        else:
            # A reviewing State that released its feedback owes nothing more.
            feedback = phase.feedback
            states = tuple(
                r.state
                for r in country.reviewers
                if feedback is None
                or getattr(feedback.get(r.state), "status", None) != RELEASED
            )
        users = [u for iso3 in states for u in self.focal.get(iso3, ())]
        return users + self.secretariat if overdue else users


def _mail(request, user, items) -> None:
    """One mail to ``user`` listing every notice of the run (a digest)."""
    language = user.language if user.language in LANGUAGES else "en"
    localizer = localizer_for(request, language)
    lines = [
        localizer.translate(
            LINE_OVERDUE if kind == "overdue" else LINE_SOON,
            mapping={
                "item": localizer.translate(ITEM_LABELS[owed.item]),
                "due": owed.due.isoformat(),
                "link": public_link(request, request.resource_path(phase)),
            },
        )
        for phase, owed, kind in items
    ]
    request.mailer.send(
        request,
        user.email,
        localizer.translate(SUBJECT, mapping={"count": len(items)}),
        localizer.translate(BODY, mapping={"lines": "\n\n".join(lines)}),
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
    digests: dict[str, tuple] = {}
    for row in list(mechanism[CYCLE_NAME].rows()):
        if row.state not in ("self_assessment", "feedback"):
            continue
        phase = countries[row.iso3].phases[row.phase]
        found = _notice(phase, today)
        if found is None:
            continue
        owed, keys, kind = found
        users = recipients.of(phase, owed.item, kind == "overdue")
        if not users:
            continue  # nobody to tell yet: the next run tries again
        if kind == "overdue" and not phase.marked_overdue(owed.item):
            phase.mark_overdue(owed, today)
            report.marked += 1
        for user in users:
            digests.setdefault(user.login, (user, []))[1].append((phase, owed, kind))
        phase.notices = phase.notices | keys
        reindex(mechanism, phase)
    for user, items in digests.values():
        _mail(request, user, items)
        report.sent += 1
    return report
