"""``/review/assistance-needs``: the needs of every review (¶44), and
``assistance-needs.csv``, the same filtered list for a spreadsheet.

For the Working Group on Technical Assistance, the Chair and Bureau and
the Secretariat (:class:`.listing.NeedsList`); read from the index only.
An unknown filter value is a 400 naming the filter, never an empty list
hiding a typo.
"""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

import colander
from pyramid.httpexceptions import HTTPBadRequest
from pyramid.view import view_config

from ..cycle.dashboards import csv_cell
from ..i18n import _
from ..labels import REGIONAL_GROUP_LABELS
from ..mechanism.resources import ReviewMechanism
from ..outcomes.blueprint import NEEDS, PRIORITIES
from ..permissions import ReviewPermission
from ..responses.files import download
from .labels import labels
from .listing import (
    NO,
    PAGE_SIZE,
    YES,
    check_reader,
    filters_of,
    need_json,
    needs,
    refusal,
)
from .resources import STATUSES

READ = {"request_method": ("GET", "HEAD")}
LIST_NAME = "assistance-needs"
CSV_NAME = "assistance-needs.csv"
#: The filters the page's form offers, in its order.
FILTERS = (
    "instrument",
    "article",
    "need",
    "priority",
    "status",
    "requested",
    "group",
    "state",
)


def _filters(request, mechanism) -> dict:
    try:
        return filters_of(request, mechanism)
    except colander.Invalid as invalid:
        field, message = refusal(request, invalid)
        raise HTTPBadRequest(
            request.translate(
                _(
                    "The filter “${field}” is not valid: ${reason}",
                    mapping={"field": field, "reason": message},
                )
            )
        ) from None


def _link(request, mechanism, query: dict, page: int) -> str:
    kept = {k: query[k] for k in FILTERS if k in query}
    if query["limit"] != PAGE_SIZE:
        kept["limit"] = query["limit"]
    return request.resource_url(mechanism, LIST_NAME, query={**kept, "page": page})


@view_config(
    context=ReviewMechanism,
    name=LIST_NAME,
    renderer="sherloc_review:templates/assistance/needs.pt",
    permission=ReviewPermission.MECHANISM_VIEW,
    **READ,
)
def needs_page(context: ReviewMechanism, request):
    withheld = check_reader(request, context)
    query = _filters(request, context)
    found = needs(context, query, withheld)
    page, limit = query["page"], query["limit"]
    pages = max(1, -(-len(found) // limit))
    shown = found[(page - 1) * limit : page * limit]
    states = context["states"]
    chosen = {k: query[k] for k in FILTERS if k in query}
    return {
        **labels(request, context),
        "page_title": request.translate(
            _("Technical-assistance needs of every review")
        ),
        "rows": shown,
        "total": len(found),
        "page": page,
        "pages": pages,
        "prev_url": _link(request, context, query, page - 1) if page > 1 else None,
        "next_url": _link(request, context, query, page + 1) if page < pages else None,
        "csv_url": request.resource_url(context, CSV_NAME)
        + ("?" + urlencode(chosen) if chosen else ""),
        "chosen": chosen,
        "secretariat": withheld,
        "review_url": lambda row: request.resource_url(
            context, "countries", row.iso3, f"phase-{row.phase}", "assistance"
        ),
        "choices": {
            "instrument": sorted(context["instruments"].keys()),
            "need": NEEDS,
            "priority": PRIORITIES,
            "status": STATUSES,
            "requested": (YES, NO),
            "group": tuple(REGIONAL_GROUP_LABELS),
            "state": sorted(
                ((s.iso3, str(s.name)) for s in states.values()),
                key=lambda pair: pair[1],
            ),
        },
    }


CSV_HEADER = (
    "state",
    "iso3",
    "regional_group",
    "phase",
    "number",
    "instrument",
    "article",
    "need",
    "priority",
    "status",
    "requested",
    "agreed_on",
    "text",
)


@view_config(
    context=ReviewMechanism,
    name=CSV_NAME,
    permission=ReviewPermission.MECHANISM_VIEW,
    **READ,
)
def needs_csv(context: ReviewMechanism, request):
    """The filtered list, every page: UTF-8 with a byte-order mark (so
    Excel reads every language), no cell a spreadsheet would run; the
    Secretariat's has a column marking the withheld needs."""
    withheld = check_reader(request, context)
    query = _filters(request, context)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow((*CSV_HEADER, "withheld") if withheld else CSV_HEADER)
    for row, state in needs(context, query, withheld):
        data = need_json(row, state, withheld)
        data["regional_group"] = state.regional_group if state is not None else ""
        data["requested"] = YES if row.requested else NO
        cells = [data[name] for name in CSV_HEADER]
        if withheld:
            cells.append(YES if row.withheld else "")
        writer.writerow(csv_cell(value) for value in cells)
    return download(
        out.getvalue().encode("utf-8"),
        CSV_NAME,
        content_type="text/csv; charset=utf-8",
    )
