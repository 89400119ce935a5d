"""Dashboards: every review for the Secretariat, one's own for a State.

``/review/cycle/dashboard`` (and ``dashboard.csv``, same filters) lists
each review in each phase with its stage, what is due and whether it is
overdue.  ``/review/cycle/mine`` shows an official its own State's review,
the reviews its State performs, what is due next and the reviews whose
dialogue holds messages it has not read; the Secretariat, which takes part
in every review (¶33), sees that for every review.  The reviews come from
the cycle's index, and unread counts from each thread's counter and read
marks: no message is loaded (the Secretariat's page reads every review's
threads, an official's only its own reviews').
"""

from __future__ import annotations

import csv
import io

from pyramid.response import Response
from pyramid.view import view_config

from sherloc_portal.forms import ActionRefused

from ..dialogue.notify import PREFERENCES_VIEW
from ..dialogue.threads import unread_in
from ..draws.views import state_name
from ..i18n import _
from ..labels import REGIONAL_GROUP_LABELS
from .dashboards import FILTERS, NO_REGION, choices, csv_cell, filters_of, lines
from .deadlines import owed_by, reviews_of
from .permissions import CyclePermission
from .resources import Cycle
from .workflow import STATE_LABELS

NO_REGION_LABEL = _("In no regional group")
ITEM_LABELS = {
    "responses": _("Responses (¶34)"),
    "feedback": _("Written feedback (¶35)"),
}


def _labels(request, labels) -> dict:
    return {k: request.translate(v) for k, v in labels.items()}


def _selection(context, request):
    rows = list(context.rows())
    known = choices(rows)
    chosen = filters_of(request.GET, known)
    overdue = request.GET.get("overdue") == "1"
    return known, chosen, overdue, lines(rows, chosen, overdue, request.clock.today())


@view_config(
    context=Cycle,
    name="dashboard",
    renderer="sherloc_review:templates/cycle/dashboard.pt",
    permission=CyclePermission.MANAGE,
    request_method=("GET", "HEAD"),
)
def dashboard(context, request):
    error = None
    try:
        known, chosen, overdue, found = _selection(context, request)
    except ActionRefused as refusal:
        request.response.status = 400
        error = request.translate(refusal.message)
        known, chosen, overdue, found = choices(list(context.rows())), {}, False, []
    states = context.__parent__["states"]
    return {
        "page_title": request.translate(_("Dashboard of the reviews")),
        "error": error,
        "filters": FILTERS,
        "known": known,
        "chosen": chosen,
        "overdue": overdue,
        "lines": found,
        "names": {line.row.iso3: state_name(states, line.row.iso3) for line in found},
        "stages": _labels(request, STATE_LABELS),
        "items": _labels(request, ITEM_LABELS),
        "regions": {
            **_labels(request, REGIONAL_GROUP_LABELS),
            NO_REGION: request.translate(NO_REGION_LABEL),
        },
        "csv_url": request.resource_url(context, "dashboard.csv", query=request.GET),
        "countries": context.__parent__["countries"],
    }


CSV_HEADER = (
    "iso3",
    "state",
    "regional_group",
    "group",
    "phase",
    "cluster",
    "stage",
    "due_item",
    "due_date",
    "overdue",
)


@view_config(
    context=Cycle,
    name="dashboard.csv",
    permission=CyclePermission.MANAGE,
    request_method=("GET", "HEAD"),
)
def dashboard_csv(context, request):
    try:
        _known, _chosen, _overdue, found = _selection(context, request)
    except ActionRefused as refusal:
        return Response(
            request.translate(refusal.message),
            status=400,
            content_type="text/plain",
            charset="utf-8",
        )
    states = context.__parent__["states"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for line in found:
        row = line.row
        writer.writerow(
            csv_cell(value)
            for value in (
                row.iso3,
                state_name(states, row.iso3),
                row.regional_group,
                row.group,
                row.phase,
                row.cluster,
                row.state,
                line.item,
                line.due.isoformat() if line.due else "",
                "yes" if line.overdue else "no",
            )
        )
    response = Response(out.getvalue(), content_type="text/csv", charset="utf-8")
    response.content_disposition = 'attachment; filename="sherloc-reviews.csv"'
    return response


def _unread(request, countries, rows, everywhere: bool) -> list[tuple]:
    """``(row, unread messages)`` of the reviews whose dialogue the reader
    has not read to the end, in the order of ``rows``.  The Secretariat
    reads every thread (``everywhere``, ¶33): its count is the dialogue's
    running total, so its page of every review wakes no thread."""
    found = []
    login = request.identity.login
    for row in rows:
        dialogue = countries[row.iso3].phases[row.phase].dialogue
        if dialogue is None or not dialogue.count():
            continue
        count = (
            dialogue.unread_everywhere(login)
            if everywhere
            else unread_in(request, dialogue)
        )
        if count:
            found.append((row, count))
    return found


@view_config(
    context=Cycle,
    name="mine",
    renderer="sherloc_review:templates/cycle/mine.pt",
    permission=CyclePermission.OWN,
    request_method=("GET", "HEAD"),
)
def my_dashboard(context, request):
    user = request.identity.user
    iso3 = user.state or None
    secretariat = request.has_permission(CyclePermission.MANAGE, context)
    own, performing = reviews_of(context, iso3) if iso3 else ([], [])
    due = owed_by(context, None if secretariat else iso3) if iso3 or secretariat else []
    countries = context.__parent__["countries"]
    taking_part = (
        sorted(context.rows(), key=lambda r: (r.iso3, r.phase))
        if secretariat
        else [*own, *performing]
    )
    unread = _unread(request, countries, taking_part, secretariat)
    states = context.__parent__["states"]
    shown = (
        {r.iso3 for r in (*own, *performing)}
        | {d.row.iso3 for d in due}
        | {row.iso3 for row, _count in unread}
    )
    return {
        "page_title": request.translate(_("My dashboard")),
        "iso3": iso3,
        "own": sorted(own, key=lambda r: r.phase),
        "performing": sorted(performing, key=lambda r: (r.phase, r.iso3)),
        "due": due[:20],
        "today": request.clock.today(),
        "names": {code: state_name(states, code) for code in shown},
        "stages": _labels(request, STATE_LABELS),
        "items": _labels(request, ITEM_LABELS),
        "countries": countries,
        "unread": unread,
        "preferences_url": request.resource_url(context.__parent__, PREFERENCES_VIEW),
    }
