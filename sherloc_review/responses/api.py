"""The questionnaire over the API (issue contract).

``GET /reviews/{iso3}/phases/{n}/questionnaires/{instrument}``: the
questions and the answers the caller may see (the working answers for the
State's officials and the Secretariat, the submitted version for the other
States parties' officials); ``PUT …/answers/{question_id}`` saves one answer
based on the revision it names (409 with the current answer when it is
stale); ``POST …/submit`` submits (the focal point; an idempotency key).
The context of all three is the self-assessment, whose ACL decides.
"""

from __future__ import annotations

import colander
from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound

from sherloc_portal.api import api_service
from sherloc_portal.api.schemas import JSONInteger, JSONString
from sherloc_portal.api.schemas import closed as closed_object
from sherloc_portal.api.validation import refuse, validate_request
from sherloc_portal.forms import ActionRefused

from ..i18n import _
from ..questionnaires.resources import CLOSED_ANSWERS
from . import answers
from .access import visible_values
from .pages import assisting
from .permissions import ResponsesPermission as P
from .progress import of_assessment
from .resources import AnswerValue, Reuse
from .submit import submit

_BASE = "/reviews/{iso3}/phases/{n}/questionnaires/{instrument}"
_TRAVERSE = "/review/countries/{iso3}/phase-{n}/responses/{instrument}"

questionnaire_service = api_service(
    "api.review.questionnaire",
    _BASE,
    traverse=_TRAVERSE,
    description="A State's self-assessment for one instrument in one phase.",
)
answer_service = api_service(
    "api.review.questionnaire.answer",
    _BASE + "/answers/{question_id}",
    traverse=_TRAVERSE,
    description="One answer of a self-assessment.",
)
submit_service = api_service(
    "api.review.questionnaire.submit",
    _BASE + "/submit",
    traverse=_TRAVERSE,
    description="Submit a self-assessment (¶20, ¶34).",
)


def _string(**kw):
    return colander.SchemaNode(JSONString(), **kw)


class ReuseSchema(colander.MappingSchema):
    source = _string(validator=colander.OneOf(["earlier", "uncac"]))
    reference = _string(validator=colander.Length(max=answers.MAX_TEXT))
    update = _string(missing="", validator=colander.Length(max=answers.MAX_TEXT))


class Strings(colander.SequenceSchema):
    item = _string(validator=colander.Length(max=200))


class AnswerSchema(colander.MappingSchema):
    closed = _string(missing="", validator=colander.OneOf(["", *CLOSED_ANSWERS]))
    follow_ups = colander.SchemaNode(
        colander.Mapping(unknown="preserve"),
        missing={},
        description="Follow-up id → text.",
    )
    text = _string(missing="", validator=colander.Length(max=answers.MAX_TEXT))
    legislation = Strings(missing=(), description="Legislation record ids.")
    attachments = Strings(missing=(), description="Attachment ids.")
    reuse = ReuseSchema(typ=closed_object(), missing=None, nullable=True)


class AnswerBody(AnswerSchema):
    revision = colander.SchemaNode(
        JSONInteger(),
        validator=colander.Range(min=0),
        description="The revision this answer is based on.",
    )


class PutAnswer(colander.MappingSchema):
    body = AnswerBody(typ=closed_object())


class SubmitBody(colander.MappingSchema):
    key = _string(
        validator=colander.Length(min=8, max=64),
        description="Idempotency key: the same key again returns the same act.",
    )
    requested_by = _string(
        missing="",
        validator=colander.Length(max=500),
        description="Secretariat only: who in the State asked it to submit.",
    )


class PostSubmit(colander.MappingSchema):
    body = SubmitBody(typ=closed_object())


# -- answers' shapes ----------------------------------------------------------


class AttachmentOut(colander.MappingSchema):
    id = colander.SchemaNode(colander.String())
    filename = colander.SchemaNode(colander.String())
    url = colander.SchemaNode(colander.String())


class AttachmentsOut(colander.SequenceSchema):
    attachment = AttachmentOut(typ=closed_object())


