"""Answering one question: the form, autosave, conflicts, files, history.

``…/responses/UNTOC/answer/<question id>``: the form, which the page's
script also sends on its own every few seconds (autosave, answered in
JSON).  A save based on an older revision is refused (409): the form comes
back with the writer's text and the other text beside it.  Files are
attached to the answer (``attach``), downloaded as attachments only
(``file/<id>``), and every revision is listed with a diff (``history``).
"""

from __future__ import annotations

import dataclasses
import json
from itertools import pairwise

import deform
from pyramid.httpexceptions import (
    HTTPBadRequest,
    HTTPConflict,
    HTTPForbidden,
    HTTPNotFound,
    HTTPSeeOther,
)
from pyramid.response import Response
from pyramid.view import view_config

from sherloc_portal.accounts.flash import flash
from sherloc_portal.forms import ActionRefused, FormView

from ..i18n import _
from ..labels import stamp
from . import answers, attachments, files, reuse
from .access import visible_values
from .diff import word_diff
from .form import answer_schema, from_appstruct, to_appstruct
from .pages import assisting, common
from .permissions import ResponsesPermission as P
from .resources import DRAFT, SelfAssessment

ANSWER_PAGE = "sherloc_review:templates/responses/answer.pt"


def _question(context, request):
    if len(request.subpath) != 1:
        raise HTTPNotFound()
    question = context.question(request.subpath[0])
    if question is None:
        raise HTTPNotFound()
    return question


def _revision(request) -> int:
    """The revision a form was based on (-1, never current, if garbled)."""
    try:
        return int(request.POST.get("revision", "-1"))
    except ValueError:
        return -1


def _wants_json(request) -> bool:
    offered = request.accept.acceptable_offers(["text/html", "application/json"])
    return bool(offered) and offered[0][0] == "application/json"


@view_config(
    context=SelfAssessment,
    name="answer",
    renderer=ANSWER_PAGE,
    permission=P.EDIT,
    request_method=("GET", "HEAD", "POST"),
)
class AnswerView(FormView):
    formid = "answer"
    failure_status = 400

    def __init__(self, context, request) -> None:
        super().__init__(context, request)
        self.question = _question(context, request)
        self.answer = context.answers[self.question.id]
        self.attached = [
            (a, context.attachments[a].filename)
            for a in self.answer.value.attachments
            if a in context.attachments
        ]
        self.schema = lambda: answer_schema(
            self.question, self.attached, request.translate
        )
        self.conflict = None

    buttons = (deform.Button("save", _("Save")),)

    def appstruct(self):
        return to_appstruct(self.answer.value, self.answer.revision)

    def values(self):
        return {
            **common(self.request, self.context),
            "page_title": self.request.translate(
                _(
                    "Answer to article ${article} (${question})",
                    mapping={
                        "article": self.question.article,
                        "question": self.question.id,
                    },
                )
            ),
            "question": self.question,
            "follow_ups_json": json.dumps(
                {f"fu_{f.id}": list(f.when) for f in self.question.follow_ups}
            ),
            "answer": self.answer,
            "attached": [self.context.attachments[a] for a, _n in self.attached],
            "conflict": self.conflict,
            "stamp": stamp,
            "earlier": reuse.earlier_answers(self.context),
        }

    def save_success(self, appstruct):
        value = from_appstruct(self.question, appstruct, [a for a, _n in self.attached])
        try:
            revision = answers.save(
                self.context,
                self.question.id,
                value,
                appstruct["revision"],
                self.request.identity.login,
                on_behalf=assisting(self.request, self.context),
            )
        except answers.StaleAnswer as stale:
            return self._conflict(appstruct, stale.current)
        except ActionRefused as refusal:
            # Shown on the form's own field (``follow_ups.x`` is ``fu_x``).
            refusal = ActionRefused(refusal.message, self._field(refusal.field))
            if _wants_json(self.request):
                return self._json_refusal(refusal)
            raise refusal from None
        if _wants_json(self.request):
            return Response(
                json_body={
                    "revision": revision.number,
                    "saved": stamp(revision.at),
                },
                content_type="application/json",
            )
        flash(self.request, _("Answer saved."))
        return HTTPSeeOther(
            location=self.request.resource_url(self.context) + f"#{self.question.id}"
        )

    def _field(self, name: str | None) -> str | None:
        """The form field an answer's field is shown in, if the form has it."""
        if name is None:
            return None
        name = name.replace("follow_ups.", "fu_").replace("reuse.", "reuse_")
        return name if name in self.form.schema else None

    def save_failure(self, failure):
        if _wants_json(self.request):
            return self._json_refusal(None, failure)
        self._refused()
        return self.show(failure)

    def _json_refusal(self, refusal=None, failure=None):
        if refusal is not None:
            errors = {refusal.field or "": self.request.translate(refusal.message)}
        else:
            errors = {
                k: self.request.translate(v) for k, v in failure.error.asdict().items()
            }
        return Response(json_body={"errors": errors}, status=400)

    def _conflict(self, appstruct, current):
        self.request.response.status = 409
        self.conflict = current
        if _wants_json(self.request):
            return Response(
                json_body={
                    "conflict": True,
                    "revision": current.number,
                    "by": current.by,
                    "saved": stamp(current.at),
                },
                status=409,
            )
        return self.page(self.form.render({**appstruct, "revision": current.number}))


