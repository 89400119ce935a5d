"""The population of a draw: who may be reviewed and who may review.

A population is read from rows with the columns of ``states.csv`` (the
portal builds the same rows from its States).  Only the columns the rules
need are kept, and :meth:`Population.rows` gives them back, so a draw
record stores exactly what the draw saw and can be replayed from it.

Who is who, as the rules say:

* a **State party** is a party to the Convention (``untoc = party``).  It
  is reviewed for every instrument it is party to (¶17, ¶25) and reviews
  others: at least one review and at most three (¶29), or at most
  ``max_reviews`` when recorded — lower for any State, higher only for a
  State that volunteers (``volunteer``);
* a State that volunteers (``volunteer``) and has signed an instrument is
  reviewed for it too (¶52); a signatory of the Convention that volunteers
  is reviewed for what it has signed, and reviews no one;
* every other row is ignored by the draw.

``max_reviewing_states`` (optional, at least 4) records a State's decision
to accept more than four reviewing States (¶28(c)).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from .errors import PopulationError, _

#: Instrument codes in the order every output lists them.
INSTRUMENTS = ("UNTOC", "TIP", "SOM", "FIREARMS")
STATUS_COLUMNS = ("untoc", "tip_protocol", "som_protocol", "firearms_protocol")
STATUSES = ("party", "signatory", "none")
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
MAX_REVIEWS = 3
MAX_REVIEWING_STATES = 4

REQUIRED_COLUMNS = (
    "iso3",
    "un_regional_group",
    *STATUS_COLUMNS,
    "un_working_languages_official",
    "legal_system_family",
)
OPTIONAL_COLUMNS = ("volunteer", "max_reviews", "max_reviewing_states")
#: The other columns of ``states.csv``: accepted, not used by the draw.
IGNORED_COLUMNS = (
    "iso2",
    "m49",
    "name",
    "entity_type",
    "also_participates_in",
    "regional_group_note",
    "untoc_confidence",
    "tip_confidence",
    "som_confidence",
    "firearms_confidence",
    "participation_notes",
    "legal_system_components",
    "legal_system_exceptions",
    "official_languages",
    "official_languages_juriglobe",
)
KNOWN_COLUMNS = frozenset(REQUIRED_COLUMNS + OPTIONAL_COLUMNS + IGNORED_COLUMNS)

_ISO3 = re.compile(r"^[A-Z]{3}$")
_WHOLE = re.compile(r"^[0-9]{1,4}$")
_GROUP = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,31}$")
_TRUE = ("yes", "true", "1", "y")
_FALSE = ("no", "false", "0", "n", "")


@dataclass(frozen=True)
class Entity:
    """One row of the population, as the draw sees it."""

    iso3: str
    regional_group: str
    statuses: tuple[str, ...]
    languages: tuple[str, ...] = ()
    legal_system: str = ""
    volunteer: bool = False
    max_reviews: int | None = None
    max_reviewing_states: int = MAX_REVIEWING_STATES

    def status(self, instrument: str) -> str:
        return self.statuses[INSTRUMENTS.index(instrument)]

    @cached_property
    def parties(self) -> frozenset[str]:
        return frozenset(
            code
            for code, s in zip(INSTRUMENTS, self.statuses, strict=True)
            if s == "party"
        )

    @property
    def is_state_party(self) -> bool:
        return self.statuses[0] == "party"

    @property
    def under_review(self) -> bool:
        if self.is_state_party:
            return True
        return self.volunteer and any(s != "none" for s in self.statuses)

    @cached_property
    def reviewed_instruments(self) -> tuple[str, ...]:
        """What this State is reviewed for, in instrument order."""
        if not self.under_review:
            return ()
        reviewed = ("party", "signatory") if self.volunteer else ("party",)
        return tuple(
            c for c, s in zip(INSTRUMENTS, self.statuses, strict=True) if s in reviewed
        )

    @property
    def review_cap(self) -> int:
        """Most reviews it may perform (none for a signatory)."""
        if not self.is_state_party:
            return 0
        return self.max_reviews if self.max_reviews is not None else MAX_REVIEWS

    def row(self) -> dict[str, str]:
        return {
            "iso3": self.iso3,
            "un_regional_group": self.regional_group,
            **dict(zip(STATUS_COLUMNS, self.statuses, strict=True)),
            "un_working_languages_official": " ".join(self.languages),
            "legal_system_family": self.legal_system,
            "volunteer": "yes" if self.volunteer else "no",
            "max_reviews": "" if self.max_reviews is None else str(self.max_reviews),
            "max_reviewing_states": str(self.max_reviewing_states),
        }


class Population:
    """Entities by ISO3, always in ISO3 order."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.by_iso3 = {e.iso3: e for e in sorted(entities, key=lambda e: e.iso3)}

    def __getitem__(self, iso3: str) -> Entity:
        return self.by_iso3[iso3]

    def __contains__(self, iso3: object) -> bool:
        return iso3 in self.by_iso3

    def __len__(self) -> int:
        return len(self.by_iso3)

    @cached_property
    def under_review(self) -> tuple[Entity, ...]:
        return tuple(e for e in self.by_iso3.values() if e.under_review)

    @cached_property
    def reviewers(self) -> tuple[Entity, ...]:
        return tuple(e for e in self.by_iso3.values() if e.is_state_party)

    def rows(self) -> list[dict[str, str]]:
        return [e.row() for e in self.by_iso3.values()]

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str]], first_line: int = 2):
        entities: dict[str, Entity] = {}
        for line, row in enumerate(rows, start=first_line):
            entity = _entity(row, line)
            if entity.iso3 in entities:
                raise PopulationError(
                    _(
                        "Line ${line}: ${iso3} appears twice in the population.",
                        mapping={"line": line, "iso3": entity.iso3},
                    )
                )
            entities[entity.iso3] = entity
        return cls(entities.values())

    @classmethod
    def from_csv(cls, text: str) -> Population:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        columns = [c.strip() for c in reader.fieldnames or ()]
        check_columns(columns)
        reader.fieldnames = columns
        rows = []
        for line, row in enumerate(reader, start=2):
            if None in row or None in row.values():
                raise PopulationError(
                    _(
                        "Line ${line}: the row does not have ${count} cells like "
                        "the header.",
                        mapping={"line": line, "count": len(columns)},
                    )
                )
            rows.append(row)
        return cls.from_rows(rows)


