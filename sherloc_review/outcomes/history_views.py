"""``observations/versions``: every version of the list, and what changed
between any two (``?from=3&to=5``; by default the last edit)."""

from __future__ import annotations

from pyramid.view import view_config

from ..i18n import _
from ..numbers import number
from .changes import compare
from .pages import common, readable
from .permissions import OutcomePermission as P
from .resources import Observations

VERSIONS_PAGE = "sherloc_review:templates/outcomes/versions.pt"


FIELD_LABELS = {
    "place": _("Provision"),
    "kind": _("Heading of the blueprint"),
    "need": _("Kind of assistance"),
    "priority": _("Priority"),
    "cites": _("Based on"),
}


def _describe(values: dict, field: str, value) -> str:
    """A changed field's value as the reader reads it."""
    if field == "place":
        return values["place"](*value)
    if field == "cites":
        return "; ".join(value)
    labels = values[f"{field}_labels"]
    return labels.get(value, "") if value else "-"


def _version(request, context: Observations, name: str, default: int) -> int:
    asked = number(request.GET.get(name, ""))
    return asked if asked is not None and asked in context.versions else default


@view_config(
    context=Observations,
    name="versions",
    renderer=VERSIONS_PAGE,
    permission=P.VIEW,
    request_method=("GET", "HEAD"),
)
def versions(context: Observations, request):
    latest = context.latest
    new = _version(request, context, "to", latest)
    old = _version(request, context, "from", max(new - 1, 0))
    values = common(request, context)
    rows = compare(context.versions.get(old), context.versions[new]) if new else []
    shown = {id(e) for e in readable(request, context, [r["entry"] for r in rows])}
    return {
        **values,
        "page_title": request.translate(
            _(
                "Versions of the list of observations: ${state}, phase ${phase}",
                mapping={"state": values["state_name"], "phase": context.phase.number},
            )
        ),
        "all_versions": list(context.versions.values())[::-1],
        "old": old,
        "new": new,
        "rows": [row for row in rows if id(row["entry"]) in shown],
        "field_label": lambda field: request.translate(FIELD_LABELS[field]),
        "describe": lambda field, value: _describe(values, field, value),
        "approved": {
            v: [a.party for a in context.approvals if a.version == v]
            for v in context.versions
        },
    }
