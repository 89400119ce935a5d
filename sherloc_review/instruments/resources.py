"""Instruments, their articles, and the thematic clusters they are reviewed in.

``/review/instruments/UNTOC/5`` is article 5 of the Convention;
``/review/clusters/I`` is cluster I of Table 1 with, per instrument, the
articles reviewed in it.  Provisions of the Convention that apply to the
Protocols *mutatis mutandis* are reviewed under the Convention only (¶19),
so a cluster lists a Protocol's own articles only.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from sherloc_portal.resources.folder import Folder, Resource

from ..security import ReferenceData

REVIEWED = "reviewed"


class Article(ReferenceData, Resource):
    """One article; ``cluster`` is empty for provisions not reviewed."""

    schema_version = 1
    kind = ""
    cluster = ""
    assignment_confidence = ""

    def __init__(self, instrument: str, number: str, title: str) -> None:
        super().__init__()
        self.instrument = instrument
        self.number = number
        self.title = title

    @property
    def reviewed(self) -> bool:
        return self.kind == REVIEWED


class Instrument(ReferenceData, Folder):
    """The Convention or a Protocol; holds its articles keyed by number."""

    schema_version = 1
    short_name = ""
    title = ""
    mtdsg_no = ""
    adopted = ""
    adopting_resolution = ""
    entry_into_force = ""
    signatories = ""
    parties_reported = ""
    parties_reported_as_of = ""
    parties_source = ""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code

    def articles(self) -> list[Article]:
        """In numerical order (keys are strings, so "10" sorts before "2")."""
        return sorted(self.values(), key=lambda a: int(a.number))


class Instruments(ReferenceData, Folder):
    """``/review/instruments``: UNTOC, TIP, SOM, FIREARMS."""

    schema_version = 1


class Cluster(ReferenceData, Resource):
    """A thematic cluster of Table 1 (``I`` … ``IV``).

    ``articles`` maps an instrument to the tuple of its article numbers in
    this cluster, ``confidence`` how sure the reconstruction is per
    instrument; both are replaced whole on re-import, never mutated.
    """

    schema_version = 1
    name = ""
    name_confidence = ""
    review_phase_order = ""
    articles: Mapping[str, tuple[str, ...]] = MappingProxyType({})
    confidence: Mapping[str, str] = MappingProxyType({})

    def __init__(self, numeral: str) -> None:
        super().__init__()
        self.numeral = numeral


class Clusters(ReferenceData, Folder):
    """``/review/clusters``: Table 1 of the appendix to resolution 9/1."""

    schema_version = 1