def check_columns(columns: list[str]) -> None:
    if not columns:
        raise PopulationError(_("The population file is empty: it has no header."))
    for column in columns:
        if column not in KNOWN_COLUMNS:
            raise PopulationError(
                _(
                    "Unknown column '${column}' in the population file; use the "
                    "columns of states.csv.",
                    mapping={"column": column},
                )
            )
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise PopulationError(
            _(
                "The population file lacks the column(s): ${columns}.",
                mapping={"columns": ", ".join(missing)},
            )
        )


def _bad(line: int, column: str, value: str, expected) -> PopulationError:
    return PopulationError(
        _(
            "Line ${line}: '${value}' is not a valid ${column} (expected ${expected}).",
            mapping={
                "line": line,
                "value": value,
                "column": column,
                "expected": expected,
            },
        )
    )


def _flag(row: Mapping[str, str], line: int) -> bool:
    value = (row.get("volunteer") or "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise _bad(line, "volunteer", value, _("yes or no"))


def _number(row, column: str, line: int, least: int) -> int | None:
    value = (row.get(column) or "").strip()
    if not value:
        return None
    if not _WHOLE.match(value) or int(value) < least:
        expected = _("a whole number of at least ${least}", mapping={"least": least})
        raise _bad(line, column, value, expected)
    return int(value)


def _entity(row: Mapping[str, str], line: int) -> Entity:
    iso3 = (row.get("iso3") or "").strip()
    if not _ISO3.match(iso3):
        raise _bad(line, "iso3", iso3, _("three capital letters"))
    group = (row.get("un_regional_group") or "").strip()
    if group and not _GROUP.match(group):
        raise _bad(line, "un_regional_group", group, _("a short code such as AFR"))
    statuses = tuple((row.get(c) or "").strip() for c in STATUS_COLUMNS)
    for column, status in zip(STATUS_COLUMNS, statuses, strict=True):
        if status not in STATUSES:
            raise _bad(line, column, status, "party | signatory | none")
    if statuses[0] != "party" and "party" in statuses[1:]:
        raise PopulationError(
            _(
                "Line ${line}: ${iso3} is recorded as party to a Protocol but not "
                "to the Convention; only parties to the Convention may join its "
                "Protocols (article 37).",
                mapping={"line": line, "iso3": iso3},
            )
        )
    languages = tuple((row.get("un_working_languages_official") or "").split())
    for language in languages:
        if language not in LANGUAGES:
            raise _bad(
                line, "un_working_languages_official", language, "ar zh en fr ru es"
            )
    volunteer = _flag(row, line)
    max_reviews = _number(row, "max_reviews", line, 1)
    if max_reviews is not None and max_reviews > MAX_REVIEWS and not volunteer:
        raise PopulationError(
            _(
                "Line ${line}: ${iso3} may perform more than three reviews only "
                "as a volunteer (¶29); set volunteer to yes or lower max_reviews.",
                mapping={"line": line, "iso3": iso3},
            )
        )
    reviewing = _number(row, "max_reviewing_states", line, MAX_REVIEWING_STATES)
    return Entity(
        iso3=iso3,
        regional_group=group,
        statuses=statuses,
        languages=tuple(sorted(set(languages), key=LANGUAGES.index)),
        legal_system=(row.get("legal_system_family") or "").strip(),
        volunteer=volunteer,
        max_reviews=max_reviews,
        max_reviewing_states=reviewing or MAX_REVIEWING_STATES,
    )
