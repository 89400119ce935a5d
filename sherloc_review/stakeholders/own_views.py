"""A registrant's own applications: the list, one application, withdrawal.

``/review/dialogues/@@mine`` lists the applications of the logged-in
account across the dialogues (there are few: a handful a year);
``/review/dialogues/N/registration-M`` shows one to its registrant, with
its files and a button to withdraw it until the dialogue is held.

What the registrant learns of the States parties' objections is the
outcome only: that a State party objected, never which one, nor its
reasons, nor the Bureau's note (SECURITY.md §11).
"""

from __future__ import annotations

from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound, HTTPSeeOther
from pyramid.view import notfound_view_config, view_config

from sherloc_portal.accounts.flash import flash
from sherloc_portal.forms import ActionRefused
from sherloc_portal.views.errors import forbidden, not_found

from ..cycle.sessions import WORKING_GROUPS
from ..i18n import _
from ..labels import stamp
from ..responses.files import download
from . import acts
from .labels import (
    KIND_LABELS,
    STATUS_LABELS,
    country_label,
    local,
    states_of,
)
from .permissions import StakeholderPermission as P
from .resources import (
    IN_COURSE,
    REFERRED,
    REGISTRATION_PREFIX,
    REJECTED,
    ConstructiveDialogue,
    DialoguesFolder,
    Registration,
)

MINE_PAGE = "sherloc_review:templates/stakeholders/mine.pt"
REGISTRATION_PAGE = "sherloc_review:templates/stakeholders/registration.pt"
READ = {"request_method": ("GET", "HEAD")}
#: The address of an application, of which one may not exist.
REGISTRATION_PATH = rf".*/{REGISTRATION_PREFIX}[^/]*(/.*)?$"


def outcome(registration: Registration):
    """What the registrant is told of objections and the Bureau, or ``None``."""
    bureau = registration.bureau
    if bureau is not None:
        if bureau.approve:
            return _(
                "A State party objected; the Bureau of the Conference approved "
                "your participation (¶53(d))."
            )
        return _(
            "A State party objected; the Bureau of the Conference decided "
            "against your participation (¶53(d))."
        )
    if registration.status == REFERRED:
        return _(
            "A State party objected: the matter is referred to the Bureau of "
            "the Conference, which decides (¶53(d))."
        )
    if registration.status == REJECTED and registration.objections:
        return _("A State party objected (¶53(e)).")
    return None


def describe(request, registration: Registration) -> dict:
    """The lines the list and the page show of ``registration``."""
    translate = request.translate
    dialogue = registration.dialogue
    said = outcome(registration)
    return {
        "registration": registration,
        "dialogue": dialogue,
        "working_group": translate(WORKING_GROUPS.get(dialogue.working_group, "")),
        "starts": local(dialogue, dialogue.starts_at),
        "status": translate(STATUS_LABELS.get(registration.status, "")),
        "outcome": translate(said) if said is not None else "",
        "kind": translate(KIND_LABELS.get(registration.kind, "")),
        "at": stamp(registration.at),
    }


@view_config(
    context=DialoguesFolder,
    name="mine",
    renderer=MINE_PAGE,
    permission=P.PUBLIC_VIEW,
    **READ,
)
def mine(context: DialoguesFolder, request):
    """The logged-in account's applications, the next dialogue first."""
    if request.identity is None:
        raise HTTPForbidden()  # anonymous: to the login page
    login = request.identity.login
    found = [
        registration
        for dialogue in context.values()
        for registration in dialogue.registrations.values()
        if registration.login == login
    ]
    found.sort(key=lambda r: (r.dialogue.starts_at, r.number), reverse=True)
    return {
        "page_title": request.translate(_("My applications")),
        "rows": [describe(request, r) for r in found],
    }


def registration_page(context: Registration, request, error: str = "") -> dict:
    dialogue = context.dialogue
    organisation = context.organisation
    return {
        **describe(request, context),
        "page_title": request.translate(
            _("Application: ${name}", mapping={"name": organisation.name})
        ),
        "organisation": organisation,
        "country": country_label(request, states_of(dialogue), organisation.country),
        "files": [dialogue.files[f] for f in context.files if f in dialogue.files],
        "can_withdraw": context.status in IN_COURSE
        and request.clock.now() < dialogue.starts_at,
        "flagged": bool(context.mentions) and context.mention_review is None,
        "error": error,
    }


@view_config(
    context=Registration,
    renderer=REGISTRATION_PAGE,
    permission=P.OWN,
    **READ,
)
def registration_view(context: Registration, request):
    return registration_page(context, request)


@view_config(
    context=Registration,
    name="withdraw",
    renderer=REGISTRATION_PAGE,
    permission=P.OWN,
    request_method="POST",
)
def withdraw(context: Registration, request):
    try:
        acts.withdraw(context, request.clock.now())
    except ActionRefused as refusal:
        request.response.status = 409
        return registration_page(context, request, request.translate(refusal.message))
    flash(request, _("Your application is withdrawn."))
    return HTTPSeeOther(location=request.resource_url(context))


@view_config(context=Registration, name="file", permission=P.OWN, **READ)
def registration_file(context: Registration, request):
    """A file of the application, only if it holds it; always a download."""
    found = None
    if len(request.subpath) == 1 and request.subpath[0] in context.files:
        found = context.dialogue.files.get(request.subpath[0])
    if found is None:
        raise HTTPNotFound()
    return download(None, found.filename, blob=found.blob)


@notfound_view_config(
    path_info=REGISTRATION_PATH, renderer="sherloc_portal:templates/error.pt"
)
def missing_registration(request):
    """An application that does not exist is answered as one that is not
    one's own: else "404 here, 403 there" would count the applications of
    a dialogue, which only the States parties see (SECURITY.md §11)."""
    if isinstance(getattr(request, "context", None), ConstructiveDialogue):
        return forbidden(request)
    return not_found(request)
