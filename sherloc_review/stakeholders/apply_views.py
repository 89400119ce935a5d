"""``/review/dialogues/N/apply``: the public application form (¶53(d), (e)).

Anyone may apply until the cut-off, computed in the dialogue's time zone
(:mod:`.rules`).  A visitor without an account gives the contact's e-mail:
an inactive account is created and mailed a confirmation link
(:func:`.accounts.applicant_account`), and the application counts only once
it is confirmed.  Someone logged in with an applicant's account applies
under its login.  Accounts of State officials, the Secretariat, the chair
or the Bureau are refused: their people take part as such (¶53(c)), not
for an organisation.

A public form invites abuse, so: accepted applications (and filled
honeypots) are counted per client address with the portal's throttle
(``sherloc.applications_per_address`` within ``sherloc.login_window``
seconds, then 429 with ``Retry-After``); texts are limited by
:func:`..versioned.checked_text`, files by number (``MAX_FILES``, refused
before a byte is read) and by the questionnaire's upload rules (size, type
from content, scan); comments are plain text, escaped wherever shown.
"""

from __future__ import annotations

import colander
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from sherloc_portal.accounts.flash import flash
from sherloc_portal.accounts.security_log import log_event
from sherloc_portal.forms import ActionRefused

from ..cycle.sessions import WORKING_GROUPS
from ..dialogue.forms import FormErrors, read, refusals
from ..i18n import _
from ..responses import attachments
from . import acts
from .accounts import APPLICANT_ROLE, applicant_login
from .labels import KIND_LABELS, local, states_of
from .permissions import StakeholderPermission as P
from .resources import KINDS, UNCONFIRMED, WITHDRAWN, ConstructiveDialogue
from .throttling import count, throttled

APPLY_PAGE = "sherloc_review:templates/stakeholders/apply.pt"
APPLIED_PAGE = "sherloc_review:templates/stakeholders/applied.pt"
READ = {"request_method": ("GET", "HEAD")}
#: Files one application may carry.
MAX_FILES = 5
#: The field people leave empty (hidden from them); robots fill it in.
HONEYPOT = "fax"

KIND_HELP = {
    "ngo": _(
        "Non-governmental organizations confirm their attendance at least 15 days "
        "before the dialogue (¶53(d)). If a State party objects, the Bureau of the "
        "Conference decides."
    ),
    "other": _(
        "The private sector, academia and other relevant stakeholders apply at "
        "least 15 days before the dialogue (¶53(e)); an application is approved "
        "provided that no State party objects."
    ),
}
STAFF_REFUSAL = _(
    "Applications come from organizations (¶53(d), (e)). This account is one of "
    "a State official, the Secretariat, the chair or the Bureau, whose people take "
    "part in the dialogue as such (¶53(c)). Log out to apply for an organization, "
    "with its own e-mail address."
)
QUIET_REFUSAL = _("The application could not be taken. Try again later.")


def _text() -> colander.SchemaNode:
    return colander.SchemaNode(colander.String(), missing="")


class ApplicationSchema(colander.MappingSchema):
    """The fields of the form; the acts check what they hold."""

    kind = _text()
    name = _text()
    country = _text()
    website = _text()
    contact_name = _text()
    contact_email = _text()
    representatives = _text()
    comments = _text()
    assistance = _text()


def staff_account(request) -> bool:
    """Whether the visitor is logged in with an account that may not apply.

    Any role beyond the applicant's, or any State affiliation, refuses: the
    stricter reading, so a role added later is refused until allowed here.
    """
    identity = request.identity
    if identity is None:
        return False
    user = identity.user
    return bool(user.state) or any(r != APPLICANT_ROLE for r in user.roles)


def own_application(dialogue: ConstructiveDialogue, login: str):
    """``login``'s application still in course, if any."""
    for registration in dialogue.registrations.values():
        if registration.login == login and registration.status not in (
            WITHDRAWN,
            UNCONFIRMED,
        ):
            return registration
    return None


def _defaults(request) -> dict:
    if request.identity is None:
        return {}
    user = request.identity.user
    return {"contact_name": user.fullname, "contact_email": user.email}


