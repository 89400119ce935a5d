"""``GET /api/v1/reports/general``: the general report's figures (¶19).

The same figures, best practices and filters as the page
(``instrument``, ``cluster``, ``regional_group``; an unknown value is a
400 naming it), for the same readers (``ReportPermission.VIEW``).  Never a
ranking (¶4(b)): every count is a group's, lists come in fixed orders.
"""

from __future__ import annotations

from sherloc_portal.api import api_service
from sherloc_portal.api.validation import validate_request

from ..dialogue.api import utc
from ..outcomes.blueprint import KINDS, NEEDS
from ..questionnaires.resources import CLOSED_ANSWERS
from .aggregates import FILTERS, Filters, Tally, general_report
from .api_schemas import ListReport, ReportResponse
from .index import index_of
from .pages import mechanism_of, tally_label
from .permissions import ReportPermission as P

general_service = api_service(
    "api.review.reports.general",
    "/reports/general",
    traverse="/review/reports",
    description="The general report of trends, patterns and best practices (¶19).",
)


def tally_json(request, mechanism, tally: Tally) -> dict:
    return {
        "dimension": tally.dimension,
        "key": tally.key,
        "label": tally_label(request, mechanism, tally),
        "instrument": tally.instrument,
        "article": tally.article,
        "cluster": tally.cluster,
        "regional_group": tally.regional_group,
        "states": tally.states,
        "answers": dict(zip(CLOSED_ANSWERS, tally.answers, strict=True)),
        "observations": dict(zip(KINDS, tally.kinds, strict=True)),
        "needs": dict(zip(NEEDS, tally.needs, strict=True)),
    }


@general_service.get(
    schema=ListReport(),
    validators=(validate_request,),
    permission=P.VIEW,
    response_schemas={
        "200": ReportResponse(description="The figures, never a ranking."),
    },
)
def get_general(request):
    """The figures by article, thematic cluster, instrument and regional
    group, the best practices by theme, and the States counted (by name).

    Only submitted responses and agreed lists of observations count; the
    entries a State keeps confidential (¶38) never do.
    """
    reports = request.context
    mechanism = mechanism_of(reports)
    filters = Filters(**request.validated["querystring"])
    report = general_report(mechanism, index_of(mechanism), filters)
    current = reports.introduction.current
    return {
        "filters": {name: getattr(filters, name) for name in FILTERS},
        "introduction": None
        if current is None
        else {"text": current.text, "version": current.number, "at": utc(current.at)},
        "counted": {"responses": report.responses, "lists": report.lists},
        "overall": tally_json(request, mechanism, report.overall),
        "by_article": [tally_json(request, mechanism, t) for t in report.by_article],
        "by_cluster": [tally_json(request, mechanism, t) for t in report.by_cluster],
        "by_instrument": [
            tally_json(request, mechanism, t) for t in report.by_instrument
        ],
        "by_regional_group": [
            tally_json(request, mechanism, t) for t in report.by_regional_group
        ],
        "best_practices": [
            {
                "cluster": p.cluster,
                "instrument": p.instrument,
                "article": p.article,
                "iso3": p.iso3,
                "state": p.state,
                "phase": p.phase,
                "text": p.text,
            }
            for p in report.practices
        ],
        "states": [{"iso3": i, "name": n} for i, n in report.states],
    }


def includeme(config) -> None:
    config.include("sherloc_portal.api")
    config.add_api_service(general_service)
