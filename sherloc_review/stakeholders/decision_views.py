"""Decisions on an application: a State party's objection (¶53(d), (e)),
the Bureau's decision on an NGO objected to (¶53(d)), and the chair's
review of comments naming a country (¶53(b)).

Each is ``registration-M/<name>``: a GET shows the application and the
form, a POST records the act of :mod:`.acts`, whose refusals come back on
the form.  The acts check the rules (the dates, who is a focal point, a
second objection); the pages only say beforehand what the acts would say.

When the Bureau decides, the NGO is told by mail, in its language: the
outcome and a link to its application; neither the Bureau's note nor the
States that objected leave the platform (SECURITY.md §11).
"""

from __future__ import annotations

import colander
from pyramid.view import view_config

from sherloc_portal.accounts.authenticate import portal_users
from sherloc_portal.accounts.mails import public_link

from ..cycle.sessions import WORKING_GROUPS
from ..dialogue.forms import FormErrors, acted
from ..dialogue.notify import localizer_of
from ..i18n import _
from . import acts
from .applicants_views import application, heading, reader_of
from .labels import local, states_of
from .mentions import codes_of, spans
from .permissions import StakeholderPermission as P
from .resources import CIRCULATED, Registration

OBJECT_PAGE = "sherloc_review:templates/stakeholders/object.pt"
BUREAU_PAGE = "sherloc_review:templates/stakeholders/bureau.pt"
MENTIONS_PAGE = "sherloc_review:templates/stakeholders/mentions.pt"
READ = {"request_method": ("GET", "HEAD")}

#: The key in ``Registration.told`` once the NGO is told of the Bureau's
#: decision, so that no notice job tells it again.
TOLD_BUREAU = "bureau-decision"


def _text(**kw) -> colander.SchemaNode:
    return colander.SchemaNode(colander.String(), missing="", **kw)


class ObjectionSchema(colander.MappingSchema):
    reason = _text()


class BureauSchema(colander.MappingSchema):
    decision = colander.SchemaNode(
        colander.String(), validator=colander.OneOf(("approve", "reject"))
    )
    note = _text()


class MentionsSchema(colander.MappingSchema):
    decision = colander.SchemaNode(
        colander.String(), validator=colander.OneOf(("publish", "withhold"))
    )
    note = _text()


def _page(request, registration: Registration, failure: FormErrors | None) -> dict:
    return {
        **heading(request, registration.dialogue),
        "row": application(request, registration, reader_of(request)),
        "values": failure.values if failure is not None else {},
        "errors": failure.errors if failure is not None else {},
    }


def _decided(request, registration, schema, page, act, done, to="applicants"):
    """Run ``act(values)`` for the form ``schema`` reads; back to ``page``
    with the errors, or on to the dialogue's list ``to`` with ``done``."""

    def run(values: dict) -> str:
        act(values)
        dialogue = registration.dialogue
        return request.resource_url(dialogue, to, anchor=registration.__name__)

    return acted(request, registration, schema, page, run, done)


# -- a State party's objection ------------------------------------------------


def objection_page(context: Registration, request, failure=None) -> dict:
    user = request.identity.user
    now = request.clock.now()
    dialogue = context.dialogue
    own = [o for o in context.objections if o.state == user.state]
    if own:
        hint = _("Your State objected to this application.")
    elif context.status != CIRCULATED:
        hint = _("This application is not open to objections.")
    elif now >= dialogue.objections_close:
        hint = _(
            "Objections closed on ${date} (${zone} time).",
            mapping={
                "date": local(dialogue, dialogue.objections_close),
                "zone": dialogue.timezone,
            },
        )
    elif user.state_role != "focal":
        hint = _("Only a State party's focal point objects; you may read the list.")
    else:
        hint = None
    return {
        **_page(request, context, failure),
        "page_title": request.translate(
            _(
                "Object to the application of ${organisation}",
                mapping={"organisation": context.organisation.name},
            )
        ),
        "hint": request.translate(hint) if hint is not None else "",
    }


@view_config(
    context=Registration,
    name="object",
    renderer=OBJECT_PAGE,
    permission=P.OBJECT,
    **READ,
)
def objection_form(context: Registration, request):
    return objection_page(context, request)


@view_config(
    context=Registration,
    name="object",
    renderer=OBJECT_PAGE,
    permission=P.OBJECT,
    request_method="POST",
)
def object_to(context: Registration, request):
    return _decided(
        request,
        context,
        ObjectionSchema(),
        objection_page,
        lambda values: acts.object_to(
            context, request.identity.user, values["reason"], request.clock.now()
        ),
        _("Your State's objection is recorded."),
    )


# -- the Bureau (¶53(d)) ------------------------------------------------------

