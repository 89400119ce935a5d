"""The needs of every review together, for the Working Group on Technical
Assistance (¶44): who reads them, the filters, the rows.

Read from the mechanism's ``assistance_index`` only, never from the
reviews themselves.  A need the State keeps confidential (¶38) is listed,
marked, to the Secretariat alone.  Rows go by State name, then phase, then
number: never by any count (¶4(b)).  The HTML page, its CSV and the API
read the same filters with the same schema, so they refuse alike.
"""

from __future__ import annotations

from dataclasses import replace

import colander
from pyramid.authorization import Allow
from pyramid.httpexceptions import HTTPForbidden

from sherloc_portal.api.schemas import JSONString
from sherloc_portal.security.acl import DENY_ALL, fail_closed

from ..i18n import _
from ..labels import REGIONAL_GROUP_LABELS
from ..numbers import WholeNumber
from ..outcomes.blueprint import NEEDS, PRIORITIES
from ..principals import BUREAU, CHAIR, ROLE_STATE_PARTY_OFFICIAL, SECRETARIAT
from .permissions import AssistancePermission as P
from .records import index_of
from .resources import STATUSES, NeedRow

#: Rows on a page of the list, and the most the API gives at once.
PAGE_SIZE = 50
MAX_LIMIT = 100
YES, NO = "yes", "no"


class NeedsList:
    """Who reads the list: not stored, placed under the mechanism so that
    its ACL is the list's own."""

    __name__ = "assistance-needs"

    def __init__(self, mechanism) -> None:
        self.__parent__ = mechanism

    @fail_closed
    def __acl__(self):
        return [
            (Allow, SECRETARIAT, (P.LIST, P.LIST_WITHHELD)),
            (Allow, ROLE_STATE_PARTY_OFFICIAL, P.LIST),
            (Allow, CHAIR, P.LIST),
            (Allow, BUREAU, P.LIST),
            DENY_ALL,
        ]


def check_reader(request, mechanism) -> bool:
    """403 unless the reader reads the list; whether it also sees the
    withheld needs."""
    needs = NeedsList(mechanism)
    if not request.has_permission(P.LIST, needs):
        raise HTTPForbidden()
    return bool(request.has_permission(P.LIST_WITHHELD, needs))


# -- the filters ---------------------------------------------------------------


@colander.deferred
def _instrument(node, kw):
    return colander.OneOf(sorted(kw["context"]["instruments"].keys()))


@colander.deferred
def _state(node, kw):
    return colander.OneOf(sorted(kw["context"]["states"].keys()))


@colander.deferred
def _article_known(node, kw):
    instruments = kw["context"]["instruments"]

    def check(mapping_node, value) -> None:
        article = value.get("article")
        if article is None:
            return
        code = value.get("instrument")
        chosen = [instruments[code]] if code else list(instruments.values())
        if not any(i.get(article) is not None for i in chosen):
            node = mapping_node["article"]
            error = colander.Invalid(mapping_node)
            error.add(
                colander.Invalid(node, _("No instrument chosen has that article.")),
                mapping_node.children.index(node),
            )
            raise error

    return check


def _choice(validator, description: str) -> colander.SchemaNode:
    return colander.SchemaNode(
        JSONString(),
        missing=colander.drop,
        validator=validator,
        description=description,
    )


class NeedsQuery(colander.MappingSchema):
    """The list's filters (bind with ``context=`` the mechanism)."""

    instrument = _choice(_instrument, "UNTOC, TIP, SOM or FIREARMS.")
    article = _choice(
        colander.Length(max=20), "An article (of 'instrument', if given)."
    )
    need = _choice(colander.OneOf(NEEDS), "The kind of assistance: " + ", ".join(NEEDS))
    priority = _choice(colander.OneOf(PRIORITIES), ", ".join(PRIORITIES))
    status = _choice(colander.OneOf(STATUSES), ", ".join(STATUSES))
    requested = _choice(
        colander.OneOf((YES, NO)), "yes: assistance was requested (¶45); no: not yet."
    )
    group = _choice(
        colander.OneOf(tuple(REGIONAL_GROUP_LABELS)),
        "The State's UN regional group: " + ", ".join(REGIONAL_GROUP_LABELS),
    )
    state = _choice(_state, "The State under review (ISO3).")
    page = colander.SchemaNode(
        WholeNumber(),
        missing=1,
        validator=colander.Range(min=1, max=10**6),
        description="The page of 'limit' needs, from 1.",
    )
    limit = colander.SchemaNode(
        WholeNumber(),
        missing=PAGE_SIZE,
        validator=colander.Range(min=1, max=MAX_LIMIT),
        description=f"How many to list (1 to {MAX_LIMIT}, {PAGE_SIZE} if not given).",
    )

    def __init__(self, *args, **kw) -> None:
        super().__init__(*args, validator=_article_known, **kw)


def filters_of(request, mechanism) -> dict:
    """The filters of a page's query string; ``colander.Invalid`` if bad."""
    schema = NeedsQuery().bind(request=request, context=mechanism)
    sent = request.GET.mixed()
    return schema.deserialize({n.name: sent[n.name] for n in schema if n.name in sent})


def refusal(request, invalid: colander.Invalid) -> tuple[str, str]:
    """The first field at fault and why, translated."""
    field, message = next(iter(invalid.asdict(translate=request.translate).items()))
    return field, message


# -- the rows ------------------------------------------------------------------


def _matches(row: NeedRow, query: dict, group: str) -> bool:
    wanted = {
        "instrument": row.instrument,
        "article": row.article,
        "need": row.need,
        "priority": row.priority,
        "status": row.status,
        "requested": YES if row.requested else NO,
        "group": group,
        "state": row.iso3,
    }
    return all(query[name] == value for name, value in wanted.items() if name in query)


def _visible(mechanism, withheld: bool):
    """The index's rows a reader may read.  Without the withheld ones, each
    review's needs are numbered 1, 2, … among those shown, so a gap never
    tells how many the State keeps confidential (¶38)."""
    rows = sorted(
        index_of(mechanism).values(), key=lambda r: (r.iso3, r.phase, r.number)
    )
    if withheld:
        return rows
    shown, seen = [], {}
    for row in rows:
        if not row.withheld:
            place = seen[row.iso3, row.phase] = seen.get((row.iso3, row.phase), 0) + 1
            shown.append(replace(row, number=place))
    return shown


def needs(mechanism, query: dict, withheld: bool) -> list[tuple[NeedRow, object]]:
    """``(row, State)`` of every need ``query`` selects, by State name,
    phase and number; withheld ones only when ``withheld``."""
    states = mechanism["states"]
    found = []
    for row in _visible(mechanism, withheld):
        state = states.get(row.iso3)
        group = state.regional_group if state is not None else ""
        if _matches(row, query, group):
            found.append((row, state))
    found.sort(
        key=lambda pair: (
            pair[1].name if pair[1] is not None else pair[0].iso3,
            pair[0].iso3,
            pair[0].phase,
            pair[0].number,
        )
    )
    return found


def need_json(row: NeedRow, state, withheld: bool) -> dict:
    """What the API and the CSV say of a need."""
    out = {
        "iso3": row.iso3,
        "state": str(state.name) if state is not None else row.iso3,
        "phase": row.phase,
        "number": row.number,
        "instrument": row.instrument,
        "article": row.article,
        "need": row.need,
        "priority": row.priority,
        "text": row.text,
        "status": row.status,
        "requested": row.requested,
        "agreed_on": row.agreed_on,
    }
    if withheld and row.withheld:
        out["withheld"] = True
    return out
