"""The Secretariat's and the chair's pages of a constructive dialogue (¶53).

- ``/review/dialogues/create``: the Secretariat plans a dialogue (working
  group, local date and time in an IANA time zone, place or link);
- ``N/documents``: the Secretariat publishes the programme and background
  papers (¶53(g)), each in one of the six languages;
- ``N/not-convene``: the chair decides not to convene (¶53(f)) once the
  applications' deadline passed; each registrant still in course is told by
  mail (:mod:`.chair_notices`);
- ``N/summary``: the chair's written summary (¶53(h)), written by the chair
  or the Secretariat assisting it, published on the public page once the
  dialogue is held.

A GET shows the form; a POST (with its CSRF token) runs the act of
:mod:`.acts` with the portal's clock, whose refusals come back on the
field they concern.
"""

from __future__ import annotations

from datetime import datetime

import colander
from pyramid.view import view_config

from sherloc_portal.forms import ActionRefused
from sherloc_portal.settings import LANGUAGES

from ..cycle.sessions import WORKING_GROUPS
from ..dialogue.forms import FormErrors, acted
from ..i18n import _
from ..labels import LANGUAGE_LABELS
from ..responses import attachments
from . import acts, chair_notices
from .applicants_views import heading, local
from .permissions import StakeholderPermission as P
from .resources import (
    DOCUMENT_KINDS,
    IN_COURSE,
    ConstructiveDialogue,
    DialoguesFolder,
)
from .views import DOCUMENT_LABELS, documents

CREATE_PAGE = "sherloc_review:templates/stakeholders/create.pt"
DOCUMENTS_PAGE = "sherloc_review:templates/stakeholders/documents.pt"
NOT_CONVENE_PAGE = "sherloc_review:templates/stakeholders/not_convene.pt"
SUMMARY_PAGE = "sherloc_review:templates/stakeholders/summary.pt"
READ = {"request_method": ("GET", "HEAD")}
#: The zone the create form proposes: most dialogues are held in Vienna.
DEFAULT_ZONE = "Europe/Vienna"


def _text() -> colander.SchemaNode:
    return colander.SchemaNode(colander.String(), missing="")


class DialogueSchema(colander.MappingSchema):
    working_group = _text()
    # The local day, named as the act names the moment: its refusal (a day
    # in the past) is shown on this field.
    starts_at = colander.SchemaNode(colander.Date())
    time = colander.SchemaNode(colander.Time())
    timezone = _text()
    place = _text()
    link = _text()
    title = _text()


class DocumentSchema(colander.MappingSchema):
    kind = _text()
    title = _text()
    language = _text()
    # The upload itself is read from the request; the node is here so that
    # a refused file is shown on its field.
    file = _text()


class NotConveneSchema(colander.MappingSchema):
    reason = _text()


class SummarySchema(colander.MappingSchema):
    text = _text()
    language = _text()


def _form(request, failure: FormErrors | None, defaults: dict | None = None) -> dict:
    return {
        "values": failure.values if failure is not None else (defaults or {}),
        "errors": failure.errors if failure is not None else {},
        "languages": [(k, request.translate(LANGUAGE_LABELS[k])) for k in LANGUAGES],
    }


# -- planning a dialogue --------------------------------------------------------


def create_page(context: DialoguesFolder, request, failure=None) -> dict:
    translate = request.translate
    return {
        "page_title": translate(_("Plan a constructive dialogue")),
        "groups": [(k, translate(v)) for k, v in WORKING_GROUPS.items()],
        **_form(request, failure, {"timezone": DEFAULT_ZONE}),
    }


@view_config(
    context=DialoguesFolder,
    name="create",
    renderer=CREATE_PAGE,
    permission=P.MANAGE,
    **READ,
)
def create_form(context: DialoguesFolder, request):
    return create_page(context, request)


@view_config(
    context=DialoguesFolder,
    name="create",
    renderer=CREATE_PAGE,
    permission=P.MANAGE,
    request_method="POST",
)
def create(context: DialoguesFolder, request):
    def act(values: dict) -> str:
        dialogue = acts.create(
            context,
            values["working_group"],
            datetime.combine(values["starts_at"], values["time"]),
            values["timezone"].strip(),
            values["place"],
            values["link"],
            values["title"],
            request.identity.login,
            request.clock.now(),
        )
        return request.resource_url(dialogue)

    return acted(
        request,
        context,
        DialogueSchema(),
        create_page,
        act,
        _("The dialogue is planned; its public page takes applications."),
    )


# -- programme and background papers (¶53(g)) ---------------------------------


