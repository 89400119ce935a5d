"""What the report's page, exports and API share: the report for a
request's filters, and the words for its groups and columns."""

from __future__ import annotations

import colander

from ..cycle.dashboard_views import NO_REGION_LABEL
from ..cycle.dashboards import NO_REGION
from ..feedback.pages import place
from ..i18n import _
from ..labels import REGIONAL_GROUP_LABELS
from ..outcomes.blueprint import KIND_LABELS, KINDS, NEED_LABELS, NEEDS
from ..questionnaires.resources import CLOSED_ANSWERS, CLOSED_LABELS
from .aggregates import (
    ARTICLE,
    CLUSTER,
    INSTRUMENT,
    OVERALL,
    REGIONAL_GROUP,
    Report,
    Tally,
    filters_of,
    general_report,
)
from .index import index_of

DIMENSION_LABELS = {
    ARTICLE: _("By article"),
    CLUSTER: _("By thematic cluster"),
    INSTRUMENT: _("By instrument"),
    REGIONAL_GROUP: _("By regional group"),
}
ANSWER_COLUMNS = {
    "yes": _("Answers: yes"),
    "partly": _("Answers: yes, in part"),
    "no": _("Answers: no"),
}
KIND_COLUMNS = {
    "gap": _("States reporting gaps and challenges"),
    "practice": _("States reporting best practices"),
    "suggestion": _("States with suggestions"),
    "assistance": _("States with technical-assistance needs"),
}


def mechanism_of(reports):
    return reports.__parent__


def report_for(request, reports) -> Report:
    """The report as the request's query narrows it; ``colander.Invalid``
    for a filter it does not know."""
    mechanism = mechanism_of(reports)
    filters = filters_of(request, reports)
    return general_report(mechanism, index_of(mechanism), filters)


def refusal(request, invalid: colander.Invalid) -> tuple[str, str]:
    """The first filter at fault and why, translated."""
    return next(iter(invalid.asdict(translate=request.translate).items()))


def cluster_name(mechanism, numeral: str) -> str:
    cluster = mechanism["clusters"].get(numeral)
    return f"{numeral}. {cluster.name}" if cluster is not None else numeral


def region_name(request, code: str) -> str:
    if code == NO_REGION:
        return request.translate(NO_REGION_LABEL)
    return request.translate(REGIONAL_GROUP_LABELS.get(code, code))


def tally_label(request, mechanism, tally: Tally) -> str:
    """The group's name in the reader's language."""
    if tally.dimension == ARTICLE:
        return place(request, tally.instrument, tally.article)
    if tally.dimension == CLUSTER:
        return cluster_name(mechanism, tally.cluster)
    if tally.dimension == REGIONAL_GROUP:
        return region_name(request, tally.regional_group)
    if tally.dimension == OVERALL:
        return request.translate(_("All the material counted"))
    return tally.instrument


def columns(request) -> dict[str, list[tuple[str, str]]]:
    """``(code, label)`` of the answers, kinds and needs, translated."""
    t = request.translate
    return {
        "answers": [(a, t(ANSWER_COLUMNS[a])) for a in CLOSED_ANSWERS],
        "kinds": [(k, t(KIND_COLUMNS[k])) for k in KINDS],
        "needs": [(n, t(NEED_LABELS[n])) for n in NEEDS],
        "answer_names": [(a, t(CLOSED_LABELS[a])) for a in CLOSED_ANSWERS],
        "kind_names": [(k, t(KIND_LABELS[k])) for k in KINDS],
    }


def practice_groups(request, mechanism, practices) -> list[dict]:
    """The best practices by theme, then provision (their order kept):
    ``[{"theme", "provisions": [{"place", "practices"}]}]``."""
    groups: list[dict] = []
    for practice in practices:
        theme = (
            cluster_name(mechanism, practice.cluster)
            if practice.cluster
            else request.translate(_("The instrument as a whole"))
        )
        if not groups or groups[-1]["theme"] != theme:
            groups.append({"theme": theme, "provisions": []})
        where = place(request, practice.instrument, practice.article)
        provisions = groups[-1]["provisions"]
        if not provisions or provisions[-1]["place"] != where:
            provisions.append({"place": where, "practices": []})
        provisions[-1]["practices"].append(practice)
    return groups