class AnswerOut(colander.MappingSchema):
    closed = colander.SchemaNode(colander.String(), description="'' if unanswered.")
    follow_ups = colander.SchemaNode(
        colander.Mapping(unknown="preserve"), description="Follow-up id → text."
    )
    text = colander.SchemaNode(colander.String())
    legislation = Strings()
    attachments = AttachmentsOut()
    reuse = ReuseSchema(typ=closed_object(), nullable=True)
    revision = colander.SchemaNode(
        colander.Integer(),
        nullable=True,
        description="Working revision; null when reading the submitted version.",
    )


class FollowUpOut(colander.MappingSchema):
    id = colander.SchemaNode(colander.String())
    text = colander.SchemaNode(colander.String())
    when = Strings()


class FollowUpsOut(colander.SequenceSchema):
    follow_up = FollowUpOut(typ=closed_object())


class QuestionOut(colander.MappingSchema):
    id = colander.SchemaNode(colander.String())
    article = colander.SchemaNode(colander.String())
    text = colander.SchemaNode(colander.String())
    guidance = colander.SchemaNode(colander.String())
    follow_ups = FollowUpsOut()
    answer = AnswerOut(typ=closed_object())


class QuestionsOut(colander.SequenceSchema):
    question = QuestionOut(typ=closed_object())


class ProgressOut(colander.MappingSchema):
    answered = colander.SchemaNode(colander.Integer())
    total = colander.SchemaNode(colander.Integer())


class QuestionnaireBody(colander.MappingSchema):
    state = colander.SchemaNode(colander.String(), description="ISO3.")
    phase = colander.SchemaNode(colander.Integer())
    instrument = colander.SchemaNode(colander.String())
    cluster = colander.SchemaNode(colander.String())
    questionnaire_version = colander.SchemaNode(colander.Integer())
    status = colander.SchemaNode(colander.String(), description="draft or submitted")
    showing = colander.SchemaNode(
        colander.String(), description="working or submitted: what the caller sees."
    )
    submitted_on = colander.SchemaNode(colander.String(), nullable=True)
    responses_due = colander.SchemaNode(colander.String(), description="YYYY-MM-DD")
    progress = ProgressOut(typ=closed_object())
    questions = QuestionsOut()


class QuestionnaireResponse(colander.MappingSchema):
    body = QuestionnaireBody(typ=closed_object(), title="Questionnaire")


class SavedBody(colander.MappingSchema):
    question_id = colander.SchemaNode(colander.String())
    revision = colander.SchemaNode(colander.Integer())
    by = colander.SchemaNode(colander.String())


class SavedResponse(colander.MappingSchema):
    body = SavedBody(typ=closed_object(), title="Saved")


class StaleBody(colander.MappingSchema):
    question_id = colander.SchemaNode(colander.String())
    revision = colander.SchemaNode(colander.Integer(), description="Current revision.")
    by = colander.SchemaNode(colander.String(), description="Who saved it.")
    answer = AnswerOut(typ=closed_object())


class StaleResponse(colander.MappingSchema):
    body = StaleBody(typ=closed_object(), title="StaleAnswer")


class SubmittedBody(colander.MappingSchema):
    submission = colander.SchemaNode(colander.Integer())
    submitted_on = colander.SchemaNode(colander.String())
    phase_state = colander.SchemaNode(
        colander.String(), description="The phase's stage after the act."
    )


class SubmittedResponse(colander.MappingSchema):
    body = SubmittedBody(typ=closed_object(), title="Submitted")


def _is_text(value) -> bool:
    """A string that is text (a lone surrogate is valid JSON, not text)."""
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def answer_json(request, assessment, value: AnswerValue, revision) -> dict:
    return {
        "closed": value.closed,
        "follow_ups": dict(value.follow_ups),
        "text": value.text,
        "legislation": list(value.legislation),
        "attachments": [
            {
                "id": a,
                "filename": assessment.attachments[a].filename,
                "url": request.resource_url(assessment, "file", a),
            }
            for a in value.attachments
            if a in assessment.attachments
        ],
        "reuse": None
        if value.reuse is None
        else {
            "source": value.reuse.source,
            "reference": value.reuse.reference,
            "update": value.reuse.update,
        },
        "revision": revision,
    }


