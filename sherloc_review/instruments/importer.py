"""Import ``instruments.csv``, ``articles.csv`` and ``clusters.csv``."""

from __future__ import annotations

from ..importing import ensure, sync, words
from .resources import Article, Cluster, Clusters, Instrument, Instruments

_INSTRUMENT_COLUMNS = (
    "short_name",
    "title",
    "mtdsg_no",
    "adopted",
    "adopting_resolution",
    "entry_into_force",
    "signatories",
    "parties_reported",
    "parties_reported_as_of",
    "parties_source",
)


def import_instruments(mechanism, context) -> Instruments:
    instruments = ensure(mechanism, "instruments", Instruments, context, "instruments")
    for row in context.read_csv("instruments.csv"):
        code = row["code"]
        instrument = ensure(
            instruments, code, lambda code=code: Instrument(code), context, code
        )
        sync(instrument, {c: row[c] for c in _INSTRUMENT_COLUMNS}, context, code)
    for row in context.read_csv("articles.csv"):
        instrument = instruments[row["instrument"]]
        number = row["article"]
        label = f"{instrument.code} art. {number}"
        article = ensure(
            instrument,
            number,
            lambda i=instrument.code, n=number, t=row["title"]: Article(i, n, t),
            context,
            label,
        )
        values = {
            "title": row["title"],
            "kind": row["kind"],
            "cluster": row["cluster"],
            "assignment_confidence": row["assignment_confidence"],
        }
        sync(article, values, context, label)
    return instruments


def import_clusters(mechanism, context) -> Clusters:
    """Table 1: per cluster, the articles of each instrument reviewed in it."""
    clusters = ensure(mechanism, "clusters", Clusters, context, "clusters")
    table: dict[str, dict] = {}
    for row in context.read_csv("clusters.csv"):
        entry = table.setdefault(
            row["cluster"],
            {
                "name": row["cluster_name"],
                "name_confidence": row["cluster_name_confidence"],
                "review_phase_order": row["review_phase_order"],
                "articles": {},
                "confidence": {},
            },
        )
        entry["articles"][row["instrument"]] = words(row["articles"])
        entry["confidence"][row["instrument"]] = row["confidence"]
    for numeral, values in table.items():
        label = f"cluster {numeral}"
        cluster = ensure(
            clusters, numeral, lambda n=numeral: Cluster(n), context, label
        )
        sync(cluster, values, context, label)
    return clusters
