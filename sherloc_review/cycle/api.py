"""``GET /api/v1/cycle`` (where each group stands) and ``GET /api/v1/status``.

``/cycle`` is for the officials of States parties and the Secretariat (the
context is ``/review/cycle``, whose ACL decides); ``/status`` is public and
carries counts only, never a State (¶4(b)).  ``POST /cycle/reminders`` runs
the daily reminder job inside the server (the Secretariat's token), and
``POST /cycle/dialogue-digest`` the daily digest of the dialogue, and
``POST /cycle/constructive-dialogues`` the circulation and settlement of
the constructive dialogues' applications (¶53(d), (e)): the way to run them
from cron while the server holds the embedded FileStorage, which no second
process may open.
"""

from __future__ import annotations

import time

import colander

from sherloc_portal.api import api_service
from sherloc_portal.api.schemas import closed

from ..dialogue import digest
from ..dialogue.api import utc
from ..stakeholders import job as dialogues_job
from . import reminders
from . import workplan as plan
from .overview import as_json, groups
from .permissions import CyclePermission
from .status import public_status
from .workflow import STATES

cycle_service = api_service(
    "api.review.cycle",
    "/cycle",
    traverse="/review/cycle",
    description="The review cycle: groups, phases, the 70 % gate.",
)
reminders_service = api_service(
    "api.review.cycle.reminders",
    "/cycle/reminders",
    traverse="/review/cycle",
    description="Run the daily reminder job (idempotent).",
)
digest_service = api_service(
    "api.review.cycle.dialogue_digest",
    "/cycle/dialogue-digest",
    traverse="/review/cycle",
    description="Run the daily digest of unread dialogue messages (idempotent).",
)
dialogues_job_service = api_service(
    "api.review.cycle.constructive_dialogues",
    "/cycle/constructive-dialogues",
    traverse="/review/cycle",
    description="Run the job of the constructive dialogues: circulate the lists "
    "of applicants and settle the applications (¶53(d), (e); idempotent).",
)
status_service = api_service(
    "api.review.status",
    "/status",
    traverse="/review/cycle/status",
    description="Public aggregate status of the mechanism (counts only).",
)


def _nullable(typ, **kw) -> colander.SchemaNode:
    return colander.SchemaNode(typ, nullable=True, **kw)


class Meter(colander.MappingSchema):
    foreseen = colander.SchemaNode(
        colander.Integer(), description="Reviews foreseen when the phase opened."
    )
    completed = colander.SchemaNode(colander.Integer(), description="Concluded.")
    percent = colander.SchemaNode(colander.Integer(), description="Rounded down.")
    threshold = colander.SchemaNode(colander.Integer(), description="70 (¶10).")
    met = colander.SchemaNode(colander.Boolean())


class OverrideEntry(colander.MappingSchema):
    phase = colander.SchemaNode(colander.Integer(), description="Phase it lets open.")
    decision = colander.SchemaNode(colander.String())
    note = colander.SchemaNode(colander.String())
    recorded_on = colander.SchemaNode(colander.String(), description="YYYY-MM-DD")


class Overrides(colander.SequenceSchema):
    override = OverrideEntry(typ=closed())


class GroupEntry(colander.MappingSchema):
    group = colander.SchemaNode(colander.String())
    phase = _nullable(colander.Integer(), description="Null before phase 1 opens.")
    cluster = _nullable(colander.String())
    cluster_name = _nullable(colander.String())
    opened_on = _nullable(colander.String(), description="YYYY-MM-DD")
    planned_start = _nullable(colander.String(), description="YYYY-MM")
    planned_end = _nullable(colander.String(), description="YYYY-MM")
    meter = Meter(typ=closed(), nullable=True)
    overrides = Overrides()


class Groups(colander.SequenceSchema):
    group = GroupEntry(typ=closed())


class CycleBody(colander.MappingSchema):
    workplan_version = colander.SchemaNode(
        colander.Integer(), description="1 + the amendments recorded (¶16)."
    )
    groups = Groups()


class CycleResponse(colander.MappingSchema):
    body = CycleBody(typ=closed(), title="Cycle")


def _by_state() -> colander.SchemaNode:
    return colander.SchemaNode(
        closed(),
        *(colander.SchemaNode(colander.Integer(), name=state) for state in STATES),
        name="by_state",
        description="Reviews at each stage of the workflow.",
    )


class PhaseCount(colander.MappingSchema):
    group = colander.SchemaNode(colander.String())
    phase = colander.SchemaNode(colander.Integer())
    cluster = colander.SchemaNode(colander.String())
    by_state = _by_state()


class PhaseCounts(colander.SequenceSchema):
    line = PhaseCount(typ=closed())


