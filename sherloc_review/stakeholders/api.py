"""The constructive dialogues over the API (¶53): the public list, and
applications.

``GET /dialogues`` lists every dialogue with its date in UTC and in its
own time zone, its applications' cut-off and whether applications are
taken now (the portal's clock).  ``POST /dialogues/{id}/registrations``
applies, as the public form does (:mod:`.apply_views`): with the bearer
token of a stakeholder's account the application is that account's;
without one an account is created for the contact's address, which must
be confirmed through the link mailed to it.  After the cut-off the answer
is 409 naming it in the dialogue's time zone.  Files are taken by the web
form only.

The contexts are ``/review/dialogues`` and the dialogue, whose ACLs let
anyone read and apply; accounts of State officials, the Secretariat, the
chair and the Bureau are refused (403), as on the form.  Anonymous
applications count against the form's limit per client address (429 with
``Retry-After``): each one may create an account and send a mail.
"""

from __future__ import annotations

from sherloc_portal.api import api_service
from sherloc_portal.api.schemas import error_response
from sherloc_portal.api.validation import refuse, validate_request
from sherloc_portal.forms import ActionRefused

from ..cycle.sessions import WORKING_GROUPS
from ..dialogue.api import utc
from . import acts
from .accounts import applicant_login
from .api_schemas import DialoguesResponse, PostRegistration, RegisteredResponse
from .apply_views import STAFF_REFUSAL, staff_account
from .labels import states_of
from .permissions import StakeholderPermission as P
from .resources import ConstructiveDialogue
from .throttling import count, throttled

dialogues_service = api_service(
    "api.review.dialogues",
    "/dialogues",
    traverse="/review/dialogues",
    description="Constructive dialogues with NGOs and other stakeholders (¶53).",
)
registrations_service = api_service(
    "api.review.dialogues.registrations",
    "/dialogues/{id}/registrations",
    traverse="/review/dialogues/{id}",
    description="Applications to take part in a constructive dialogue (¶53(d), (e)).",
)

#: The body's name for the fields the acts refuse.
_FIELDS = {
    name: f"organisation.{name}"
    for name in ("name", "country", "website", "contact_name", "contact_email")
}


def dialogue_json(request, dialogue: ConstructiveDialogue, now) -> dict:
    cutoff = dialogue.cutoff
    return {
        "number": dialogue.number,
        "title": dialogue.title,
        "working_group": dialogue.working_group,
        "working_group_name": request.translate(
            WORKING_GROUPS.get(dialogue.working_group, dialogue.working_group)
        ),
        "starts_at": utc(dialogue.starts_at.timestamp()),
        "timezone": dialogue.timezone,
        "local_start": dialogue.local_start.isoformat(timespec="seconds"),
        "place": dialogue.place,
        "link": dialogue.link,
        "registration_cutoff": utc(cutoff.timestamp()),
        "registration_cutoff_local": cutoff.astimezone(
            dialogue.local_start.tzinfo
        ).isoformat(timespec="seconds"),
        "registration_open": dialogue.open_for_registration(now),
        "not_convened": dialogue.not_convened is not None,
        "summary_published": dialogue.summary is not None,
        "url": request.resource_url(dialogue),
    }


@dialogues_service.get(
    permission=P.PUBLIC_VIEW,
    response_schemas={"200": DialoguesResponse(description="Every dialogue.")},
)
def list_dialogues(request):
    """Every constructive dialogue, with its applications' cut-off.

    Public: no token needed.  ``registration_open`` says whether
    applications are taken now; the cut-off is 15 days before the
    dialogue, in its time zone (¶53(d), (e)).
    """
    now = request.clock.now()
    dialogues = sorted(request.context.values(), key=lambda d: d.starts_at)
    return {"dialogues": [dialogue_json(request, d, now) for d in dialogues]}


def _refused(request, status: int, location: str, name: str, message) -> None:
    request.tm.doom()  # nothing of a refused application stays: no account
    refuse(request, status, location, name, message)


def _throttled(request) -> bool:
    """Whether this address sent too many applications (then refused 429);
    otherwise the attempt is counted."""
    message = throttled(request)
    if message is None:
        count(request)
        return False
    _refused(request, 429, "header", "", message)
    return True


def _register(request, dialogue: ConstructiveDialogue, body: dict, now):
    states = states_of(dialogue)
    given = body["organisation"]
    organisation = acts.organisation(
        given["name"],
        given["country"],
        given["website"],
        given["contact_name"],
        given["contact_email"],
        states,
    )
    login = applicant_login(request, organisation)
    return acts.register(
        dialogue,
        body["kind"],
        organisation,
        body["representatives"],
        body["comments"],
        body["assistance"],
        (),
        login,
        states,
        now,
    )


@registrations_service.post(
    schema=PostRegistration(),
    validators=(validate_request,),
    permission=P.REGISTER,
    response_schemas={
        "201": RegisteredResponse(description="The application is received."),
        "404": error_response("No such dialogue."),
        "409": error_response(
            "Applications are closed: the cut-off passed (15 days before the "
            "dialogue, in its time zone) or the dialogue is not convened."
        ),
        "429": error_response(
            "Too many applications from this address: try again after the "
            "seconds the Retry-After header says."
        ),
    },
)
def create_registration(request):
    """Apply to take part in the dialogue, until 15 days before it (¶53(d), (e)).

    With the bearer token of a stakeholder's account, the application is
    that account's.  Without a token, an account is created for
    ``organisation.contact_email`` and mailed a link: the application
    counts only once the address is confirmed (``confirmation_required``).
    Accounts of State officials, the Secretariat, the chair and the Bureau
    are refused (403): their people take part as such (¶53(c)).  Files
    cannot be sent through the API: attach them with the dialogue's web
    form.  After the cut-off the answer is 409, naming it in the
    dialogue's time zone.
    """
    dialogue = request.context
    now = request.clock.now()
    closed = acts.closed_reason(dialogue, now)
    if closed is not None:
        _refused(request, 409, "url", "id", closed)
        return None
    if staff_account(request):
        _refused(request, 403, "header", "Authorization", STAFF_REFUSAL)
        return None
    anonymous = request.identity is None
    if anonymous and _throttled(request):
        return None
    try:
        registration = _register(request, dialogue, request.validated["body"], now)
    except ActionRefused as refusal:
        field = refusal.field or ""
        _refused(request, 400, "body", _FIELDS.get(field, field), refusal.message)
        return None
    request.response.status = 201
    request.response.location = request.resource_url(registration)
    return {
        "number": registration.number,
        "status": registration.status,
        "confirmation_required": anonymous,
    }


def includeme(config) -> None:
    config.include("sherloc_portal.api")
    config.add_api_service(dialogues_service)
    config.add_api_service(registrations_service)
