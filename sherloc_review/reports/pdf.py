"""The general report as a PDF: blocks drawn by the questionnaire's
:func:`~sherloc_review.responses.pdf.draw` (its fonts: Latin, Cyrillic and
Arabic shaped right to left by DejaVu Sans, Chinese by the CJK fallback).

The blocks say, in the report's fixed order: the title and facts, the
Secretariat's introduction, each group's figures, the needs by kind, the
best practices by theme, and the States whose material is counted (by
name: ¶4(b)).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..i18n import _
from ..outcomes.blueprint import NEED_LABELS, NEEDS
from ..responses.pdf import Block, ExportMeta, draw
from .aggregates import Report, Tally
from .pages import (
    DIMENSION_LABELS,
    columns,
    mechanism_of,
    practice_groups,
    tally_label,
)


def render_report(request, reports, report: Report) -> bytes:
    meta = ExportMeta(
        translate=request.translate,
        state_name="",
        title=request.translate(
            _("General report of trends, patterns and best practices")
        ),
        generated=request.clock.now(),
        confidential=False,
        language=request.locale_name,
    )
    return draw(list(blocks_of(request, reports, report, meta)), meta, LOST_NOTE)


def _figures(t, cols, tally: Tally) -> str:
    answers = ", ".join(
        f"{label} {n}"
        for (_c, label), n in zip(cols["answers"], tally.answers, strict=True)
    )
    kinds = ", ".join(
        f"{label} {n}"
        for (_c, label), n in zip(cols["kinds"], tally.kinds, strict=True)
    )
    states = t(_("States: ${count}", mapping={"count": tally.states}))
    return f"{states}. {answers}. {kinds}."


def blocks_of(request, reports, report: Report, meta: ExportMeta) -> Iterable[Block]:
    t = meta.translate
    mechanism = mechanism_of(reports)
    cols = columns(request)
    yield Block("title", meta.title)
    when = meta.generated.strftime("%Y-%m-%d %H:%M UTC")
    yield Block("fact", t(_("Generated on ${when}", mapping={"when": when})))
    yield Block(
        "fact",
        t(
            _(
                "Submitted responses of ${responses} States, ${lists} agreed lists "
                "of observations (¶19).",
                mapping={"responses": report.responses, "lists": report.lists},
            )
        ),
    )
    yield Block("note", t(NO_RANKING))
    current = reports.introduction.current
    if current is not None:
        yield Block("heading", t(_("Introduction and analysis")))
        for paragraph in current.text.split("\n\n"):
            yield Block("text", paragraph)
    for dimension, tallies in (
        ("article", report.by_article),
        ("cluster", report.by_cluster),
        ("instrument", report.by_instrument),
        ("regional_group", report.by_regional_group),
    ):
        yield Block("heading", t(DIMENSION_LABELS[dimension]))
        for tally in tallies:
            yield Block("label", tally_label(request, mechanism, tally))
            yield Block("text", _figures(t, cols, tally))
    yield Block("heading", t(_("Technical-assistance needs by kind")))
    for need, count in zip(NEEDS, report.overall.needs, strict=True):
        yield Block(
            "text",
            t(
                _(
                    "${need}: ${count} States",
                    mapping={"need": t(NEED_LABELS[need]), "count": count},
                )
            ),
        )
    yield Block("heading", t(_("Best practices by theme")))
    for group in practice_groups(request, mechanism, report.practices):
        yield Block("note", group["theme"])
        for provision in group["provisions"]:
            yield Block("label", provision["place"])
            for practice in provision["practices"]:
                yield Block("text", f"{practice.state}: {practice.text}")
    yield Block("heading", t(_("States whose material is counted")))
    yield Block("text", ", ".join(name for _iso3, name in report.states))


LOST_NOTE = _(
    "Some text is in a script this server has no font for (${count} different "
    "characters): it is left out of this PDF. Download the report as CSV to "
    "read every text in full."
)
NO_RANKING = _(
    "The report counts States in groups and never ranks them (¶4(b)): States "
    "are listed by name, groups in a fixed order. Parts of lists of "
    "observations a State keeps confidential (¶38) are not counted."
)