SUBJECT = _("SHERLOC: the Bureau decided on your application to a dialogue")
BODY = _(
    "The Bureau of the Conference decided on the application of ${organisation} "
    "to the constructive dialogue of the ${group} on ${day}: ${outcome}\n\n"
    "Your application: ${link}\n\n"
    "The link opens it once you are logged in."
)
OUTCOMES = {
    True: _("the application is approved."),
    False: _("the application is not approved."),
}


def bureau_page(context: Registration, request, failure=None) -> dict:
    return {
        **_page(request, context, failure),
        "page_title": request.translate(
            _(
                "The Bureau's decision on ${organisation}",
                mapping={"organisation": context.organisation.name},
            )
        ),
    }


def tell_outcome(request, registration: Registration) -> None:
    """Mail the NGO the Bureau's decision, in its language: the outcome and
    a link, nothing of the note or of who objected (queued in the request's
    transaction: it leaves only if the decision commits)."""
    user = portal_users(request).get(registration.login)
    if user is None or not user.email:
        return
    dialogue = registration.dialogue
    localizer = localizer_of(request, user)
    mapping = {
        "organisation": registration.organisation.name,
        "group": localizer.translate(WORKING_GROUPS[dialogue.working_group]),
        "day": local(dialogue, dialogue.starts_at),
        "outcome": localizer.translate(OUTCOMES[registration.bureau.approve]),
        "link": public_link(request, request.resource_path(registration)),
    }
    request.mailer.send(
        request,
        user.email,
        localizer.translate(SUBJECT),
        localizer.translate(BODY, mapping=mapping),
    )
    registration.told = registration.told | {TOLD_BUREAU}


@view_config(
    context=Registration,
    name="bureau",
    renderer=BUREAU_PAGE,
    permission=P.BUREAU_DECIDE,
    **READ,
)
def bureau_form(context: Registration, request):
    return bureau_page(context, request)


@view_config(
    context=Registration,
    name="bureau",
    renderer=BUREAU_PAGE,
    permission=P.BUREAU_DECIDE,
    request_method="POST",
)
def bureau_decides(context: Registration, request):
    def act(values):
        acts.bureau_decides(
            context,
            values["decision"] == "approve",
            values["note"],
            request.identity.login,
            request.clock.now(),
        )
        tell_outcome(request, context)

    return _decided(
        request,
        context,
        BureauSchema(),
        bureau_page,
        act,
        _("The Bureau's decision is recorded; the organisation is told by mail."),
    )


# -- the chair's review of comments naming a country (¶53(b)) ------------------


def highlighted(text: str, codes) -> list[list[tuple[str, str]]]:
    """``text`` as paragraphs of ``(piece, ISO3)``: ``ISO3`` is the State a
    piece names, ``""`` for the text between; ``[]`` for no text."""
    if not text.strip():
        return []
    pieces, at = [], 0
    for start, end, iso3 in spans(text, codes):
        if start < at:
            continue  # inside a longer name found first
        pieces += [(text[at:start], ""), (text[start:end], iso3)]
        at = end
    pieces.append((text[at:], ""))
    paragraphs: list[list[tuple[str, str]]] = [[]]
    for piece, iso3 in pieces:
        for n, line in enumerate(piece.split("\n")):
            if n:
                paragraphs.append([])
            if line:
                paragraphs[-1].append((line, iso3))
    return paragraphs


def mentions_page(context: Registration, request, failure=None) -> dict:
    states = states_of(context.dialogue)
    codes = codes_of(states)
    return {
        **_page(request, context, failure),
        "page_title": request.translate(
            _(
                "Comments of ${organisation} naming a country (¶53(b))",
                mapping={"organisation": context.organisation.name},
            )
        ),
        "sections": [
            (
                "comments",
                request.translate(_("Written comments")),
                highlighted(context.comments, codes),
            ),
            (
                "assistance",
                request.translate(_("Inputs on technical assistance")),
                highlighted(context.assistance, codes),
            ),
        ],
        "names": {c: states[c].name for c in context.mentions if c in states},
        "review": context.mention_review,
        "flags_url": request.resource_url(context.dialogue, "flags"),
    }


@view_config(
    context=Registration,
    name="mentions",
    renderer=MENTIONS_PAGE,
    permission=P.CHAIR,
    **READ,
)
def mentions_form(context: Registration, request):
    return mentions_page(context, request)


@view_config(
    context=Registration,
    name="mentions",
    renderer=MENTIONS_PAGE,
    permission=P.CHAIR,
    request_method="POST",
)
def review_mentions(context: Registration, request):
    return _decided(
        request,
        context,
        MentionsSchema(),
        mentions_page,
        lambda values: acts.review_mentions(
            context,
            values["decision"] == "publish",
            values["note"],
            request.identity.login,
            request.clock.now(),
        ),
        _("The chair's decision on the comments is recorded."),
        to="flags",
    )
