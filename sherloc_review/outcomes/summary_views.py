"""``observations/summary``: the summary of the list (¶38, ¶39).

The parties draft it under the blueprint's headings, with a live word
counter (the server's count decides: at most 1,500 words), and approve the
version they read.  Once agreed, the Secretariat records each translation,
typed or uploaded, in progress or final; the page shows each language's
status, and the summary is issued when all six exist.  ``read?lang=xx``
shows the summary in one language: to the parties, and once issued to the
Conference and its working groups.
"""

from __future__ import annotations

from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config

from sherloc_portal.forms import ActionRefused

from ..dialogue.forms import FormErrors, acted, read
from ..i18n import _
from ..responses import attachments, files
from ..versioned import Stale
from .blueprint import KINDS
from .forms import SummarySchema, TranslationSchema
from .pages import approval, common, mechanism_of, party_of
from .permissions import OutcomePermission as P
from .resources import LANGUAGES, SUMMARY_STAGE, TRANSLATION_STATUSES, Summary
from .summaries import approve_summary, record_translation, save_summary
from .words import MAX_WORDS, count_words

SUMMARY_PAGE = "sherloc_review:templates/outcomes/summary.pt"
READ_PAGE = "sherloc_review:templates/outcomes/summary_read.pt"
READ = {"request_method": ("GET", "HEAD")}
POST = {"request_method": "POST"}
STATUS_LABELS = {
    "in-progress": _("Translation in progress"),
    "final": _("Final translation"),
}


def _languages(request, context: Summary) -> list[dict]:
    """Each official language: the original, a final or unfinished
    translation, or nothing yet."""
    rows = []
    for lang in LANGUAGES:
        translation = context.translations.get(lang)
        if lang == context.language:
            status = "original"
        elif translation is None:
            status = "missing"
        else:
            status = translation.status
        rows.append({"lang": lang, "status": status, "translation": translation})
    return rows


def summary_page(context: Summary, request, failure=None, conflict=None) -> dict:
    values = common(request, context)
    current = context.current
    sent = {k: current.section(k) for k in KINDS} if current else {}
    form_values = {
        **sent,
        "language": context.language or request.locale_name,
        "base": str(context.latest),
    }
    if failure is not None:
        form_values = failure.values
    return {
        **values,
        "page_title": request.translate(
            _(
                "Summary of the list of observations: ${state}, phase ${phase}",
                mapping={"state": values["state_name"], "phase": context.phase.number},
            )
        ),
        "summary": context,
        "current": current,
        "approvable": context.phase.state == SUMMARY_STAGE and context.agreed is None,
        "language_rows": _languages(request, context),
        "status_labels": {k: request.translate(v) for k, v in STATUS_LABELS.items()},
        "statuses": TRANSLATION_STATUSES,
        "can_translate": bool(request.has_permission(P.TRANSLATE, context)),
        "max_words": MAX_WORDS,
        "words_of": count_words,
        # The live counter's text, "{count}" left for the script to fill.
        "word_template": request.translate(
            _(
                "${count} words of at most ${max}",
                mapping={"count": "{count}", "max": MAX_WORDS},
            )
        ),
        "form": {
            "values": form_values,
            "errors": failure.errors if failure else {},
        },
        "conflict": conflict,
        "all_versions": list(context.versions.values())[::-1],
    }


@view_config(context=Summary, renderer=SUMMARY_PAGE, permission=P.VIEW, **READ)
def summary_view(context: Summary, request):
    return summary_page(context, request)


@view_config(
    context=Summary, name="save", renderer=SUMMARY_PAGE, permission=P.EDIT, **POST
)
def save(context: Summary, request):
    def act(values):
        save_summary(
            context,
            {k: values[k] for k in KINDS},
            values["language"],
            values["base"],
            request.identity.login,
            request.clock.now().timestamp(),
        )
        return request.resource_url(context)

    try:
        return acted(
            request, context, SummarySchema(), summary_page, act, _("Summary saved.")
        )
    except Stale as stale:
        request.tm.doom()
        request.response.status = 409
        sent = read(request, SummarySchema())
        kept = {**{k: str(v) for k, v in sent.items()}, "base": str(context.latest)}
        return summary_page(context, request, FormErrors(kept, {}), stale.current)


@view_config(
    context=Summary, name="approve", renderer=SUMMARY_PAGE, permission=P.APPROVE, **POST
)
def approve(context: Summary, request):
    return approval(
        request,
        context,
        summary_page,
        lambda version: approve_summary(
            context,
            party_of(request),
            version,
            request.identity.login,
            request.clock.today(),
            request.clock.now().timestamp(),
        ),
        _("Every party approved: the summary is agreed and goes to translation."),
    )


def _upload(request):
    upload = request.POST.get("file")
    if not getattr(upload, "filename", ""):
        return None
    name, data = attachments.read_upload(request.registry, upload)
    return attachments.make(request.registry, name, data, request.identity.login, False)


@view_config(
    context=Summary,
    name="translation",
    renderer=SUMMARY_PAGE,
    permission=P.TRANSLATE,
    **POST,
)
def translation(context: Summary, request):
    def act(values):
        try:
            upload = _upload(request)
        except ActionRefused as refusal:
            raise ActionRefused(refusal.message, "file") from None
        record_translation(
            mechanism_of(context),
            context,
            values["language"],
            values["status"],
            request.identity.login,
            request.clock.today(),
            request.clock.now().timestamp(),
            sections={k: values[k] for k in KINDS},
            file=upload,
        )
        return request.resource_url(context, anchor="languages")

    done = _("Translation recorded.")
    return acted(request, context, TranslationSchema(), summary_page, act, done)


def _language(request, context: Summary) -> str:
    lang = request.GET.get("lang", "")
    if lang not in LANGUAGES or context.agreed is None:
        raise HTTPNotFound()
    return lang


@view_config(
    context=Summary, name="read", renderer=READ_PAGE, permission=P.READ_PAPER, **READ
)
def read_summary(context: Summary, request):
    """The agreed summary in one language: its sections, or its file."""
    lang = _language(request, context)
    values = common(request, context)
    if lang == context.language:
        version = context.versions[context.agreed.version]
        sections, file = version.sections, None
    else:
        found = context.translations.get(lang)
        if found is None:
            raise HTTPNotFound()
        sections, file = found.sections, found.file
    return {
        **values,
        "page_title": request.translate(
            _(
                "Summary of the list of observations: ${state}, phase ${phase}",
                mapping={"state": values["state_name"], "phase": context.phase.number},
            )
        ),
        "summary": context,
        "lang": lang,
        "sections": sections,
        "file": file,
        "final": lang == context.language or context.translations[lang].final,
    }


@view_config(context=Summary, name="file", permission=P.READ_PAPER, **READ)
def translation_file(context: Summary, request):
    lang = _language(request, context)
    found = context.translations.get(lang)
    if found is None or found.file is None:
        raise HTTPNotFound()
    file = found.file
    return files.download(None, file.filename, file.content_type, blob=file.blob)
