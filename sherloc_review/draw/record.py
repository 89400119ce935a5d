"""Draw records: everything needed to replay a draw, and the replay.

A record is JSON::

    {"format": "sherloc-draw-record/1",
     "commitment": sha256(seed) in hex, published before the seed,
     "seed": …, "population": [rows of the draw's columns],
     "draw": the draw as sherloc-draw prints it, redraws included, …}

Other keys (who prepared it, when) are kept by the portal and ignored
here.  :func:`verify` checks the commitment, replays the draw and every
redraw in order from the population and the seeds, and compares the
result byte for byte.
"""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Any

from .engine import draw
from .errors import DrawError, RecordError, _
from .population import Population
from .redraw import redraw
from .result import Draw, dumps
from .rules import violations

FORMAT = "sherloc-draw-record/1"


def commitment(seed: str) -> str:
    """What is published before the seed: its SHA-256, in hex."""
    return hashlib.sha256(
        unicodedata.normalize("NFC", seed).encode("utf-8")
    ).hexdigest()


def make_record(population: Population, result: Draw, **extra: Any) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "commitment": commitment(result.seed),
        "seed": result.seed,
        "population": population.rows(),
        "draw": result.to_json(),
        **extra,
    }


def read_record(data: Any) -> tuple[Population, Draw]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RecordError(
            _(
                "This is not a draw record (its format is not ${format}).",
                mapping={"format": FORMAT},
            )
        )
    for key in ("commitment", "seed", "population", "draw"):
        if key not in data:
            raise RecordError(
                _("The draw record lacks '${key}'.", mapping={"key": key})
            )
    rows = data["population"]
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise RecordError(_("The draw record's population is not a list of rows."))
    return Population.from_rows(rows), Draw.from_json(data["draw"])


def replay(population: Population, seed: str, redraws) -> Draw:
    result = draw(population, seed)
    for entry in redraws:
        result = redraw(
            population,
            result,
            entry.under_review,
            entry.requested_by,
            entry.reason,
            entry.seed,
        )
    return result


def verify(data: Any) -> list[str]:
    """Problems found in a record; an empty list means it replays exactly."""
    population, recorded = read_record(data)
    problems = []
    if commitment(data["seed"]) != data["commitment"]:
        problems.append("the seed does not match the published commitment")
    if recorded.seed != data["seed"]:
        problems.append("the draw was not made with the record's seed")
    try:
        replayed = replay(population, data["seed"], recorded.redraws)
    except DrawError as error:
        return [*problems, f"the replay failed: {error}"]
    if replayed.dumps() != dumps(data["draw"]):
        problems.append("replaying the seed and redraws gives a different draw")
    problems.extend(violations(population, recorded))
    return problems
