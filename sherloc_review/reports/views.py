"""``/review/reports``: the general report's page, its exports, and the
Secretariat's introduction (¶14, ¶19).

``general`` shows the introduction, the figures by article, thematic
cluster, instrument and regional group (charts and tables), the
technical-assistance needs by kind and the best practices by theme;
``general.csv`` and ``general.pdf`` carry the same, narrowed by the same
query (``instrument``, ``cluster``, ``regional_group``; an unknown value
is a 400 naming it).  ``introduction`` is the Secretariat's text, saved
over the version it read (a stale save comes back, 409, with both texts).
"""

from __future__ import annotations

import time

import colander
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.response import Response
from pyramid.view import view_config

from sherloc_portal.accounts.flash import flash

from ..dialogue.forms import FormErrors, read, refusals
from ..i18n import _
from ..labels import stamp
from ..numbers import number
from ..versioned import Stale, checked_text
from . import charts, export
from .aggregates import (
    ARTICLE,
    CLUSTER,
    DIMENSIONS,
    FILTERS,
    INSTRUMENT,
    REGIONAL_GROUP,
    choices,
)
from .pages import (
    DIMENSION_LABELS,
    cluster_name,
    columns,
    mechanism_of,
    practice_groups,
    refusal,
    region_name,
    report_for,
    tally_label,
)
from .permissions import ReportPermission as P
from .resources import Reports
from .schemas import IntroductionSchema

STALE = _("The introduction was saved meanwhile: your text is kept below.")
GENERAL_PAGE = "sherloc_review:templates/reports/general.pt"
INTRODUCTION_PAGE = "sherloc_review:templates/reports/introduction.pt"
READ = {"request_method": ("GET", "HEAD")}


ANSWERS_TITLES = {
    ARTICLE: _("Closed answers by article"),
    CLUSTER: _("Closed answers by thematic cluster"),
    INSTRUMENT: _("Closed answers by instrument"),
    REGIONAL_GROUP: _("Closed answers by regional group"),
}
KINDS_TITLES = {
    ARTICLE: _("Agreed observations by article"),
    CLUSTER: _("Agreed observations by thematic cluster"),
    INSTRUMENT: _("Agreed observations by instrument"),
    REGIONAL_GROUP: _("Agreed observations by regional group"),
}


def _charts(request, dimension: str, labelled, cols) -> dict:
    answers = [a for _c, a in cols["answer_names"]]
    kinds = [k for _c, k in cols["kind_names"]]
    return {
        "answers": charts.bar_chart(
            f"chart-answers-{dimension}",
            request.translate(ANSWERS_TITLES[dimension]),
            request.translate(
                _(
                    "Closed answers of the submitted responses: yes, in part, "
                    "no. The table below gives the numbers."
                )
            ),
            answers,
            [(label, t.answers) for label, t in labelled],
            stacked=True,
        ),
        "kinds": charts.bar_chart(
            f"chart-kinds-{dimension}",
            request.translate(KINDS_TITLES[dimension]),
            request.translate(
                _(
                    "How many States' agreed lists of observations report each "
                    "kind of observation. The table below gives the numbers."
                )
            ),
            kinds,
            [(label, t.kinds) for label, t in labelled],
        ),
    }


def _sections(request, report, cols) -> list[dict]:
    mechanism = mechanism_of(request.context)
    found = []
    for dimension, tallies in zip(
        DIMENSIONS,
        (
            report.by_article,
            report.by_cluster,
            report.by_instrument,
            report.by_regional_group,
        ),
        strict=True,
    ):
        labelled = [(tally_label(request, mechanism, t), t) for t in tallies]
        found.append(
            {
                "dimension": dimension,
                "title": request.translate(DIMENSION_LABELS[dimension]),
                "rows": labelled,
                "charts": _charts(request, dimension, labelled, cols)
                if tallies
                else {},
            }
        )
    return found


FILTER_LABELS = {
    INSTRUMENT: _("Instrument"),
    CLUSTER: _("Thematic cluster"),
    REGIONAL_GROUP: _("Regional group"),
}


def _filters(request, mechanism) -> list[dict]:
    """Each filter of the form: its name, label, choices and the one asked."""
    known = choices(mechanism)
    named = {
        INSTRUMENT: lambda i: i,
        CLUSTER: lambda c: cluster_name(mechanism, c),
        REGIONAL_GROUP: lambda r: region_name(request, r),
    }
    return [
        {
            "name": name,
            "label": request.translate(FILTER_LABELS[name]),
            "choices": [(v, named[name](v)) for v in known[name]],
            "chosen": request.GET.get(name, ""),
        }
        for name in FILTERS
    ]


