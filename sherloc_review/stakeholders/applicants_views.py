"""``/review/dialogues/N/applicants``: the list circulated to the States
parties (¶53(d), (e)), and what the chair and the Secretariat read of it.

The Secretariat, the chair and the Bureau read the list at any time; the
officials of the States parties once it is circulated (the dialogue's and
each application's ACL say so).  What each reader is shown differs:

- a State party's official reads the applications on the list, how many
  objections each has, and its own State's objection only;
- the Bureau and the chair also read which States objected and why, the
  Bureau's decisions and the applications before circulation;
- the chair and the Secretariat read the countries the comments name
  (¶53(b)); only the Secretariat reads the contact, the login and the
  applications that lapsed or were withdrawn.

``flags`` is the chair's list of comments naming a country awaiting its
review; ``assistance`` (and ``assistance.csv``) gathers the inputs on
technical assistance (¶53(i), (j)) for the chair's summary.  Applicants'
files are served by ``registration-M/applicant-file/<id>`` to those who read
the application, never publicly.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config

from sherloc_portal.security.policy import principals_of

from ..cycle.dashboards import csv_cell
from ..cycle.sessions import WORKING_GROUPS
from ..draws.views import state_name
from ..i18n import _
from ..labels import stamp
from ..principals import BUREAU, CHAIR, SECRETARIAT
from ..responses.files import download
from .labels import KIND_LABELS, STATUS_LABELS, country_label, local, states_of
from .permissions import StakeholderPermission as P
from .resources import (
    APPROVED,
    CIRCULATED,
    NOT_CONVENED,
    REFERRED,
    REJECTED,
    UNCONFIRMED,
    WITHDRAWN,
    ConstructiveDialogue,
    Registration,
)

APPLICANTS_PAGE = "sherloc_review:templates/stakeholders/applicants.pt"
ASSISTANCE_PAGE = "sherloc_review:templates/stakeholders/assistance.pt"
READ = {"request_method": ("GET", "HEAD")}

#: What the States parties read: the applications the list circulated.
ON_THE_LIST = (CIRCULATED, APPROVED, REJECTED, REFERRED, NOT_CONVENED)


@dataclass(frozen=True)
class Reader:
    """What the requester is shown of the applications."""

    secretariat: bool
    privileged: bool  # the Secretariat, the chair or the Bureau
    sees_mentions: bool  # the Secretariat or the chair (¶53(b))
    state: str  # the ISO3 of an official's State, or ""

    def sees(self, registration: Registration) -> bool:
        if self.secretariat:
            return True
        if self.privileged:
            return registration.status != UNCONFIRMED
        return registration.status in ON_THE_LIST


def reader_of(request) -> Reader:
    """The requester's view, from its principals on this request (never
    its role names alone: a principal provider may add or take away)."""
    user = request.identity.user
    principals = set(principals_of(request, user))
    secretariat = SECRETARIAT in principals
    return Reader(
        secretariat=secretariat,
        privileged=bool(principals & {SECRETARIAT, CHAIR, BUREAU}),
        sees_mentions=bool(principals & {SECRETARIAT, CHAIR}),
        state=getattr(user, "state", "") or "",
    )


def heading(request, dialogue: ConstructiveDialogue) -> dict:
    """What every page of the secure area says of the dialogue."""
    return {
        "dialogue": dialogue,
        "group": request.translate(WORKING_GROUPS[dialogue.working_group]),
        "starts": local(dialogue, dialogue.starts_at),
        "zone": dialogue.timezone,
        "objections_close": local(dialogue, dialogue.objections_close),
        "circulated": stamp(dialogue.circulated_at) if dialogue.circulated_at else "",
        "list_url": request.resource_url(dialogue, "applicants"),
    }


def link(request, context, name: str, permission, applies: bool = True) -> str:
    """The URL of ``context``'s view ``name`` if the reader may use it."""
    if applies and request.has_permission(permission, context):
        return request.resource_url(context, name)
    return ""


def application(request, registration: Registration, reader: Reader) -> dict:
    """One application as ``reader`` may read it."""
    dialogue = registration.dialogue
    states = states_of(dialogue)
    translate = request.translate
    organisation = registration.organisation
    objections = [
        {
            "iso3": o.state,
            "state": state_name(states, o.state),
            "reason": o.reason.split("\n"),
            "by": o.by,
            "at": stamp(o.at),
        }
        for o in registration.objections
        if reader.privileged or o.state == reader.state
    ]
    files = [
        (
            dialogue.files[file_id].filename,
            request.resource_url(registration, "applicant-file", file_id),
        )
        for file_id in registration.files
        if file_id in dialogue.files
    ]
    review = registration.mention_review
    return {
        "registration": registration,
        "anchor": registration.__name__,
        "kind": translate(KIND_LABELS.get(registration.kind, registration.kind)),
        "status": translate(STATUS_LABELS.get(registration.status, "")),
        "country": country_label(request, states, organisation.country),
        "objection_count": len(registration.objections),
        "objections": objections,
        "bureau": registration.bureau if reader.privileged else None,
        "mentions": [state_name(states, c) for c in registration.mentions]
        if reader.sees_mentions
        else [],
        "mention_review": review if reader.sees_mentions else None,
        "comments": registration.comments.split("\n")
        if registration.comments.strip()
        else [],
        "files": files,
        "contact": organisation if reader.secretariat else None,
        "login": registration.login if reader.secretariat else "",
        "at": stamp(registration.at),
        "stamp": stamp,
        "object_url": link(
            request,
            registration,
            "object",
            P.OBJECT,
            registration.status == CIRCULATED,
        ),
        "bureau_url": link(request, registration, "bureau", P.BUREAU_DECIDE),
        "mentions_url": link(
            request, registration, "mentions", P.CHAIR, bool(registration.mentions)
        ),
    }


