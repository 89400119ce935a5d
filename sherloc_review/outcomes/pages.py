"""What the outcome's pages show: the blueprint's groups, approvals, citations.

Every page of the list, the summary and the conference room paper asks
here, so each names places, parties and labels alike.
"""

from __future__ import annotations

from sherloc_portal.accounts.flash import flash

from ..dialogue.forms import acted, place
from ..dialogue.permissions import DialoguePermission
from ..draws.views import state_name
from ..i18n import _
from ..labels import LANGUAGE_LABELS, stamp
from ..numbers import number
from ..responses.access import mechanism_of, own_state
from ..responses.permissions import ResponsesPermission
from .blueprint import KIND_LABELS, KINDS, NEED_LABELS, PRIORITY_LABELS, provisions
from .forms import ApprovalSchema
from .lists import SECRETARIAT_PARTY, instruments_of
from .permissions import OutcomePermission as P


def party_of(request) -> str:
    """Whom the reader speaks for: its State, or the Secretariat."""
    return own_state(request) or SECRETARIAT_PARTY


def labels(request) -> dict:
    translate = request.translate
    return {
        "kind_labels": {k: translate(v) for k, v in KIND_LABELS.items()},
        "need_labels": {k: translate(v) for k, v in NEED_LABELS.items()},
        "priority_labels": {k: translate(v) for k, v in PRIORITY_LABELS.items()},
        "language_labels": {k: translate(v) for k, v in LANGUAGE_LABELS.items()},
        "kinds": KINDS,
        "stamp": stamp,
        "place": lambda instrument, article: place(request, instrument, article),
    }


def common(request, outcome) -> dict:
    """Values every page of a list or summary shows."""
    country = outcome.country
    states = mechanism_of(outcome)["states"]
    return {
        **labels(request),
        "outcome": outcome,
        "phase": outcome.phase,
        "state_name": state_name(states, country.iso3),
        "names": {p: state_name(states, p) for p in outcome.parties},
        "approvals": approval_rows(outcome),
        "can_edit": bool(request.has_permission(P.EDIT, outcome)),
        "can_approve": bool(request.has_permission(P.APPROVE, outcome))
        and party_of(request) in outcome.parties,
        "party": party_of(request),
    }


def instruments_read(request, observations) -> tuple[str, ...] | None:
    """The instruments whose entries the reader reads (``None``: every one).

    An additional reviewer takes part only for its instruments (¶28(b)):
    its officials read, and approve, the entries on those, as the
    dialogue's threads are read.  Once the list is agreed its conference
    room paper is every State party's (¶38)."""
    iso3 = own_state(request)
    country = observations.country
    if iso3 is None or iso3 == country.iso3:
        return None
    everything = set(instruments_of(observations, country.iso3))
    for reviewer in country.reviewers:
        if reviewer.state == iso3:
            mine = instruments_of(observations, iso3)
            return None if everything <= set(mine) else mine
    return None


def readable(request, observations, entries) -> list:
    """``entries`` the reader reads (:func:`instruments_read`)."""
    instruments = instruments_read(request, observations)
    return [e for e in entries if instruments is None or e.instrument in instruments]


def approval_rows(outcome) -> list[dict]:
    """Each party (¶39) with its last approval: of the current version, of
    an earlier one (withdrawn by the edits since), or none yet."""
    rows = []
    for party in outcome.parties:
        approval = outcome.approval_of(party)
        rows.append(
            {
                "party": party,
                "approval": approval,
                "current": approval is not None and approval.version == outcome.latest,
            }
        )
    return rows


def grouped(phase, entries) -> list[dict]:
    """The blueprint: for each provision under review that has entries, its
    entries under each of the four headings."""
    groups = []
    for instrument, article in provisions(phase):
        here = (instrument, article)
        mine = [e for e in entries if (e.instrument, e.article) == here]
        if mine:
            groups.append(
                {
                    "instrument": instrument,
                    "article": article,
                    "kinds": [(k, [e for e in mine if e.kind == k]) for k in KINDS],
                }
            )
    return groups


def place_choices(request, observations, party: str) -> list[tuple[str, str]]:
    """``(value, label)`` of the provisions ``party`` drafts on:
    ``UNTOC`` (the instrument as a whole) or ``UNTOC:5``."""
    mine = instruments_of(observations, party)
    return [
        (f"{i}:{a}" if a else i, place(request, i, a))
        for i, a in provisions(observations.phase)
        if i in mine
    ]


def _question_label(request, instrument: str, question: str) -> str:
    return request.translate(
        _(
            "Responses: ${instrument}, question ${question}",
            mapping={"instrument": instrument, "question": question},
        )
    )


def _thread_label(request, thread, readable: bool) -> str:
    if not readable:
        return request.translate(
            _("Dialogue: thread ${number}", mapping={"number": thread.number})
        )
    return request.translate(
        _(
            "Dialogue: thread ${number}, ${title}",
            mapping={"number": thread.number, "title": thread.title},
        )
    )


def cite_choices(request, observations) -> list[tuple[str, str]]:
    """What an entry may cite (¶38): each question of the responses and
    each thread of the dialogue the reader reads."""
    phase = observations.phase
    found = []
    responses = phase.responses
    for instrument, assessment in responses.items() if responses is not None else ():
        for question in assessment.questions:
            found.append(
                (
                    f"responses/{instrument}/{question.id}",
                    _question_label(request, instrument, question.id),
                )
            )
    for thread in phase.dialogue.threads.values():
        if request.has_permission(DialoguePermission.VIEW, thread):
            found.append(
                (f"dialogue/{thread.number}", _thread_label(request, thread, True))
            )
    return found


def cite_link(request, observations, cite: str) -> tuple[str, str | None]:
    """``(label, URL)`` of a citation; no URL (nor a thread's title) when
    the reader may not open what it names."""
    phase = observations.phase
    kind, _sep, rest = cite.partition("/")
    if kind == "responses":
        instrument, _sep, question = rest.partition("/")
        target = phase.responses.get(instrument)
        readable = target is not None and request.has_permission(
            ResponsesPermission.VIEW_SUBMITTED, target
        )
        url = request.resource_url(target) if readable else None
        return _question_label(request, instrument, question), url
    thread = phase.dialogue.thread(number(rest) or 0)
    if thread is None:
        return cite, None
    readable = bool(request.has_permission(DialoguePermission.VIEW, thread))
    url = request.resource_url(thread) if readable else None
    return _thread_label(request, thread, readable), url


def approval(request, outcome, page, approve, agreed_message):
    """A focal point's approval of the version its form names (¶39):
    ``approve(version)`` is the act (``True`` once agreed); back to
    ``page`` with the refusal otherwise."""
    agreed = []

    def act(values):
        agreed.append(approve(values["version"]))
        return request.resource_url(outcome)

    done = _("Your approval is recorded.")
    response = acted(request, outcome, ApprovalSchema(), page, act, done)
    if agreed and agreed[0]:
        flash(request, agreed_message)
    return response
