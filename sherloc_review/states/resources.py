"""The States (and the European Union) and their treaty participation.

Participation per instrument is a small immutable record stored inside the
State; the whole mapping is replaced, never mutated in place, so ZODB always
sees the change.  The data comes from ``profiles/default/states.csv``, whose
participation columns are partly a reconstruction: ``provisional`` is true
when any cell is less than ``high`` confidence, and pages say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from sherloc_portal.resources.folder import Folder, Resource

from ..security import ReferenceData

#: The instruments in the order pages show them.
INSTRUMENTS = ("UNTOC", "TIP", "SOM", "FIREARMS")
STATUSES = ("party", "signatory", "none")
CONFIDENCES = ("high", "medium", "low")


@dataclass(frozen=True)
class Participation:
    """A State's status under one instrument, how sure the data is, and why."""

    status: str
    confidence: str
    note: str = ""

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown participation status {self.status!r}")
        if self.confidence not in CONFIDENCES:
            raise ValueError(f"unknown confidence {self.confidence!r}")


class State(ReferenceData, Resource):
    """One State (or the EU) at ``/review/states/ISO3``.

    Version 2 stores ``participation`` (instrument → :class:`Participation`)
    and ``provisional``; version 1 stored ``parties`` (instrument → status)
    and is converted by ``sherloc_review.upgrades.participation_records``.
    ``volunteer`` (¶52) and ``permanent_representative`` (¶18) are kept by
    the mechanism, not read from the data file.
    """

    schema_version = 2
    iso2 = ""
    m49 = ""
    entity_type = ""
    regional_group = ""
    also_participates_in = ""
    regional_group_note = ""
    participation: Mapping[str, Participation] = MappingProxyType({})
    provisional = False
    legal_system_family = ""
    legal_system_components = ""
    legal_system_exceptions = ""
    official_languages: tuple[str, ...] = ()
    un_working_languages: tuple[str, ...] = ()
    volunteer = False
    permanent_representative = ""

    def __init__(self, iso3: str, name: str) -> None:
        super().__init__()
        self.iso3 = iso3
        self.name = name

    def status(self, instrument: str) -> str:
        record = self.participation.get(instrument)
        return record.status if record is not None else "none"

    def is_party(self, instrument: str) -> bool:
        return self.status(instrument) == "party"


class States(ReferenceData, Folder):
    """``/review/states``: ISO3 → :class:`State`."""

    schema_version = 1


def is_provisional(participation: dict) -> bool:
    return any(r.confidence != "high" for r in participation.values())
