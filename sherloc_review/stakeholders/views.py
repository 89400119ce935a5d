"""The public pages of the constructive dialogues (¶53): ``/review/dialogues``
and ``/review/dialogues/N``.

Anyone reads them, in the six languages: when each dialogue is held (in
its own time zone and in UTC), where, until when applications are taken
(the cut-off of :mod:`.rules`, with "open" or "closed" from the portal's
clock), the programme and background papers (¶53(g)), the comments of
approved participants (¶53(d), (e)), the chair's summary (¶53(h)) and, if
the chair so decided, that the dialogue is not convened (¶53(f)).

Of an application the public reads the organisation's name, its country
and its comments, once approved and, where they name a country, cleared by
the chair (:attr:`.resources.Registration.comments_public`); nothing else
(no contact, no login, no representative, no file).  The Secretariat, the
chair and the Bureau find their management pages linked from here.
"""

from __future__ import annotations

from datetime import datetime

from pyramid.view import view_config

from ..cycle.sessions import WORKING_GROUPS
from ..i18n import _
from ..labels import LANGUAGE_LABELS, stamp
from . import acts
from .applicants_views import country_label, link, local, states_of
from .permissions import StakeholderPermission as P
from .resources import DOCUMENT_KINDS, ConstructiveDialogue, DialoguesFolder

INDEX_PAGE = "sherloc_review:templates/stakeholders/index.pt"
DIALOGUE_PAGE = "sherloc_review:templates/stakeholders/dialogue.pt"
READ = {"request_method": ("GET", "HEAD")}

DOCUMENT_LABELS = {
    "programme": _("Programme"),
    "background": _("Background paper"),
}


def status_label(dialogue: ConstructiveDialogue, now: datetime):
    """Where the dialogue stands at ``now``, as the public reads it."""
    if dialogue.not_convened is not None:
        return _("Not convened: the chair so decided (¶53(f))")
    if dialogue.summary is not None:
        return _("Held; the chair's summary is published (¶53(h))")
    if now >= dialogue.starts_at:
        return _("Held")
    if dialogue.open_for_registration(now):
        return _("Applications open")
    return _("Applications closed")


def facts(request, dialogue: ConstructiveDialogue, now: datetime) -> dict:
    """What the list and the page say of ``dialogue``: public facts only."""
    translate = request.translate
    return {
        "dialogue": dialogue,
        "url": request.resource_url(dialogue),
        "group": translate(WORKING_GROUPS.get(dialogue.working_group, "")),
        "starts": local(dialogue, dialogue.starts_at),
        "starts_utc": stamp(dialogue.starts_at.timestamp()),
        "zone": dialogue.timezone,
        "cutoff": local(dialogue, dialogue.cutoff),
        "open": dialogue.open_for_registration(now),
        "status": translate(status_label(dialogue, now)),
    }


@view_config(
    context=DialoguesFolder,
    renderer=INDEX_PAGE,
    permission=P.PUBLIC_VIEW,
    **READ,
)
def dialogues(context: DialoguesFolder, request):
    """The dialogues to come (the next first), then those held (the last
    first)."""
    now = request.clock.now()
    found = sorted(context.values(), key=lambda d: (d.starts_at, d.number))
    return {
        "page_title": request.translate(_("Constructive dialogues")),
        "upcoming": [facts(request, d, now) for d in found if d.starts_at > now],
        "past": [facts(request, d, now) for d in reversed(found) if d.starts_at <= now],
        "create_url": link(request, context, "create", P.MANAGE),
        "mine_url": request.resource_url(context, "@@mine")
        if request.identity is not None
        else "",
    }


def documents(request, dialogue: ConstructiveDialogue) -> list[dict]:
    """The programme first, then the background papers, as published."""
    order = {kind: n for n, kind in enumerate(DOCUMENT_KINDS)}
    found = sorted(dialogue.documents, key=lambda d: (order.get(d.kind, 9), d.at))
    return [
        {
            "kind": request.translate(DOCUMENT_LABELS.get(d.kind, d.kind)),
            "title": d.title,
            "language": d.language,
            "language_name": request.translate(LANGUAGE_LABELS.get(d.language, "")),
            "url": request.resource_url(dialogue, "document", d.file_id),
            "at": stamp(d.at),
        }
        for d in found
        if d.file_id in dialogue.files
    ]


def published_comments(request, dialogue: ConstructiveDialogue) -> list[dict]:
    """The comments anyone may read: name, country and text, nothing else."""
    states = states_of(dialogue)
    return [
        {
            "anchor": f"comments-{r.number}",
            "organisation": r.organisation.name,
            "country": country_label(request, states, r.organisation.country),
            "paragraphs": r.comments.split("\n"),
        }
        for r in dialogue.registrations.values()
        if r.comments_public
    ]


def management(request, dialogue: ConstructiveDialogue) -> list[tuple[str, str]]:
    """``(label, url)`` of the pages the reader may use to manage it."""
    now = request.clock.now()
    pages = (
        (_("Programme and background papers"), "documents", P.MANAGE, True),
        (_("Applicants"), "applicants", P.VIEW_APPLICANTS, True),
        (
            _("Decide not to convene (¶53(f))"),
            "not-convene",
            P.CHAIR,
            dialogue.not_convened is None and now < dialogue.starts_at,
        ),
        (
            _("The chair's summary (¶53(h))"),
            "summary",
            P.SUMMARY,
            dialogue.not_convened is None,
        ),
    )
    found = []
    for label, name, permission, applies in pages:
        url = link(request, dialogue, name, permission, applies)
        if url:
            found.append((request.translate(label), url))
    return found


@view_config(
    context=ConstructiveDialogue,
    renderer=DIALOGUE_PAGE,
    permission=P.PUBLIC_VIEW,
    **READ,
)
def dialogue(context: ConstructiveDialogue, request):
    now = request.clock.now()
    translate = request.translate
    shown = facts(request, context, now)
    closed = acts.closed_reason(context, now)
    summary = context.summary
    not_convened = context.not_convened
    return {
        **shown,
        "page_title": context.title or shown["group"],
        "closed": translate(closed) if closed is not None else "",
        "apply_url": request.resource_url(context, "apply") if shown["open"] else "",
        "documents": documents(request, context),
        "comments": published_comments(request, context),
        "summary": summary,
        "summary_paragraphs": summary.text.split("\n") if summary else [],
        "summary_language": translate(LANGUAGE_LABELS.get(summary.language, ""))
        if summary
        else "",
        "summary_at": stamp(summary.at) if summary else "",
        "not_convened": not_convened,
        "not_convened_reason": not_convened.reason.split("\n") if not_convened else [],
        "not_convened_at": stamp(not_convened.at) if not_convened else "",
        "management": management(request, context),
    }