def _introduction(context: Reports) -> dict:
    current = context.introduction.current
    return {
        "introduction": current,
        "paragraphs": current.text.split("\n\n") if current is not None else [],
    }


@view_config(context=Reports, permission=P.VIEW, **READ)
def reports_index(context: Reports, request):
    return HTTPSeeOther(location=request.resource_url(context, "general"))


@view_config(
    context=Reports, name="general", renderer=GENERAL_PAGE, permission=P.VIEW, **READ
)
def general(context: Reports, request):
    mechanism = mechanism_of(context)
    cols = columns(request)
    values = {
        "page_title": request.translate(
            _("General report of trends, patterns and best practices")
        ),
        **_introduction(context),
        "stamp": stamp,
        "can_edit": bool(request.has_permission(P.EDIT, context)),
        "filters": _filters(request, mechanism),
        "columns": cols,
        "error": None,
        "report": None,
    }
    try:
        report = report_for(request, context)
    except colander.Invalid as invalid:
        request.response.status = 400
        field, message = refusal(request, invalid)
        return {**values, "error": f"{field}: {message}"}
    query = report.filters.as_query()
    return {
        **values,
        "report": report,
        "sections": _sections(request, report, cols),
        "needs_chart": charts.bar_chart(
            "chart-needs",
            request.translate(_("Technical-assistance needs by kind")),
            request.translate(
                _(
                    "How many States' agreed lists of observations report a need "
                    "of each kind. The table below gives the numbers."
                )
            ),
            [request.translate(_("States"))],
            [
                (label, (count,))
                for (_c, label), count in zip(
                    cols["needs"], report.overall.needs, strict=True
                )
            ],
        ),
        "practices": practice_groups(request, mechanism, report.practices),
        "csv_url": request.resource_url(context, "general.csv", query=query),
        "pdf_url": request.resource_url(context, "general.pdf", query=query),
    }


def _refused(request, invalid: colander.Invalid) -> Response:
    field, message = refusal(request, invalid)
    return Response(
        f"{field}: {message}",
        status=400,
        content_type="text/plain",
        charset="utf-8",
    )


@view_config(context=Reports, name="general.csv", permission=P.VIEW, **READ)
def general_csv(context: Reports, request):
    try:
        report = report_for(request, context)
    except colander.Invalid as invalid:
        return _refused(request, invalid)
    return export.csv_response(request, context, report)


@view_config(context=Reports, name="general.pdf", permission=P.VIEW, **READ)
def general_pdf(context: Reports, request):
    try:
        report = report_for(request, context)
    except colander.Invalid as invalid:
        return _refused(request, invalid)
    return export.pdf_response(request, context, report)


def _introduction_page(
    context, request, text: str, base: int, errors=None, conflict=None
):
    return {
        "page_title": request.translate(
            _("Introduction and analysis of the general report")
        ),
        "text": text,
        "base": base,
        "errors": errors or {},
        "conflict": conflict,
        "stamp": stamp,
        "back_url": request.resource_url(context, "general"),
    }


@view_config(
    context=Reports,
    name="introduction",
    renderer=INTRODUCTION_PAGE,
    permission=P.EDIT,
    **READ,
)
def introduction_form(context: Reports, request):
    versioned = context.introduction
    return _introduction_page(context, request, versioned.text, versioned.revision)


@view_config(
    context=Reports,
    name="introduction",
    renderer=INTRODUCTION_PAGE,
    permission=P.EDIT,
    request_method="POST",
)
def save_introduction(context: Reports, request):
    """Prepare or update the report (¶19): a new version of the text."""
    schema = IntroductionSchema()
    try:
        with refusals(request, schema):
            values = read(request, schema)
            version = context.introduction.revise(
                checked_text(values["text"]),
                request.identity.login,
                values["base"],
                time.time(),
            )
    except FormErrors as failure:
        request.tm.doom()
        request.response.status = 400
        sent = number(failure.values.get("base", ""))
        return _introduction_page(
            context,
            request,
            failure.values.get("text", ""),
            sent if sent is not None else context.introduction.revision,
            errors=failure.errors,
        )
    except Stale as stale:
        # Saved meanwhile (another window, a colleague): both texts kept.
        request.tm.doom()
        request.response.status = 409
        current = stale.current
        return _introduction_page(
            context,
            request,
            request.POST.get("text", ""),
            current.number,
            errors={"": request.translate(STALE)},
            conflict=current if current.number else None,
        )
    flash(
        request,
        _("The report's introduction is saved; earlier versions are kept.")
        if version is not None
        else _("The text is unchanged: nothing was saved."),
    )
    return HTTPSeeOther(location=request.resource_url(context, "general"))