@questionnaire_service.get(
    permission=P.VIEW_SUBMITTED,
    response_schemas={"200": QuestionnaireResponse(description="What you may see.")},
)
def get_questionnaire(request):
    """The questions, and the answers in the version the caller may see."""
    assessment = request.context
    values, submitted = visible_values(request, assessment)
    if values is None:
        raise HTTPForbidden()
    questions = []
    for q in assessment.questions:
        revision = None if submitted else assessment.answers[q.id].revision
        questions.append(
            {
                "id": q.id,
                "article": q.article,
                "text": q.text,
                "guidance": q.guidance,
                "follow_ups": [
                    {"id": f.id, "text": f.text, "when": list(f.when)}
                    for f in q.follow_ups
                ],
                "answer": answer_json(
                    request, assessment, values.get(q.id, AnswerValue()), revision
                ),
            }
        )
    progress = of_assessment(assessment)
    return {
        "state": assessment.iso3,
        "phase": assessment.phase.number,
        "instrument": assessment.instrument,
        "cluster": assessment.cluster,
        "questionnaire_version": assessment.questionnaire_version,
        "status": assessment.status,
        "showing": "submitted" if submitted else "working",
        "submitted_on": assessment.submitted.on if assessment.submitted else None,
        "responses_due": assessment.phase.responses_due.isoformat(),
        "progress": {"answered": progress.answered, "total": progress.total},
        "questions": questions,
    }


@answer_service.put(
    schema=PutAnswer(),
    validators=(validate_request,),
    permission=P.EDIT,
    response_schemas={
        "200": SavedResponse(description="Saved (or unchanged)."),
        "409": StaleResponse(description="Someone saved it since that revision."),
    },
)
def put_answer(request):
    """Save one answer if it is still at the revision the body names."""
    assessment = request.context
    question_id = request.matchdict["question_id"]
    if assessment.question(question_id) is None:
        raise HTTPNotFound()
    body = request.validated["body"]
    if not all(_is_text(t) for t in body["follow_ups"].values()):
        refuse(request, 400, "body", "follow_ups", _("Each follow-up is a text."))
        return None
    reuse = body["reuse"]
    value = AnswerValue(
        closed=body["closed"],
        follow_ups=tuple(
            (str(k), v.strip()) for k, v in body["follow_ups"].items() if v.strip()
        ),
        text=body["text"].strip(),
        legislation=tuple(dict.fromkeys(body["legislation"])),
        attachments=tuple(dict.fromkeys(body["attachments"])),
        reuse=None
        if not reuse
        else Reuse(
            reuse["source"], reuse["reference"].strip(), reuse["update"].strip()
        ),
    )
    try:
        revision = answers.save(
            assessment,
            question_id,
            value,
            body["revision"],
            request.identity.login,
            on_behalf=assisting(request, assessment),
        )
    except answers.StaleAnswer as stale:
        request.response.status = 409
        current = stale.current
        return {
            "question_id": question_id,
            "revision": current.number,
            "by": current.by,
            "answer": answer_json(request, assessment, current.value, current.number),
        }
    except ActionRefused as refusal:
        refuse(request, 400, "body", refusal.field or "answer", refusal.message)
        return None
    return {"question_id": question_id, "revision": revision.number, "by": revision.by}


@submit_service.post(
    schema=PostSubmit(),
    validators=(validate_request,),
    permission=P.SUBMIT,
    response_schemas={"200": SubmittedResponse(description="Submitted.")},
)
def post_submit(request):
    """Submit the responses as a frozen version (the same key: the same act)."""
    assessment = request.context
    body = request.validated["body"]
    on_behalf = assisting(request, assessment)
    if on_behalf and not body["requested_by"].strip():
        refuse(
            request,
            400,
            "body",
            "requested_by",
            _("Say who in the State asked the Secretariat to submit (¶20)."),
        )
        return None
    try:
        submission = submit(
            assessment,
            request.identity.login,
            request.clock.today(),
            body["key"],
            on_behalf,
            body["requested_by"].strip(),
        )
    except ActionRefused as refusal:
        request.tm.doom()  # nothing of a refused act stays
        refuse(request, 409, "body", "key", refusal.message)
        return None
    return {
        "submission": submission.number,
        "submitted_on": submission.on,
        "phase_state": assessment.phase.state,
    }


def includeme(config) -> None:
    config.include("sherloc_portal.api")
    config.add_api_service(questionnaire_service)
    config.add_api_service(answer_service)
    config.add_api_service(submit_service)
