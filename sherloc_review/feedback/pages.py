"""What the written-feedback pages show a reader: rows, items, places.

Who may open a reviewing State's feedback is its ACL's business; which of
its items a reader sees is decided here, once, for every page: a
withdrawn item only by those who read the draft, and a reviewing State's
officials only the items on the instruments their State reviews (an
additional reviewer takes part only for its own, ¶28(b)), as the
dialogue's threads are read — unless the State under review opened its
dialogue to every State party (¶40).
"""

from __future__ import annotations

from ..dialogue.forms import place as article_place
from ..dialogue.resources import PARTICIPANTS
from ..draws.views import state_name
from ..i18n import _
from ..labels import stamp
from ..responses.access import own_state
from .permissions import FeedbackPermission as P
from .resources import DRAFT, KIND_LABELS, FeedbackItem, WrittenFeedback


def mechanism_of(phase):
    return phase.country.__parent__.__parent__


def name_of(phase, iso3: str) -> str:
    return state_name(mechanism_of(phase)["states"], iso3)


def readable(request, written: WrittenFeedback) -> bool:
    """Whether the reader may open ``written`` as it stands (a draft asks
    more than the view permission, which its drafters hold as well)."""
    permission = P.VIEW_DRAFT if written.status == DRAFT else P.VIEW
    return bool(request.has_permission(permission, written))


def may_begin(request, feedback, iso3: str) -> bool:
    """Whether the reader may write the first item of ``iso3``'s feedback
    that does not exist yet: asked of the ACL a new one would have, on an
    object never stored (so a GET still writes nothing)."""
    probe = WrittenFeedback(iso3)
    probe.__parent__ = feedback
    return bool(request.has_permission(P.EDIT, probe))


def _instruments_read(request, written: WrittenFeedback) -> tuple[str, ...] | None:
    """The instruments whose items the reader reads (``None``: every one)."""
    if request.has_permission(P.VIEW_DRAFT, written):
        return None
    dialogue = written.phase.dialogue
    if dialogue is not None and dialogue.level != PARTICIPANTS:
        return None
    iso3 = own_state(request)
    for reviewer in written.country.reviewers:
        if reviewer.state == iso3:
            return reviewer.instruments
    return None


def visible_items(request, written: WrittenFeedback) -> list[FeedbackItem]:
    """The items of ``written`` the reader may read, in order."""
    drafter = bool(request.has_permission(P.VIEW_DRAFT, written))
    instruments = _instruments_read(request, written)
    return [
        item
        for item in written.items.values()
        if (drafter or not item.withdrawn)
        and (instruments is None or item.instrument in instruments)
    ]


def open_seen(request, written: WrittenFeedback) -> int:
    """Requests of ``written`` the reader may read that still wait for an
    answer (none before the release)."""
    if written.status == DRAFT or not readable(request, written):
        return 0
    return sum(1 for item in visible_items(request, written) if item.open)


def open_requests_seen(request, feedback) -> int:
    """The phase's unanswered requests the reader may read (¶28(b)); a
    reviewing State redrawn away no longer waits for answers."""
    return sum(open_seen(request, w) for w in feedback.values() if w.instruments)


def articles_of(phase, instrument: str) -> list[str]:
    """The articles the phase reviews for ``instrument``, in order."""
    responses = phase.responses
    assessment = responses.get(instrument) if responses is not None else None
    if assessment is None:
        return []
    return list(dict.fromkeys(q.article for q in assessment.questions if q.article))


def place(request, instrument: str, article: str) -> str:
    """``UNTOC, article 5``, or the instrument as a whole, translated."""
    if not article:
        return request.translate(
            _("${instrument} (as a whole)", mapping={"instrument": instrument})
        )
    return article_place(request, instrument, article)


def grouped(written: WrittenFeedback, items: list[FeedbackItem]) -> list[dict]:
    """``items`` by instrument (the State's own order), then by article
    (the instrument as a whole first, then the questionnaire's order)."""
    instruments = list(written.instruments)
    for item in items:
        if item.instrument not in instruments:  # instruments since redrawn
            instruments.append(item.instrument)
    groups = []
    for instrument in instruments:
        order = ["", *articles_of(written.phase, instrument)]
        mine = [i for i in items if i.instrument == instrument]
        for item in mine:
            if item.article not in order:
                order.append(item.article)
        articles = [
            {"article": a, "items": [i for i in mine if i.article == a]} for a in order
        ]
        articles = [a for a in articles if a["items"]]
        if articles:
            groups.append({"instrument": instrument, "articles": articles})
    return groups


def common(request, written: WrittenFeedback) -> dict:
    """Values every page of one reviewing State's feedback uses."""
    phase = written.phase
    return {
        "written": written,
        "phase": phase,
        "reviewer_name": name_of(phase, written.reviewer),
        "state_name": name_of(phase, phase.country.iso3),
        "kind_labels": {k: request.translate(v) for k, v in KIND_LABELS.items()},
        "place": lambda item: place(request, item.instrument, item.article),
        "stamp": stamp,
    }
