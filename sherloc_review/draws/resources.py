"""``/review/draws``: draw records, stored once and only ever added to.

A :class:`DrawRecord` is made in two steps, as at the intersessional
meeting (¶28): *prepared* — the population is frozen and the commitment
(SHA-256 of the seed) is published while the seed stays secret — then
*drawn* — the seed is revealed and the draw is made from the frozen
population.  After that nothing in the record changes; redraws are
appended to its log with who asked, who decided and why.  The record can
be downloaded and replayed with ``sherloc-draw verify``.

Texts are stored as canonical JSON strings: an immutable value that
pickles small and is exactly what the download serves.
"""

from __future__ import annotations

import json
import time

from pyramid.authorization import Allow

from sherloc_portal.resources.folder import Folder, Resource
from sherloc_portal.security.acl import DENY_ALL, fail_closed

from ..draw import Draw, Population
from ..draw.record import FORMAT, commitment
from ..draw.result import dumps
from ..principals import BUREAU, CHAIR, ROLE_STATE_PARTY_OFFICIAL, SECRETARIAT
from .permissions import DrawPermission

DRAWS_NAME = "draws"
_VIEW = (DrawPermission.VIEW,)


def draws_acl() -> list:
    """The Secretariat runs draws; officials of States parties read them.

    As for a State's review (``countries``): signatories' officials, NGOs,
    the public and the portal's administrators see neither.
    """
    readers = (ROLE_STATE_PARTY_OFFICIAL, CHAIR, BUREAU)
    return [
        (Allow, SECRETARIAT, (DrawPermission.VIEW, DrawPermission.MANAGE)),
        *((Allow, p, _VIEW) for p in readers),
        DENY_ALL,
    ]


class AlreadyDrawn(Exception):
    """The record was drawn already: its seed and result never change."""


class Draws(Folder):
    """Records by number (``1``, ``2`` …); the Secretariat prepares them."""

    schema_version = 1
    view_permission = DrawPermission.VIEW
    last_number = 0

    @fail_closed
    def __acl__(self):
        return draws_acl()

    def prepare(self, title: str, population: Population, seed: str, by: str):
        self.last_number += 1
        record = DrawRecord(str(self.last_number), title, population, seed, by)
        return self.add(record.number, record)


class DrawRecord(Resource):
    schema_version = 1
    view_permission = DrawPermission.VIEW
    revealed_by = ""
    revealed_at = 0.0
    original_json = ""
    current_json = ""
    #: One dict per redraw granted: the engine's entry is in ``current_json``;
    #: here who asked (login), who decided, when and the request's note.
    decisions: tuple[dict, ...] = ()

    @fail_closed
    def __acl__(self):
        return draws_acl()

    def __init__(self, number, title, population: Population, seed, by) -> None:
        super().__init__()
        self.number = number
        self.title = title
        self.population_json = dumps(population.rows())
        self._seed = seed
        self.commitment = commitment(seed)
        self.prepared_by = by
        self.prepared_at = time.time()

    @property
    def drawn(self) -> bool:
        return bool(self.original_json)

    @property
    def seed(self) -> str | None:
        """The seed, once revealed; ``None`` before (the commitment only)."""
        return self._seed if self.drawn else None

    def population(self) -> Population:
        cached = getattr(self, "_v_population", None)
        if cached is None:
            cached = self._v_population = Population.from_rows(
                json.loads(self.population_json)
            )
        return cached

    def current(self) -> Draw | None:
        if not self.drawn:
            return None
        cached = getattr(self, "_v_current", None)
        if cached is None or cached[0] != self.current_json:
            cached = self._v_current = (
                self.current_json,
                Draw.from_json(json.loads(self.current_json)),
            )
        return cached[1]

    def secret_seed(self) -> str:
        """The seed before it is revealed: for running the draw, nothing else."""
        return self._seed

    def reveal(self, result: Draw, by: str) -> None:
        if self.drawn:
            raise AlreadyDrawn(self.number)
        self.original_json = self.current_json = result.dumps()
        self.revealed_by = by
        self.revealed_at = time.time()

    def add_redraw(self, result: Draw, decision: dict) -> None:
        self.current_json = result.dumps()
        self.decisions = (*self.decisions, decision)

    def download(self) -> dict:
        """The record as ``sherloc-draw verify`` reads it, with its metadata.

        Who prepared and revealed it, who asked for a redraw and the notes of
        requests and decisions are kept in the record but not shown here.
        """
        data = {
            "format": FORMAT,
            "id": self.number,
            "title": self.title,
            "commitment": self.commitment,
            "seed": self.seed,
            "population": json.loads(self.population_json),
            "prepared_at": _iso(self.prepared_at),
        }
        if self.drawn:
            data.update(
                draw=json.loads(self.current_json),
                original_draw=json.loads(self.original_json),
                revealed_at=_iso(self.revealed_at),
                redraw_decisions=[_public(d) for d in self.decisions],
            )
        return data


#: What a redraw decision shows outside the review: no notes, no logins
#: (those stay with the review's participants, SECURITY.md §11).
PUBLIC_DECISION_KEYS = ("under_review", "request", "requested_by", "at", "seed")


def _public(decision: dict) -> dict:
    return {key: decision[key] for key in PUBLIC_DECISION_KEYS}


def _iso(timestamp: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timestamp))
