"""The dialogue's forms: schemas, choices, and how their errors are shown.

The pages' forms are plain HTML (several files in one field, a reply with a
quote, the other writer's text beside one's own), read here with colander
schemas: a field that does not parse, or an act's
:class:`~sherloc_portal.forms.ActionRefused`, comes back as
:class:`FormErrors` (the values sent, a message per field), which the page
shows beside the field.  The acts of :mod:`.threads` check the rules of the
data themselves, so the API refuses alike.
"""

from __future__ import annotations

from contextlib import contextmanager

import colander
from pyramid.httpexceptions import HTTPSeeOther

from sherloc_portal.accounts.flash import flash
from sherloc_portal.forms import ActionRefused

from ..feedback.permissions import FeedbackPermission
from ..feedback.resources import KIND_LABELS as ITEM_KIND_LABELS
from ..feedback.resources import RELEASED
from ..i18n import _
from ..responses import attachments
from ..responses.access import own_state
from .resources import (
    LEVELS,
    PARTICIPANTS,
    PUBLIC,
    RECORD_KINDS,
    STATES_PARTIES,
    Topic,
    readers_of,
)
from .threads import MAX_FILES

KIND_LABELS = {
    "call": _("Call"),
    "videoconference": _("Videoconference"),
    "meeting": _("Meeting"),
    "other": _("Other"),
}
LEVEL_LABELS = {
    PARTICIPANTS: _("The participants of the review and the Secretariat"),
    STATES_PARTIES: _("All States parties"),
    PUBLIC: _("Public"),
}
LEVEL_HELP = {
    PARTICIPANTS: _(
        "Only the State under review, its reviewing States and the Secretariat "
        "read it (¶37)."
    ),
    STATES_PARTIES: _(
        "The officials of every State party may read it as well (¶40); "
        "they cannot write in it."
    ),
    PUBLIC: _(
        "A copy is published for anyone to read (¶41), with the names written "
        "in the messages and in the records of meetings (¶36), but not the "
        "logins of their authors; the officials of every State party read the "
        "dialogue itself as well."
    ),
}

#: The value of the topic choice for a general thread.
GENERAL = "general"
#: Where the acts name a topic's parts, the forms have one choice.
_TOPIC_FIELDS = {"instrument": "topic", "article": "topic", "feedback_item": "topic"}


def _text(**kw) -> colander.SchemaNode:
    return colander.SchemaNode(colander.String(), missing="", **kw)


class ThreadSchema(colander.MappingSchema):
    title = _text()
    topic = _text()
    text = _text()


class RecordSchema(colander.MappingSchema):
    title = _text()
    held_on = colander.SchemaNode(colander.Date())
    kind = colander.SchemaNode(
        colander.String(), validator=colander.OneOf(RECORD_KINDS)
    )
    participants = _text()
    text = _text()


class ReplySchema(colander.MappingSchema):
    text = _text()
    reply_to = colander.SchemaNode(
        colander.Integer(), missing=0, validator=colander.Range(min=0)
    )
    quote = _text()


class CorrectionSchema(colander.MappingSchema):
    text = _text()
    base = colander.SchemaNode(colander.Integer(), validator=colander.Range(min=0))


class DecisionSchema(colander.MappingSchema):
    level = colander.SchemaNode(colander.String(), validator=colander.OneOf(LEVELS))
    #: How many decisions the page showed (SECURITY.md §8: a version token).
    seen = colander.SchemaNode(
        colander.Integer(), validator=colander.Range(min=0, max=10**6)
    )


class ReadSchema(colander.MappingSchema):
    upto = colander.SchemaNode(colander.Integer(), validator=colander.Range(min=0))


class FormErrors(Exception):
    """A form sent back: ``values`` as sent, ``errors`` field → message
    (``""`` for the form as a whole), translated."""

    def __init__(self, values: dict, errors: dict) -> None:
        super().__init__(errors)
        self.values = values
        self.errors = errors


def _sent(request, schema: colander.Schema) -> dict[str, str]:
    """The strings sent for ``schema``'s fields (a file where text is
    expected counts as nothing sent)."""
    sent = {node.name: request.POST.get(node.name, "") for node in schema.children}
    return {k: v if isinstance(v, str) else "" for k, v in sent.items()}