def page(
    context: ConstructiveDialogue,
    request,
    notice=None,
    failure: FormErrors | None = None,
) -> dict:
    """The form, or ``notice`` (closed, refused) in its place."""
    translate = request.translate
    now = request.clock.now()
    notice = notice or acts.closed_reason(context, now)
    if notice is None and staff_account(request):
        notice = STAFF_REFUSAL
    identity = request.identity
    existing = own_application(context, identity.login) if identity else None
    states = states_of(context)
    return {
        "page_title": translate(_("Apply to take part in a constructive dialogue")),
        "dialogue": context,
        "working_group": translate(WORKING_GROUPS.get(context.working_group, "")),
        "starts": local(context, context.starts_at),
        "cutoff": local(context, context.cutoff),
        "notice": translate(notice) if notice is not None else "",
        "existing": existing,
        "anonymous": identity is None,
        "kinds": [(k, translate(KIND_LABELS[k])) for k in KINDS],
        "kind_help": {k: translate(v) for k, v in KIND_HELP.items()},
        "countries": sorted(
            ((s.__name__, s.name) for s in states.values()), key=lambda c: c[1]
        ),
        "values": failure.values if failure else _defaults(request),
        "errors": failure.errors if failure else {},
        "max_files": MAX_FILES,
        "honeypot": HONEYPOT,
    }


def _refused(context, request, status: int, notice=None, failure=None) -> dict:
    """The page sent back with ``status``; nothing of the request is kept
    (an account made, files stored)."""
    request.tm.doom()
    request.response.status = status
    return page(context, request, notice, failure)


@view_config(
    context=ConstructiveDialogue,
    name="apply",
    renderer=APPLY_PAGE,
    permission=P.REGISTER,
    **READ,
)
def apply_form(context: ConstructiveDialogue, request):
    return page(context, request)


def sent_files(request) -> list:
    """The files of the form, refused if too many before a byte is read."""
    sent = [u for u in request.POST.getall("files") if getattr(u, "filename", "")]
    if len(sent) > MAX_FILES:
        raise ActionRefused(
            _("At most ${count} files.", mapping={"count": MAX_FILES}), "files"
        )
    return sent


def uploads(request, sent: list, login: str) -> tuple:
    """The files ``sent``, checked as the questionnaire checks its own."""
    found = []
    for upload in sent:
        try:
            name, data = attachments.read_upload(request.registry, upload)
            found.append(attachments.make(request.registry, name, data, login, False))
        except ActionRefused as refusal:
            raise ActionRefused(
                _(
                    "The file ${name} was refused: ${reason}",
                    mapping={
                        "name": upload.filename[:200],
                        "reason": request.translate(refusal.message),
                    },
                ),
                "files",
            ) from None
    return tuple(found)


def _register(context: ConstructiveDialogue, request, now):
    """The application the form describes; an account for a visitor."""
    schema = ApplicationSchema()
    with refusals(request, schema):
        values = read(request, schema)
        states = states_of(context)
        organisation = acts.organisation(
            values["name"],
            values["country"],
            values["website"],
            values["contact_name"],
            values["contact_email"],
            states,
        )
        sent = sent_files(request)  # before an account is made
        login = applicant_login(request, organisation)
        return acts.register(
            context,
            values["kind"],
            organisation,
            values["representatives"].splitlines(),
            values["comments"],
            values["assistance"],
            uploads(request, sent, login),
            login,
            states,
            now,
        )


@view_config(
    context=ConstructiveDialogue,
    name="apply",
    renderer=APPLY_PAGE,
    permission=P.REGISTER,
    request_method="POST",
)
def apply(context: ConstructiveDialogue, request):
    now = request.clock.now()
    closed = acts.closed_reason(context, now)
    if closed is not None:
        return _refused(context, request, 409, closed)
    if staff_account(request):
        return _refused(context, request, 403, STAFF_REFUSAL)
    notice = throttled(request)
    if notice is not None:
        return _refused(context, request, 429, notice)
    # Every attempt counts, refused ones too: the answers (an address in
    # use, say) must not be probed at will.
    count(request)
    if request.POST.get(HONEYPOT, ""):
        log_event(request, "application.honeypot", dialogue=context.number)
        return _refused(context, request, 400, QUIET_REFUSAL)
    try:
        registration = _register(context, request, now)
    except FormErrors as failure:
        return _refused(context, request, 400, failure=failure)
    if request.identity is None:
        return HTTPSeeOther(location=request.resource_url(context, "applied"))
    flash(
        request,
        _(
            "Your application is received. The list of applicants goes to the "
            "States parties 10 days before the dialogue."
        ),
    )
    return HTTPSeeOther(location=request.resource_url(registration))


@view_config(
    context=ConstructiveDialogue,
    name="applied",
    renderer=APPLIED_PAGE,
    permission=P.REGISTER,
    **READ,
)
def applied(context: ConstructiveDialogue, request):
    """Where a visitor lands after applying: confirm the e-mail address."""
    return {
        "page_title": request.translate(_("Check your mail")),
        "dialogue": context,
        "cutoff": local(context, context.cutoff),
    }
