"""The general report's figures, from the report index (¶19), never a
ranking (¶4(b)).

Every figure counts States, or answers, in a group: an article (or an
instrument as a whole), a thematic cluster, an instrument, a regional
group.  Nothing is counted per State, and every list comes in a fixed
order that depends on codes and names only: instruments in the order of
the Convention and its Protocols, articles by number, clusters by numeral,
regional groups by code, States by name.  No figure decides where anything
appears.

- *Answers* are the closed answers of the latest submitted responses, one
  per State and question (the question of an earlier phase answered again
  in a later one counts once, as last answered).
- *States reporting* a kind of observation are the States whose agreed
  lists hold at least one entry of that kind in the group; the entries a
  State keeps confidential are not in the index, so never counted.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import colander

from sherloc_portal.api.schemas import JSONString

from ..cycle.dashboards import NO_REGION
from ..draws.views import state_name
from ..labels import REGIONAL_GROUP_LABELS
from ..outcomes.blueprint import KINDS, NEEDS, PRACTICE
from ..questionnaires.resources import CLOSED_ANSWERS
from ..states.resources import INSTRUMENTS
from .index import ReportIndex

ARTICLE = "article"
CLUSTER = "cluster"
INSTRUMENT = "instrument"
REGIONAL_GROUP = "regional_group"
DIMENSIONS = (ARTICLE, CLUSTER, INSTRUMENT, REGIONAL_GROUP)
OVERALL = "overall"  # every group together
#: What the report may be narrowed to (query parameters).
FILTERS = (INSTRUMENT, CLUSTER, REGIONAL_GROUP)


@dataclass(frozen=True)
class Filters:
    instrument: str = ""
    cluster: str = ""
    regional_group: str = ""

    def as_query(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in FILTERS if getattr(self, name)}


@dataclass(frozen=True)
class Tally:
    """The figures of one group (``dimension``, ``key``)."""

    dimension: str
    key: str  # UNTOC:5, UNTOC: (as a whole), I, UNTOC, WEOG
    instrument: str = ""
    article: str = ""
    cluster: str = ""
    regional_group: str = ""
    #: States with answers or observations in the group.
    states: int = 0
    #: Answers, in the order of ``CLOSED_ANSWERS`` (yes, partly, no).
    answers: tuple[int, ...] = ()
    #: States reporting each kind of observation, in the order of ``KINDS``.
    kinds: tuple[int, ...] = ()
    #: States with a technical-assistance need of each kind (``NEEDS``).
    needs: tuple[int, ...] = ()

    def answer(self, closed: str) -> int:
        return self.answers[CLOSED_ANSWERS.index(closed)]

    def kind(self, kind: str) -> int:
        return self.kinds[KINDS.index(kind)]


@dataclass(frozen=True)
class Practice:
    """A best practice of an agreed list, attributed to its State."""

    cluster: str
    instrument: str
    article: str
    iso3: str
    state: str  # the State's name
    phase: int
    text: str


@dataclass(frozen=True)
class Report:
    filters: Filters
    by_article: tuple[Tally, ...]
    by_cluster: tuple[Tally, ...]
    by_instrument: tuple[Tally, ...]
    by_regional_group: tuple[Tally, ...]
    overall: Tally
    practices: tuple[Practice, ...]
    #: ``(ISO3, name)`` of the States whose material is counted, by name.
    states: tuple[tuple[str, str], ...]
    responses: int  # States whose submitted responses are counted
    lists: int  # agreed lists counted

    def tallies(self) -> tuple[Tally, ...]:
        return (
            *self.by_article,
            *self.by_cluster,
            *self.by_instrument,
            *self.by_regional_group,
        )


# -- filters -------------------------------------------------------------------


def choices(mechanism) -> dict[str, list[str]]:
    """The values each filter takes."""
    return {
        INSTRUMENT: list(INSTRUMENTS),
        CLUSTER: list(mechanism["clusters"].keys()),
        REGIONAL_GROUP: [*REGIONAL_GROUP_LABELS, NO_REGION],
    }


def _filter(name: str, description: str) -> colander.SchemaNode:
    @colander.deferred
    def known(node, kw):
        return colander.OneOf(choices(kw["context"].__parent__)[name])

    return colander.SchemaNode(
        JSONString(), missing=colander.drop, validator=known, description=description
    )


class ReportQuery(colander.MappingSchema):
    """The report's filters (bind with ``context=`` the ``/review/reports``
    resource): the page, its exports and the API read them alike."""

    instrument = _filter(INSTRUMENT, "Only this instrument: " + ", ".join(INSTRUMENTS))
    cluster = _filter(CLUSTER, "Only this thematic cluster's articles (I, II, ...).")
    regional_group = _filter(
        REGIONAL_GROUP,
        "Only States of this UN regional group ("
        + ", ".join(REGIONAL_GROUP_LABELS)
        + f"; {NO_REGION}: in none).",
    )


def filters_of(request, reports) -> Filters:
    """The filters of the request's query; ``colander.Invalid`` if one is
    unknown or sent twice."""
    schema = ReportQuery().bind(request=request, context=reports)
    sent = request.GET.mixed()
    return Filters(
        **schema.deserialize({n.name: sent[n.name] for n in schema if n.name in sent})
    )


# -- order -------------------------------------------------------------------


def instrument_order(instrument: str) -> tuple:
    known = instrument in INSTRUMENTS
    return (0, INSTRUMENTS.index(instrument), "") if known else (1, 0, instrument)


def article_order(article: str) -> tuple:
    """The instrument as a whole first, then by number (2 before 10)."""
    return (len(article), article)


def provision_order(instrument: str, article: str) -> tuple:
    return (*instrument_order(instrument), *article_order(article))


def region_order(region: str) -> tuple:
    return (region == NO_REGION, region)


# -- counting ----------------------------------------------------------------


@dataclass
class _Group:
    states: set = field(default_factory=set)
    answers: dict = field(default_factory=lambda: defaultdict(int))
    kinds: dict = field(default_factory=lambda: defaultdict(set))
    needs: dict = field(default_factory=lambda: defaultdict(set))

    def tally(self, dimension: str, key: str, **where) -> Tally:
        return Tally(
            dimension,
            key,
            states=len(self.states),
            answers=tuple(self.answers[a] for a in CLOSED_ANSWERS),
            kinds=tuple(len(self.kinds[k]) for k in KINDS),
            needs=tuple(len(self.needs[n]) for n in NEEDS),
            **where,
        )


def _latest_answers(index: ReportIndex):
    """``(ISO3, instrument, article, closed)``: each State's last answer to
    each question."""
    found = {}
    for row in index.responses.values():
        for answered in row.answers:
            key = (row.iso3, row.instrument, answered.question)
            if key not in found or found[key][0] < row.phase:
                found[key] = (row.phase, answered.article, answered.closed)
    for (iso3, instrument, _question), (_phase, article, closed) in found.items():
        yield iso3, instrument, article, closed


class _Context:
    """Where a State, a provision, belongs; what the filters keep."""

    def __init__(self, mechanism, filters: Filters) -> None:
        self.states = mechanism["states"]
        self.filters = filters
        self.cluster_of = {
            (instrument, article): cluster.numeral
            for cluster in mechanism["clusters"].values()
            for instrument, articles in cluster.articles.items()
            for article in articles
        }
        self._clusters = list(mechanism["clusters"].keys())
        self._regions: dict[str, str] = {}

    def region(self, iso3: str) -> str:
        if iso3 not in self._regions:
            state = self.states.get(iso3)
            self._regions[iso3] = (state.regional_group if state else "") or NO_REGION
        return self._regions[iso3]

    def cluster_position(self, cluster: str) -> int:
        """Clusters by numeral; the instrument as a whole (none) last."""
        known = self._clusters
        return known.index(cluster) if cluster in known else len(known)

    def keeps(self, iso3: str, instrument: str, article: str) -> bool:
        f = self.filters
        return (
            (not f.instrument or instrument == f.instrument)
            and (
                not f.cluster or self.cluster_of.get((instrument, article)) == f.cluster
            )
            and (not f.regional_group or self.region(iso3) == f.regional_group)
        )

    def groups(self, iso3: str, instrument: str, article: str):
        """``(dimension, group key)`` a fact on this provision counts in."""
        yield ARTICLE, (instrument, article)
        cluster = self.cluster_of.get((instrument, article))
        if cluster:
            yield CLUSTER, cluster
        yield INSTRUMENT, instrument
        yield REGIONAL_GROUP, self.region(iso3)


def general_report(mechanism, index: ReportIndex, filters: Filters) -> Report:
    """The report's figures, best practices and States, as ``filters`` narrow."""
    where = _Context(mechanism, filters)
    groups: dict[tuple, _Group] = defaultdict(_Group)
    overall = _Group()
    responding, practices, lists = set(), [], 0
    narrowed = bool(filters.as_query())

    def count(iso3, instrument, article):
        yield overall
        for dimension, key in where.groups(iso3, instrument, article):
            yield groups[dimension, key]

    for iso3, instrument, article, closed in _latest_answers(index):
        if where.keeps(iso3, instrument, article):
            responding.add(iso3)
            for group in count(iso3, instrument, article):
                group.states.add(iso3)
                group.answers[closed] += 1
    for row in index.lists.values():
        kept = [
            e for e in row.entries if where.keeps(row.iso3, e.instrument, e.article)
        ]
        if kept or not narrowed:
            lists += 1
        for entry in kept:
            for group in count(row.iso3, entry.instrument, entry.article):
                group.states.add(row.iso3)
                group.kinds[entry.kind].add(row.iso3)
                if entry.need:
                    group.needs[entry.need].add(row.iso3)
            if entry.kind == PRACTICE:
                practices.append((row, entry))
    counted = overall.states
    return Report(
        filters=filters,
        by_article=tuple(
            groups[ARTICLE, (i, a)].tally(
                ARTICLE,
                f"{i}:{a}",
                instrument=i,
                article=a,
                cluster=where.cluster_of.get((i, a), ""),
            )
            for i, a in sorted(
                (k for d, k in groups if d == ARTICLE),
                key=lambda p: provision_order(*p),
            )
        ),
        by_cluster=tuple(
            groups[CLUSTER, c].tally(CLUSTER, c, cluster=c)
            for c in sorted(
                (k for d, k in groups if d == CLUSTER),
                key=lambda c: (where.cluster_position(c), c),
            )
        ),
        by_instrument=tuple(
            groups[INSTRUMENT, i].tally(INSTRUMENT, i, instrument=i)
            for i in sorted(
                (k for d, k in groups if d == INSTRUMENT), key=instrument_order
            )
        ),
        by_regional_group=tuple(
            groups[REGIONAL_GROUP, r].tally(REGIONAL_GROUP, r, regional_group=r)
            for r in sorted(
                (k for d, k in groups if d == REGIONAL_GROUP), key=region_order
            )
        ),
        overall=overall.tally(OVERALL, ""),
        practices=_practices(where, practices),
        states=tuple(
            sorted(
                ((iso3, state_name(where.states, iso3)) for iso3 in counted),
                key=lambda s: (s[1].casefold(), s[0]),
            )
        ),
        responses=len(responding),
        lists=lists,
    )


def _practices(where: _Context, found) -> tuple[Practice, ...]:
    """By theme (cluster), then article, then the State's name."""
    practices = [
        Practice(
            where.cluster_of.get((e.instrument, e.article), ""),
            e.instrument,
            e.article,
            row.iso3,
            state_name(where.states, row.iso3),
            row.phase,
            e.text,
        )
        for row, e in found
    ]
    return tuple(
        sorted(
            practices,
            key=lambda p: (
                where.cluster_position(p.cluster),
                *provision_order(p.instrument, p.article),
                p.state.casefold(),
                p.iso3,
                p.phase,
            ),
        )
    )
