"""Drafting, releasing and answering the written feedback (¶35).

Drafters add items and revise them over the revision they read
(:class:`~sherloc_review.versioned.Stale` when someone saved since); the
focal point releases the whole, a formal act with an idempotency key.  When
the last reviewing State releases, the phase records that the feedback was
received and moves on to the dialogue.  The State under review then
answers each request in place, versioned the same way.
"""

from __future__ import annotations

import time
from datetime import date

from sherloc_portal.forms import ActionRefused

from ..cycle.steps import advance
from ..cycle.workflow import CONCLUDED
from ..i18n import _
from ..responses.access import read_current
from ..versioned import Stale, checked_text
from .resources import DRAFT, KINDS, RELEASED, FeedbackItem, Release, WrittenFeedback


def _drafting(written: WrittenFeedback) -> None:
    read_current(written)  # never beside a release committed meanwhile
    read_current(written.phase)  # nor beside the phase's next step
    if written.status != DRAFT:
        raise ActionRefused(_("This feedback was released; it no longer changes."))
    if written.phase.state != "feedback":
        raise ActionRefused(_("This phase no longer awaits written feedback."))


def check_place(written: WrittenFeedback, instrument: str, article: str) -> None:
    if instrument not in written.instruments:
        raise ActionRefused(
            _("Your State does not review that instrument here."), "instrument"
        )
    if article:
        responses = written.phase.responses
        assessment = responses.get(instrument) if responses is not None else None
        articles = {q.article for q in assessment.questions} if assessment else set()
        if article not in articles:
            raise ActionRefused(
                _("This phase does not review that article."), "article"
            )


def add_item(
    written: WrittenFeedback,
    instrument: str,
    article: str,
    kind: str,
    text: str,
    by: str,
) -> FeedbackItem:
    _drafting(written)
    check_place(written, instrument, article)
    if kind not in KINDS:
        raise ActionRefused(_("Choose what the item is."), "kind")
    text = checked_text(text)
    number = written.count() + 1
    item = FeedbackItem(number, instrument, article, kind, by)
    item.revise(text, by, 0, time.time())
    written.items[number] = item  # taken meanwhile: a conflict, retried
    written.count.change(1)
    return item


def revise_item(
    written: WrittenFeedback, number: int, text: str, by: str, base: int
) -> FeedbackItem:
    """Save ``text`` over revision ``base`` (``Stale`` when someone saved)."""
    _drafting(written)
    item = written.items.get(number)
    if item is None or item.withdrawn:
        raise KeyError(number)
    item.revise(checked_text(text), by, base, time.time())
    return item


def withdraw_item(written: WrittenFeedback, number: int, base: int) -> FeedbackItem:
    """Take an item out of the draft (kept, marked); ``base`` as for a save."""
    _drafting(written)
    item = written.items.get(number)
    if item is None or item.withdrawn:
        raise KeyError(number)
    if base != item.revision:
        raise Stale(item.current)
    item.withdrawn = True
    return item


def release(
    mechanism, written: WrittenFeedback, by: str, today: date, key: str
) -> Release:
    """Send the feedback to the State under review; the same ``key`` again
    returns the same release."""
    if written.status == RELEASED:
        if key and written.release is not None and written.release.key == key:
            return written.release
        raise ActionRefused(_("This feedback was released already."))
    _drafting(written)
    items = written.live_items()
    if not items:
        raise ActionRefused(_("Write at least one item before releasing."))
    for item in items:
        read_current(item)  # a save committed meanwhile would be left out
    written.release = Release(by, time.time(), today.isoformat(), key)
    written.status = RELEASED
    phase = written.phase
    read_current(phase.country)  # a redraw committed meanwhile adds a reviewer
    others = [
        phase.feedback.get(r.state)
        for r in phase.country.reviewers
        if r.state != written.reviewer
    ]
    for other in others:
        read_current(other)  # two last releases at once still move the phase
    if all(o is not None and o.status == RELEASED for o in others):
        advance(mechanism, phase, by, today, "written feedback released")
    return written.release


def answer(
    written: WrittenFeedback, number: int, text: str, by: str, base: int
) -> FeedbackItem:
    """The State under review's answer to a request, in place."""
    if written.status != RELEASED:
        raise KeyError(number)
    read_current(written.phase)  # never beside a conclusion committed meanwhile
    if written.phase.state == CONCLUDED:
        raise ActionRefused(
            _("This phase is concluded: its dialogue is a read-only archive.")
        )
    item = written.items.get(number)
    if item is None or item.withdrawn:
        raise KeyError(number)
    if not item.is_request:
        raise ActionRefused(
            _("Only requests and supplementary questions are answered.")
        )
    item.reply.revise(checked_text(text), by, base, time.time())
    return item
