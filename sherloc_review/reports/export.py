"""The general report as a spreadsheet (CSV) and as a PDF.

The CSV has one row per figure group (``section``: ``overall``, then each
article, cluster, instrument and regional group) and one per best
practice, attributed to its State; no column counts anything per State.
UTF-8 with a byte-order mark, so spreadsheets read the six languages; no
cell a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import io

from ..cycle.dashboards import csv_cell
from ..feedback.pages import place
from ..i18n import _
from ..outcomes.blueprint import KINDS, NEEDS
from ..questionnaires.resources import CLOSED_ANSWERS
from ..responses.files import download, fonts_or_503
from .aggregates import Report
from .pages import mechanism_of, tally_label
from .pdf import render_report

PRACTICE_SECTION = "best_practice"
CSV_HEADER = (
    "section",
    "instrument",
    "article",
    "cluster",
    "regional_group",
    "label",
    "states",
    *(f"answers_{a}" for a in CLOSED_ANSWERS),
    *(f"states_{k}" for k in KINDS),
    *(f"need_{n}" for n in NEEDS),
    "iso3",
    "state",
    "phase",
    "text",
)


def csv_rows(request, reports, report: Report):
    """The CSV's rows after its header, as values."""
    mechanism = mechanism_of(reports)
    blank_practice = ("", "", "", "")
    for tally in (report.overall, *report.tallies()):
        yield (
            tally.dimension,
            tally.instrument,
            tally.article,
            tally.cluster,
            tally.regional_group,
            tally_label(request, mechanism, tally),
            tally.states,
            *tally.answers,
            *tally.kinds,
            *tally.needs,
            *blank_practice,
        )
    counts = ("",) * (1 + len(CLOSED_ANSWERS) + len(KINDS) + len(NEEDS))
    for p in report.practices:
        yield (
            PRACTICE_SECTION,
            p.instrument,
            p.article,
            p.cluster,
            "",
            place(request, p.instrument, p.article),
            *counts,
            p.iso3,
            p.state,
            p.phase,
            p.text,
        )


def csv_response(request, reports, report: Report):
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in csv_rows(request, reports, report):
        writer.writerow(csv_cell(value) for value in row)
    return download(
        out.getvalue().encode("utf-8"),
        "general-report.csv",
        content_type="text/csv; charset=utf-8",
    )


def pdf_response(request, reports, report: Report):
    meanwhile = _(
        "This server cannot make PDF files yet (its fonts are missing). "
        "Download the report as CSV meanwhile."
    )
    with fonts_or_503(request, meanwhile):
        body = render_report(request, reports, report)
    return download(body, "general-report.pdf", content_type="application/pdf")
