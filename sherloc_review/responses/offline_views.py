"""Working offline (issue 4): the questionnaire as a PDF to read and a
workbook to answer, and the import of a filled-in workbook.

Exports show what the reader may see (:func:`~.search.visible_values`):
a State's own officials and the Secretariat the working answers, every
State party's officials the submitted version; ``?blank=1`` the questions
only.  They are confidential downloads: never cached, never rendered by the
browser.  The import is all or nothing: every row is checked first
(:mod:`.workbook`), and if any has a problem nothing is saved and the page
lists each one by row and column.
"""

from __future__ import annotations

from pyramid.httpexceptions import HTTPForbidden, HTTPSeeOther
from pyramid.view import view_config

from sherloc_portal.accounts.flash import flash

from ..draws.views import state_name
from ..i18n import _
from . import answers, files
from .access import mechanism_of, visible_values
from .pages import assisting, common
from .pdf import ExportMeta, render_pdf
from .permissions import ResponsesPermission as P
from .resources import SelfAssessment
from .workbook import build_workbook, title_of
from .workbook_import import MAX_BYTES, Problem, changed_answers, parse_workbook

READ = {"request_method": ("GET", "HEAD")}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_PAGE = "sherloc_review:templates/responses/import.pt"


def _readable(request, context) -> tuple[dict, bool, bool]:
    """``(values, showing submitted, blank)``; refused when the reader may
    see no version of the answers."""
    values, submitted = visible_values(request, context)
    if values is None:
        raise HTTPForbidden()
    blank = request.GET.get("blank") == "1"
    return ({} if blank else values), submitted, blank


def _download(context, body: bytes, content_type: str, ext: str, blank):
    name = f"{context.iso3}-phase-{context.phase.number}-{context.instrument}"
    return files.download(
        body, f"{name}{'-blank' if blank else ''}.{ext}", content_type
    )


@view_config(
    context=SelfAssessment, name="export.pdf", permission=P.VIEW_SUBMITTED, **READ
)
def export_pdf(context: SelfAssessment, request):
    values, submitted, blank = _readable(request, context)
    mechanism = mechanism_of(context)
    definition = mechanism["questionnaires"].get(context.cluster)
    meta = ExportMeta(
        translate=request.translate,
        state_name=state_name(mechanism["states"], context.iso3),
        title=getattr(definition, "title", "") or context.instrument,
        generated=request.clock.now(),
        blank=blank,
        showing_submitted=submitted,
        # A blank questionnaire holds the questions only, which are public.
        confidential=not blank,
        language=request.locale_name,
    )
    meanwhile = _(
        "This server cannot make PDF files yet (its fonts are missing). "
        "Download the questionnaire as a workbook meanwhile."
    )
    with files.fonts_or_503(request, meanwhile):
        body = render_pdf(context, values, meta)
    return _download(context, body, "application/pdf", "pdf", blank)


@view_config(
    context=SelfAssessment, name="export.xlsx", permission=P.VIEW_SUBMITTED, **READ
)
def export_xlsx(context: SelfAssessment, request):
    values, submitted, blank = _readable(request, context)
    revisions = {}
    if not submitted and request.has_permission(P.EDIT, context):
        # What an import is based on; a blank workbook, on no answer at all.
        revisions = {
            q: 0 if blank else answer.revision for q, answer in context.answers.items()
        }
    body = build_workbook(context, values, revisions, translate=request.translate)
    return _download(context, body, XLSX, "xlsx", blank)


def _page(request, context, problems: list[Problem] = ()) -> dict:
    translate = request.translate
    return {
        **common(request, context),
        "page_title": translate(
            _(
                "Import a filled-in workbook: ${instrument}",
                mapping={"instrument": context.instrument},
            )
        ),
        "problems": [
            {
                "sheet": p.place,
                "row": p.row or "",
                "column": p.letter,
                "column_title": translate(title_of(p.column)) if p.column else "",
                "message": translate(p.message),
            }
            for p in sorted(problems, key=lambda p: (p.place, p.row or 0, p.letter))
        ],
        "max_mb": MAX_BYTES // (1024 * 1024),
    }


@view_config(
    context=SelfAssessment,
    name="import",
    renderer=IMPORT_PAGE,
    permission=P.EDIT,
    **READ,
)
def import_form(context: SelfAssessment, request):
    return _page(request, context)


@view_config(
    context=SelfAssessment,
    name="import",
    renderer=IMPORT_PAGE,
    permission=P.EDIT,
    request_method="POST",
)
def import_workbook(context: SelfAssessment, request):
    """Check every row, then save every changed answer, or nothing."""
    upload = request.POST.get("workbook")
    if upload is None or not hasattr(upload, "file"):
        return _refuse(request, context, [Problem(_("Choose the workbook to import."))])
    with upload.file as file:  # a temporary file once the upload is large
        data = file.read(MAX_BYTES + 1)
    entries, problems = parse_workbook(data, context)
    if not problems:
        entries, problems = changed_answers(context, entries)
    if problems:
        return _refuse(request, context, problems)
    by, on_behalf = request.identity.login, assisting(request, context)
    # Checked above in this transaction; should a save still refuse, the
    # exception aborts the transaction and nothing of the import stays.
    for entry in entries:
        answers.save(context, entry.question, entry.value, entry.base, by, on_behalf)
    flash(
        request,
        _("Answers imported: ${count}.", mapping={"count": len(entries)})
        if entries
        else _("The workbook changes no answer: nothing was imported."),
    )
    return HTTPSeeOther(location=request.resource_url(context))


def _refuse(request, context, problems: list[Problem]) -> dict:
    request.tm.doom()
    request.response.status = 400
    return _page(request, context, problems)