def documents_page(context: ConstructiveDialogue, request, failure=None) -> dict:
    translate = request.translate
    return {
        **heading(request, context),
        "page_title": translate(
            _(
                "Programme and background papers of dialogue ${number}",
                mapping={"number": context.number},
            )
        ),
        "kinds": [(k, translate(DOCUMENT_LABELS[k])) for k in DOCUMENT_KINDS],
        "documents": documents(request, context),
        "allowed": attachments.ALLOWED,
        **_form(request, failure),
    }


def uploaded(request, login: str):
    """The form's file, checked as the questionnaire checks its own."""
    try:
        name, data = attachments.read_upload(request.registry, request.POST.get("file"))
        return attachments.make(request.registry, name, data, login, False)
    except ActionRefused as refusal:
        raise ActionRefused(refusal.message, "file") from None


@view_config(
    context=ConstructiveDialogue,
    name="documents",
    renderer=DOCUMENTS_PAGE,
    permission=P.MANAGE,
    **READ,
)
def documents_form(context: ConstructiveDialogue, request):
    return documents_page(context, request)


@view_config(
    context=ConstructiveDialogue,
    name="documents",
    renderer=DOCUMENTS_PAGE,
    permission=P.MANAGE,
    request_method="POST",
)
def add_document(context: ConstructiveDialogue, request):
    def act(values: dict) -> str:
        login = request.identity.login
        acts.add_document(
            context,
            values["kind"],
            values["title"],
            values["language"],
            uploaded(request, login),
            login,
            request.clock.now(),
        )
        return request.resource_url(context, "documents")

    return acted(
        request,
        context,
        DocumentSchema(),
        documents_page,
        act,
        _("The document is published on the dialogue's page."),
    )


# -- the chair: not convened (¶53(f)) -----------------------------------------


def not_convene_page(context: ConstructiveDialogue, request, failure=None) -> dict:
    now = request.clock.now()
    in_course = sum(1 for r in context.registrations.values() if r.status in IN_COURSE)
    return {
        **heading(request, context),
        "page_title": request.translate(
            _(
                "Not to convene dialogue ${number} (¶53(f))",
                mapping={"number": context.number},
            )
        ),
        "cutoff": local(context, context.cutoff),
        "in_course": in_course,
        "decided": context.not_convened,
        "may_decide": context.not_convened is None
        and context.cutoff <= now < context.starts_at,
        **_form(request, failure),
    }


@view_config(
    context=ConstructiveDialogue,
    name="not-convene",
    renderer=NOT_CONVENE_PAGE,
    permission=P.CHAIR,
    **READ,
)
def not_convene_form(context: ConstructiveDialogue, request):
    return not_convene_page(context, request)


@view_config(
    context=ConstructiveDialogue,
    name="not-convene",
    renderer=NOT_CONVENE_PAGE,
    permission=P.CHAIR,
    request_method="POST",
)
def not_convene(context: ConstructiveDialogue, request):
    def act(values: dict) -> str:
        touched = acts.not_convene(
            context, values["reason"], request.identity.login, request.clock.now()
        )
        chair_notices.not_convened(request, touched)
        return request.resource_url(context)

    return acted(
        request,
        context,
        NotConveneSchema(),
        not_convene_page,
        act,
        _("The dialogue is not convened; its registrants are told by mail."),
    )


# -- the chair's summary (¶53(h)) ----------------------------------------------


def summary_page(context: ConstructiveDialogue, request, failure=None) -> dict:
    existing = context.summary
    defaults = (
        {"text": existing.text, "language": existing.language}
        if existing is not None
        else {"language": request.locale_name}
    )
    return {
        **heading(request, context),
        "page_title": request.translate(
            _(
                "The chair's summary of dialogue ${number} (¶53(h))",
                mapping={"number": context.number},
            )
        ),
        "held": request.clock.now() >= context.starts_at,
        "published": existing is not None,
        **_form(request, failure, defaults),
    }


@view_config(
    context=ConstructiveDialogue,
    name="summary",
    renderer=SUMMARY_PAGE,
    permission=P.SUMMARY,
    **READ,
)
def summary_form(context: ConstructiveDialogue, request):
    return summary_page(context, request)


@view_config(
    context=ConstructiveDialogue,
    name="summary",
    renderer=SUMMARY_PAGE,
    permission=P.SUMMARY,
    request_method="POST",
)
def publish_summary(context: ConstructiveDialogue, request):
    def act(values: dict) -> str:
        acts.publish_summary(
            context,
            values["text"],
            values["language"],
            request.identity.login,
            request.clock.now(),
        )
        return request.resource_url(context, anchor="summary")

    return acted(
        request,
        context,
        SummarySchema(),
        summary_page,
        act,
        _("The summary is published on the dialogue's page."),
    )
