"""The list of observations over the API (issue contract).

``GET /reviews/{iso3}/phases/{n}/observations``: the current version, its
approvals, and only the parts the caller may see: the parties to the
review and the Secretariat read the whole list; the working groups (every
State party's officials, the chair and the Bureau) read, once the list is
agreed, the conference room paper, without the parts the State under
review keeps confidential (¶38) and without citations.
``POST …/observations/approvals``: a focal point approves the version it
names (¶39); a version no longer current is a 409.
"""

from __future__ import annotations

from sherloc_portal.api import api_service
from sherloc_portal.api.schemas import error_response
from sherloc_portal.api.validation import refuse, validate_request
from sherloc_portal.forms import ActionRefused

from ..dialogue.api import utc
from .api_schemas import ObservationsResponse, PostApproval
from .lists import approve_list
from .pages import mechanism_of, party_of, readable
from .paper import paper_version
from .permissions import OutcomePermission as P

_BASE = "/reviews/{iso3}/phases/{n}/observations"
_TRAVERSE = "/review/countries/{iso3}/phase-{n}/observations"

observations_service = api_service(
    "api.review.observations",
    _BASE,
    traverse=_TRAVERSE,
    description="A review phase's list of observations (¶38, ¶39).",
)
approvals_service = api_service(
    "api.review.observations.approvals",
    _BASE + "/approvals",
    traverse=_TRAVERSE,
    description="Approving a version of the list of observations (¶39).",
)

_NOT_FOUND = error_response("No such review or phase.")


def _entry(entry, withheld, parties: bool) -> dict:
    found = {
        "instrument": entry.instrument,
        "article": entry.article,
        "kind": entry.kind,
        "text": entry.text,
        "need": entry.need,
        "priority": entry.priority,
        "cites": list(entry.cites) if parties else [],
        "confidential": entry.number in withheld,
    }
    if parties:
        found.update(number=entry.number, revision=entry.revision)
    return found


def _approval(approval, latest: int, parties: bool) -> dict:
    found = {
        "party": approval.party,
        "version": approval.version,
        "at": utc(approval.at),
        "current": approval.version == latest,
    }
    if parties:
        found["by"] = approval.by  # logins stay with the parties
    return found


def observations_json(request, observations) -> dict:
    parties = bool(request.has_permission(P.VIEW, observations))
    withheld = observations.withheld
    if parties:
        version = observations.current
        entries = readable(request, observations, version.entries if version else ())
    else:
        version = paper_version(observations)
        entries = [e for e in version.entries if e.number not in withheld]
    agreed = observations.agreed
    phase = observations.phase
    return {
        "iso3": phase.country.iso3,
        "phase": phase.number,
        "state": phase.state,
        "view": "parties" if parties else "conference-room-paper",
        "version": version.number if version else 0,
        "agreed": None
        if agreed is None
        else {"version": agreed.version, "on": agreed.on},
        "parties": list(observations.parties),
        "waiting_for": list(observations.waiting_for(observations.parties)),
        "approvals": [
            _approval(a, observations.latest, parties) for a in observations.approvals
        ],
        "withheld": bool(
            withheld & {e.number for e in (version.entries if version else ())}
        ),
        "entries": [_entry(e, withheld, parties) for e in entries],
    }


@observations_service.get(
    validators=(validate_request,),
    permission=P.READ_PAPER,
    response_schemas={
        "200": ObservationsResponse(description="The list as the caller may read it."),
        "404": _NOT_FOUND,
    },
)
def get_observations(request):
    """The list of observations: the current version and its approvals.

    The parties to the review and the Secretariat read every entry, with
    what it cites and whether the State keeps it confidential; the working
    groups read the agreed conference room paper only (¶38)."""
    return observations_json(request, request.context)


@approvals_service.post(
    schema=PostApproval(),
    validators=(validate_request,),
    permission=P.APPROVE,
    response_schemas={
        "200": ObservationsResponse(description="The list with the approvals."),
        "404": _NOT_FOUND,
    },
)
def post_approval(request):
    """Approve the version named (the caller's State, by its focal point).

    The list is agreed when every party approved the same, current,
    version; the same approval sent again answers as the first did.  A
    version no longer current, or a phase not at the list's stage, is a
    409: read the list again."""
    observations = request.context
    try:
        approve_list(
            mechanism_of(observations),
            observations,
            party_of(request),
            request.validated["body"]["version"],
            request.identity.login,
            request.clock.today(),
            request.clock.now().timestamp(),
        )
    except ActionRefused as refusal:
        request.tm.doom()
        refuse(request, 409, "body", refusal.field or "version", refusal.message)
        return None
    return observations_json(request, observations)


def includeme(config) -> None:
    config.include("sherloc_portal.api")
    config.add_api_service(observations_service)
    config.add_api_service(approvals_service)
