"""The report's index: what the general report counts, kept as it happens.

The report never walks the reviews.  The mechanism's ``report_index``
holds, per review, only what the report may use (¶19):

- ``responses``, ``ISO3/phase/instrument`` → :class:`ResponsesRow`: the
  closed answer to each question of the latest *submitted* responses, with
  the question's article (a draft never counts);
- ``lists``, ``ISO3/phase`` → :class:`ListRow`: the entries of the *agreed*
  list of observations (¶39) without those the State keeps confidential
  (¶38), re-recorded whenever that decision changes.

The acts call :func:`record_responses` (a submission) and
:func:`record_list` (an agreement, a change of what is withheld);
:func:`build` makes the index from the stored reviews (install, upgrade).
"""

from __future__ import annotations

from dataclasses import dataclass

from BTrees.OOBTree import OOBTree
from persistent import Persistent

INDEX_NAME = "report_index"


@dataclass(frozen=True)
class Answered:
    question: str
    article: str
    closed: str  # yes, partly, no


@dataclass(frozen=True)
class ResponsesRow:
    iso3: str
    phase: int
    instrument: str
    submitted_on: str
    answers: tuple[Answered, ...]


@dataclass(frozen=True)
class ReportEntry:
    """An entry of an agreed list that the State does not withhold."""

    number: int
    instrument: str
    article: str  # "" for the instrument as a whole
    kind: str
    text: str
    need: str
    priority: str


@dataclass(frozen=True)
class ListRow:
    iso3: str
    phase: int
    agreed_on: str
    entries: tuple[ReportEntry, ...]


class ReportIndex(Persistent):
    """Schema 1: ``responses`` and ``lists``, two ``OOBTree`` of rows."""

    schema_version = 1

    def __init__(self) -> None:
        self.responses = OOBTree()
        self.lists = OOBTree()


def index_of(mechanism) -> ReportIndex | None:
    return getattr(mechanism, INDEX_NAME, None)


def responses_row(assessment) -> ResponsesRow | None:
    """The row of a self-assessment's latest submission, if any."""
    submitted = assessment.submitted
    if submitted is None:
        return None
    values = dict(submitted.values)
    answers = tuple(
        Answered(q.id, q.article, values[q.id].closed)
        for q in assessment.questions
        if q.id in values and values[q.id].closed
    )
    phase = assessment.phase
    return ResponsesRow(
        assessment.iso3, phase.number, assessment.instrument, submitted.on, answers
    )


def list_row(observations) -> ListRow | None:
    """The row of an agreed list, the withheld entries left out."""
    agreed = observations.agreed
    if agreed is None:
        return None
    withheld = observations.withheld
    entries = tuple(
        ReportEntry(
            e.number, e.instrument, e.article, e.kind, e.text, e.need, e.priority
        )
        for e in observations.versions[agreed.version].entries
        if e.number not in withheld
    )
    phase = observations.phase
    return ListRow(phase.country.iso3, phase.number, agreed.on, entries)


def _put(tree, key: str, row) -> bool:
    """Store ``row`` under ``key`` (``None``: remove); whether it changed."""
    if row is None:
        if key in tree:
            del tree[key]
            return True
        return False
    if tree.get(key) == row:
        return False
    tree[key] = row
    return True


def responses_key(iso3: str, phase: int, instrument: str) -> str:
    return f"{iso3}/{phase}/{instrument}"


def list_key(iso3: str, phase: int) -> str:
    return f"{iso3}/{phase}"


def record_responses(mechanism, assessment) -> None:
    """After a submission: its closed answers replace the earlier ones."""
    index = index_of(mechanism)
    if index is not None:  # none before install: :func:`build` makes it
        key = responses_key(
            assessment.iso3, assessment.phase.number, assessment.instrument
        )
        _put(index.responses, key, responses_row(assessment))


def record_list(mechanism, observations) -> None:
    """After an agreement or a change of what the State withholds."""
    index = index_of(mechanism)
    if index is not None:
        phase = observations.phase
        key = list_key(phase.country.iso3, phase.number)
        _put(index.lists, key, list_row(observations))


def _rows(mechanism):
    """``(tree name, key, row)`` of every review, from the stored data."""
    countries = mechanism.get("countries")
    for country in countries.values() if countries is not None else ():
        for phase in country.phases.values():
            responses = phase.responses
            for assessment in responses.values() if responses is not None else ():
                key = responses_key(country.iso3, phase.number, assessment.instrument)
                yield "responses", key, responses_row(assessment)
            if phase.observations is not None:
                key = list_key(country.iso3, phase.number)
                yield "lists", key, list_row(phase.observations)


def build(mechanism, index: ReportIndex) -> int:
    """Bring ``index`` to the stored data; how many rows changed."""
    changed = 0
    seen = {"responses": set(), "lists": set()}
    for name, key, row in _rows(mechanism):
        seen[name].add(key)
        changed += _put(getattr(index, name), key, row)
    for name, keys in seen.items():
        tree = getattr(index, name)
        for key in [k for k in tree if k not in keys]:
            changed += _put(tree, key, None)
    return changed
