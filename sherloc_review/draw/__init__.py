"""The drawing of lots of the review mechanism, in pure Python.

No Pyramid, no ZODB: the portal, the API and ``sherloc-draw`` wrap it.
See :mod:`.engine` for the method and :mod:`.rules` for the rules.
"""

from .engine import draw
from .errors import (
    DrawError,
    InfeasibleDraw,
    PopulationError,
    RecordError,
    RedrawRefused,
)
from .population import Entity, Population
from .result import Assignment, Draw, RedrawEntry, Review

__all__ = [
    "Assignment",
    "Draw",
    "DrawError",
    "Entity",
    "InfeasibleDraw",
    "Population",
    "PopulationError",
    "RecordError",
    "RedrawEntry",
    "RedrawRefused",
    "Review",
    "draw",
]