def awaiting_review(dialogue: ConstructiveDialogue) -> list[Registration]:
    """Applications whose comments name a country and await the chair
    (¶53(b)): any still in course."""
    return [
        r
        for r in dialogue.registrations.values()
        if r.mentions
        and r.mention_review is None
        and r.status not in (WITHDRAWN, UNCONFIRMED)
    ]


def _list_page(request, dialogue, registrations, reader, title, flags) -> dict:
    return {
        **heading(request, dialogue),
        "page_title": request.translate(title),
        "rows": [application(request, r, reader) for r in registrations],
        "flags": flags,
        "privileged": reader.privileged,
        "assistance_url": link(request, dialogue, "assistance", P.SUMMARY),
        "flags_url": link(request, dialogue, "flags", P.CHAIR),
    }


@view_config(
    context=ConstructiveDialogue,
    name="applicants",
    renderer=APPLICANTS_PAGE,
    permission=P.VIEW_APPLICANTS,
    **READ,
)
def applicants(context: ConstructiveDialogue, request):
    reader = reader_of(request)
    found = [r for r in context.registrations.values() if reader.sees(r)]
    title = _(
        "Applicants to the constructive dialogue ${number}",
        mapping={"number": context.number},
    )
    return _list_page(request, context, found, reader, title, flags=False)


@view_config(
    context=ConstructiveDialogue,
    name="flags",
    renderer=APPLICANTS_PAGE,
    permission=P.CHAIR,
    **READ,
)
def flags(context: ConstructiveDialogue, request):
    title = _(
        "Comments naming a country, awaiting the chair (dialogue ${number})",
        mapping={"number": context.number},
    )
    reader = reader_of(request)
    return _list_page(
        request, context, awaiting_review(context), reader, title, flags=True
    )


@view_config(
    context=Registration,
    name="applicant-file",
    permission=P.VIEW_APPLICANTS,
    **READ,
)
def applicant_file(context: Registration, request):
    """A file an applicant sent, to whoever reads its application; always
    a download (SECURITY.md §7)."""
    found = None
    if len(request.subpath) == 1 and request.subpath[0] in context.files:
        found = context.dialogue.files.get(request.subpath[0])
    if found is None or not reader_of(request).sees(context):
        raise HTTPNotFound()
    return download(None, found.filename, blob=found.blob)


# -- inputs on technical assistance (¶53(i), (j)) -----------------------------


def with_assistance(dialogue: ConstructiveDialogue) -> list[Registration]:
    """Applications in course that gave inputs on technical assistance."""
    return [
        r
        for r in dialogue.registrations.values()
        if r.assistance.strip() and r.status not in (WITHDRAWN, UNCONFIRMED)
    ]


# NB: SUMMARY is the permission the Secretariat and the chair share on the
# dialogue; the inputs feed the chair's summary (¶53(h)-(j)).
@view_config(
    context=ConstructiveDialogue,
    name="assistance",
    renderer=ASSISTANCE_PAGE,
    permission=P.SUMMARY,
    **READ,
)
def assistance(context: ConstructiveDialogue, request):
    translate = request.translate
    states = states_of(context)
    return {
        **heading(request, context),
        "page_title": translate(
            _(
                "Inputs on technical assistance (dialogue ${number})",
                mapping={"number": context.number},
            )
        ),
        "rows": [
            {
                "registration": r,
                "name": r.organisation.name,
                "kind": translate(KIND_LABELS.get(r.kind, r.kind)),
                "country": country_label(request, states, r.organisation.country),
                "status": translate(STATUS_LABELS.get(r.status, "")),
                "text": r.assistance.split("\n"),
            }
            for r in with_assistance(context)
        ],
        "csv_url": request.resource_url(context, "assistance.csv"),
    }


CSV_HEADER = (
    "number",
    "organisation",
    "kind",
    "country",
    "status",
    "received",
    "technical_assistance",
)


@view_config(
    context=ConstructiveDialogue,
    name="assistance.csv",
    permission=P.SUMMARY,
    **READ,
)
def assistance_csv(context: ConstructiveDialogue, request):
    """The same inputs for a spreadsheet: UTF-8 with a byte-order mark (so
    Excel reads the six languages), no cell a spreadsheet would run."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for r in with_assistance(context):
        writer.writerow(
            csv_cell(value)
            for value in (
                r.number,
                r.organisation.name,
                r.kind,
                r.organisation.country,
                r.status,
                stamp(r.at),
                r.assistance,
            )
        )
    return download(
        out.getvalue().encode("utf-8"),
        f"assistance-dialogue-{context.number}.csv",
        content_type="text/csv; charset=utf-8",
    )
