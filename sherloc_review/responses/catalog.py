"""Two indexes over the submitted responses, kept on the mechanism.

``words``: a word → the self-assessments whose submitted answers use it
(for search); ``cited``: a legislation record id → the submitted answers
citing it (for the record's back-links).  Written when responses are
submitted (a rare, formal act), never when an answer is saved, so experts
saving answers never contend on a shared index.  Working answers are
searched where they live: only the reader's own State's, a handful of
self-assessments (:mod:`.search`).  Every entry is re-checked against the
version of the answers the reader may see, so a stale entry can never show
what a reader may not read.
"""

from __future__ import annotations

from BTrees.OOBTree import OOBTree
from persistent import Persistent


class ResponsesCatalog(Persistent):
    def __init__(self) -> None:
        self.words = OOBTree()
        self.cited = OOBTree()


def catalog_of(mechanism) -> ResponsesCatalog:
    catalog = getattr(mechanism, "responses_catalog", None)
    if catalog is None:
        catalog = mechanism.responses_catalog = ResponsesCatalog()
    return catalog


def words_of(mechanism):
    """The word index, read only (empty before anything was submitted)."""
    catalog = getattr(mechanism, "responses_catalog", None)
    return catalog.words if catalog is not None else {}


def cited_of(mechanism):
    """The citation index, read only."""
    catalog = getattr(mechanism, "responses_catalog", None)
    return catalog.cited if catalog is not None else {}


def key_of(assessment) -> tuple[str, int, str]:
    return (assessment.iso3, assessment.phase.number, assessment.instrument)


def assessment_at(mechanism, key: tuple[str, int, str]):
    """The self-assessment ``key`` names, or ``None``."""
    iso3, number, instrument = key
    country = mechanism["countries"].get(iso3)
    phase = country.phases.get(number) if country is not None else None
    if phase is None or phase.responses is None:
        return None
    return phase.responses.get(instrument)


def working_keys(mechanism, iso3: str | None) -> set[tuple[str, int, str]]:
    """Every self-assessment of ``iso3`` (its drafts live there)."""
    country = mechanism["countries"].get(iso3) if iso3 else None
    found = set()
    for number, phase in country.phases.items() if country is not None else ():
        for instrument in phase.responses or ():
            found.add((iso3, number, instrument))
    return found