def read(request, schema: colander.Schema) -> dict:
    """The form's values as ``schema`` reads them; :class:`FormErrors` if not."""
    values = _sent(request, schema)
    try:
        return schema.deserialize(values)
    except colander.Invalid as invalid:
        errors = invalid.asdict(translate=request.translate)
        raise FormErrors(values, errors) from None


@contextmanager
def refusals(request, schema: colander.Schema):
    """Turn an act's refusal into the form's :class:`FormErrors`, shown on
    its field when the form has it (``files`` included)."""
    try:
        yield
    except ActionRefused as refusal:
        field = _TOPIC_FIELDS.get(refusal.field, refusal.field)
        values = _sent(request, schema)
        key = field if field in values or field == "files" else ""
        raise FormErrors(values, {key: request.translate(refusal.message)}) from None


def acted(request, context, schema, page, act, done):
    """Run ``act(values)`` for the form ``schema`` reads and go, with the
    message ``done``, to the URL it returns; or back to ``page(context,
    request, failure)`` with the errors (400), nothing of the request kept."""
    try:
        with refusals(request, schema):
            location = act(read(request, schema))
    except FormErrors as failure:
        request.tm.doom()
        request.response.status = 400
        return page(context, request, failure)
    flash(request, done)
    return HTTPSeeOther(location=location)


def uploads(request) -> tuple:
    """The files of the form's ``files`` field, each checked as the
    questionnaire checks its own (size, type from content, scan)."""
    sent = [u for u in request.POST.getall("files") if getattr(u, "filename", "")]
    if len(sent) > MAX_FILES:  # before reading a byte of them
        raise ActionRefused(
            _("At most ${count} files.", mapping={"count": MAX_FILES}), "files"
        )
    found = []
    for upload in sent:
        try:
            name, data = attachments.read_upload(request.registry, upload)
            found.append(
                attachments.make(
                    request.registry, name, data, request.identity.login, False
                )
            )
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


# -- what a thread may be about ------------------------------------------------


def topic_of(value: str) -> Topic:
    """The :class:`Topic` a choice names: ``general``, ``i:INSTRUMENT``,
    ``a:INSTRUMENT:ARTICLE`` or ``f:ISO3/item`` (checked by the act)."""
    kind, _sep, rest = (value or GENERAL).partition(":")
    if kind == GENERAL and not rest:
        return Topic()
    if kind == "i" and rest:
        return Topic(instrument=rest)
    if kind == "a":
        instrument, _sep, article = rest.partition(":")
        if instrument and article:
            return Topic(instrument=instrument, article=article)
    if kind == "f" and rest:
        return Topic(feedback_item=rest)
    raise ActionRefused(_("Choose what the thread is about."), "topic")


def topic_choices(request, dialogue) -> list[tuple[str, str]]:
    """``(value, label)`` of the topics the reader may start a thread on:
    general, each instrument and reviewed article, each released feedback
    item, of the instruments its State takes part in (¶28(b))."""
    translate = request.translate
    own = own_state(request)

    def takes_part(instrument: str) -> bool:
        return not own or own in readers_of(dialogue.country, (instrument,))

    choices = [(GENERAL, translate(_("General")))]
    responses = dialogue.phase.responses
    for instrument, assessment in responses.items() if responses else ():
        if not takes_part(instrument):
            continue
        choices.append((f"i:{instrument}", instrument))
        articles = dict.fromkeys(q.article for q in assessment.questions if q.article)
        for article in articles:
            choices.append(
                (f"a:{instrument}:{article}", place(request, instrument, article))
            )
    feedback = dialogue.phase.feedback
    for written in feedback.values() if feedback is not None else ():
        if written.status != RELEASED or not request.has_permission(
            FeedbackPermission.VIEW, written
        ):
            continue
        for item in written.live_items():
            if not takes_part(item.instrument):
                continue
            ref = f"{written.reviewer}/{item.number}"
            label = translate(
                _(
                    "Feedback item ${item}: ${kind}, ${place}",
                    mapping={
                        "item": ref,
                        "kind": translate(ITEM_KIND_LABELS[item.kind]),
                        "place": place(request, item.instrument, item.article),
                    },
                )
            )
            choices.append((f"f:{ref}", label))
    return choices


def place(request, instrument: str, article: str) -> str:
    """``UNTOC, article 5`` (or the instrument alone), translated."""
    if not article:
        return instrument
    return request.translate(
        _(
            "${instrument}, article ${article}",
            mapping={"instrument": instrument, "article": article},
        )
    )