@view_config(
    context=SelfAssessment,
    name="copy",
    permission=P.EDIT,
    request_method="POST",
)
def copy_forward(context, request):
    """Copy an earlier phase's submitted answer into this draft (¶22)."""
    question = _question(context, request)
    chosen = request.POST.get("source", "")
    found = next((e for e in reuse.earlier_answers(context) if e[0] == chosen), None)
    if found is None:
        raise HTTPBadRequest(request.translate(_("Choose an earlier answer to copy.")))
    _key, earlier, source_question, value, submitted = found
    try:
        answers.save(
            context,
            question.id,
            reuse.copied(
                question, source_question, value, earlier.phase.number, submitted.on
            ),
            _revision(request),
            request.identity.login,
            on_behalf=assisting(request, context),
        )
    except answers.StaleAnswer:
        raise HTTPConflict(
            request.translate(
                _("Someone saved this answer meanwhile; reload and copy again.")
            )
        ) from None
    except ActionRefused as refusal:
        # E.g. the earlier texts together exceed what one answer takes.
        request.tm.doom()
        flash(request, refusal.message)
        return HTTPSeeOther(
            location=request.resource_url(context, "answer", question.id)
        )
    flash(request, _("Copied. State what changed since (¶22) before submitting."))
    return HTTPSeeOther(location=request.resource_url(context, "answer", question.id))


@view_config(
    context=SelfAssessment,
    name="attach",
    renderer=ANSWER_PAGE,
    permission=P.EDIT,
    request_method="POST",
)
def attach(context, request):
    """Store a file and cite it in the answer, as a new revision."""
    question = _question(context, request)
    answer = context.answers[question.id]
    base = _revision(request)
    if base != answer.revision:
        raise HTTPConflict(
            request.translate(
                _("Someone saved this answer meanwhile; reload the page.")
            )
        )
    on_behalf = assisting(request, context)
    try:
        name, data = attachments.read_upload(request.registry, request.POST.get("file"))
        stored = attachments.store(
            request.registry, context, name, data, request.identity.login, on_behalf
        )
        value = answer.value
        answers.save(
            context,
            question.id,
            dataclasses.replace(value, attachments=(*value.attachments, stored.id)),
            base,
            request.identity.login,
            on_behalf=on_behalf,
        )
    except ActionRefused as refusal:
        request.tm.doom()  # the file stored before the refusal goes too
        flash(request, refusal.message)
        return HTTPSeeOther(
            location=request.resource_url(context, "answer", question.id)
        )
    flash(request, _("File attached: ${name}", mapping={"name": stored.filename}))
    return HTTPSeeOther(location=request.resource_url(context, "answer", question.id))


@view_config(
    context=SelfAssessment,
    name="file",
    permission=P.VIEW_SUBMITTED,
    request_method=("GET", "HEAD"),
)
def download(context, request):
    """A file, only if the version of the answers the reader may see cites
    it; always as an attachment, never rendered by the browser."""
    if len(request.subpath) != 1:
        raise HTTPNotFound()
    values, _submitted = visible_values(request, context)
    cited = {a for v in (values or {}).values() for a in v.attachments}
    if context.status == DRAFT and request.has_permission(P.VIEW_DRAFT, context):
        cited |= set(context.attachments.keys())  # files not yet cited
    found = context.attachments.get(request.subpath[0])
    if found is None or found.id not in cited:
        raise HTTPNotFound() if values else HTTPForbidden()
    return files.download(None, found.filename, blob=found.blob)


@view_config(
    context=SelfAssessment,
    name="history",
    renderer="sherloc_review:templates/responses/history.pt",
    permission=P.VIEW_DRAFT,
    request_method=("GET", "HEAD"),
)
def history(context, request):
    """Every revision of one answer with who and when; ``?a=1&b=3`` diffs."""
    question = _question(context, request)
    answer = context.answers[question.id]
    revisions = answer.history
    by_number = {r.number: r for r in revisions}
    diff = None
    try:
        a = int(request.GET.get("a", "0"))
        b = int(request.GET.get("b", "0"))
    except ValueError:
        raise HTTPBadRequest() from None
    if a or b:
        if a not in by_number or b not in by_number:
            raise HTTPBadRequest(request.translate(_("No such revision.")))
        old, new = by_number[a].value, by_number[b].value
        diff = {
            "a": a,
            "b": b,
            "parts": word_diff(old.words(), new.words()),
            "closed": (old.closed, new.closed),
        }
    previous = {new.number: old.number for old, new in pairwise(revisions)}
    return {
        **common(request, context),
        "page_title": request.translate(
            _("History of the answer ${question}", mapping={"question": question.id})
        ),
        "question": question,
        "revisions": list(reversed(revisions)),
        "previous": previous,
        "diff": diff,
        "stamp": stamp,
    }