class RegionCount(colander.MappingSchema):
    regional_group = colander.SchemaNode(
        colander.String(), description="UN regional group, or 'none'."
    )
    by_state = _by_state()


class RegionCounts(colander.SequenceSchema):
    line = RegionCount(typ=closed())


class StatusBody(colander.MappingSchema):
    reviews = colander.SchemaNode(colander.Integer())
    by_state = _by_state()
    phases = PhaseCounts()
    regional_groups = RegionCounts()


class StatusResponse(colander.MappingSchema):
    body = StatusBody(typ=closed(), title="Status")


@cycle_service.get(
    permission=CyclePermission.VIEW,
    response_schemas={"200": CycleResponse(description="Where each group stands.")},
)
def get_cycle(request):
    """Each group's current phase and cluster, its 70 % meter, the overrides."""
    cycle = request.context
    return {
        "workplan_version": plan.version(cycle.amendments),
        "groups": [as_json(status) for status in groups(cycle.__parent__)],
    }


class RemindersBody(colander.MappingSchema):
    today = colander.SchemaNode(colander.String(), description="YYYY-MM-DD (UTC)")
    sent = colander.SchemaNode(colander.Integer(), description="Mails queued.")
    marked = colander.SchemaNode(
        colander.Integer(), description="Items newly marked overdue."
    )


class RemindersResponse(colander.MappingSchema):
    body = RemindersBody(typ=closed(), title="Reminders")


@reminders_service.post(
    permission=CyclePermission.MANAGE,
    response_schemas={"200": RemindersResponse(description="What the run did.")},
)
def run_reminders(request):
    """Send the reminders due today and mark overdue items; twice sends nothing."""
    today = request.clock.today()
    report = reminders.run(request, request.root, today)
    return {"today": today.isoformat(), "sent": report.sent, "marked": report.marked}


class DigestBody(colander.MappingSchema):
    sent = colander.SchemaNode(colander.Integer(), description="Digests queued.")


class DigestResponse(colander.MappingSchema):
    body = DigestBody(typ=closed(), title="Digest")


@digest_service.post(
    permission=CyclePermission.MANAGE,
    response_schemas={"200": DigestResponse(description="What the run did.")},
)
def run_digest(request):
    """Mail each user who chose the digest what it has not read since the
    last one (links only); a second run the same day sends nothing."""
    # The system's time, as the messages' own (see cycle.cli.dialogue_digest).
    report = digest.run(request, request.root, time.time())
    return {"sent": report.sent}


class DialoguesJobBody(colander.MappingSchema):
    now = colander.SchemaNode(
        colander.String(), description="The moment it ran as of (ISO 8601, UTC)."
    )
    circulated = colander.SchemaNode(
        colander.Integer(), description="Dialogues whose list was circulated."
    )
    late = colander.SchemaNode(
        colander.Integer(),
        description="Of those, lists circulated after their due date (10 days "
        "before the dialogue).",
    )
    settled = colander.SchemaNode(
        colander.Integer(), description="Dialogues whose applications were settled."
    )
    sent = colander.SchemaNode(colander.Integer(), description="Mails queued.")


class DialoguesJobResponse(colander.MappingSchema):
    body = DialoguesJobBody(typ=closed(), title="ConstructiveDialoguesJob")


@dialogues_job_service.post(
    permission=CyclePermission.MANAGE,
    response_schemas={"200": DialoguesJobResponse(description="What the run did.")},
)
def run_dialogues_job(request):
    """Circulate the lists of applicants and settle the applications due.

    A list is circulated once its dialogue's cut-off passed, the
    applications are settled once objections closed; a second run sends
    nothing.  The focal points of the States parties get a link to each
    list circulated; registrants are told that their application was
    circulated, then its outcome (approved, rejected, or referred to the
    Bureau), never which State objected.  Run it daily from cron.
    """
    now = request.clock.now()
    report = dialogues_job.run(request, request.root, now)
    return {
        "now": utc(now.timestamp()),
        "circulated": report.circulated,
        "late": report.late,
        "settled": report.settled,
        "sent": report.sent,
    }


@status_service.get(
    permission=CyclePermission.STATUS,
    response_schemas={"200": StatusResponse(description="Counts of reviews.")},
)
def get_status(request):
    """How many reviews are at each stage, per group and phase and per region."""
    return public_status(request.context.cycle)


def includeme(config) -> None:
    config.include("sherloc_portal.api")
    config.add_api_service(cycle_service)
    config.add_api_service(reminders_service)
    config.add_api_service(digest_service)
    config.add_api_service(dialogues_job_service)
    config.add_api_service(status_service)
