"""The State under review follows up its needs (¶44 to ¶46).

It requests assistance based on a need (¶45) and reports, as often as
there is something to say, whether the need was addressed and what was
done (¶44, ¶46).  Each request and report is kept, in order, on the need
itself: two acts on one need at once write the same object, so the second
is a ZODB conflict, retried over the first, and no report is lost.  The
same act sent twice (a double click) is kept once.  Every act brings the
need's row of the mechanism's index up to date.
"""

from __future__ import annotations

from datetime import date

from sherloc_portal.forms import ActionRefused

from ..i18n import _
from ..responses.access import mechanism_of
from ..versioned import checked_text
from .records import reindex
from .resources import STATUSES, AssistanceNeed, Progress, Request


def _need(assistance, number: int) -> AssistanceNeed:
    need = assistance.needs.get(number) if isinstance(number, int) else None
    if need is None:
        raise ActionRefused(_("This review has no such need."), "number")
    return need


def request(
    assistance, number: int, text: str, by: str, today: date, at: float
) -> Request:
    """Ask for assistance based on need ``number`` (¶45): what is asked."""
    need = _need(assistance, number)
    made = Request(checked_text(text), by, at, today.isoformat())
    last = need.requests[-1] if need.requests else None
    if last is not None and (last.text, last.by, last.on) == (made.text, by, made.on):
        return last  # sent twice
    need.requests = (*need.requests, made)
    reindex(mechanism_of(assistance), assistance, need)
    return made


def report_progress(
    assistance, number: int, status: str, text: str, by: str, today: date, at: float
) -> Progress:
    """Report where need ``number`` stands and what was done (¶44, ¶46)."""
    need = _need(assistance, number)
    if status not in STATUSES:
        raise ActionRefused(_("Say whether the need was addressed."), "status")
    made = Progress(status, checked_text(text), by, at, today.isoformat())
    last = need.progress[-1] if need.progress else None
    if last is not None and (last.status, last.text, last.by, last.on) == (
        status,
        made.text,
        by,
        made.on,
    ):
        return last  # sent twice
    need.progress = (*need.progress, made)
    reindex(mechanism_of(assistance), assistance, need)
    return made
