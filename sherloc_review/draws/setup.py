"""Create the folders of the drawing of lots, and the demo's draw."""

from __future__ import annotations

from ..countries.resources import COUNTRIES_NAME, Countries
from .meeting import prepare, run
from .resources import DRAWS_NAME, Draws

#: The demo profile's draw: its seed is public, like the demo's passwords.
DEMO_TITLE = "Demonstration draw"
DEMO_SEED = "sherloc-demo-2026"


def install(mechanism, changed) -> None:
    """``/review/draws`` and ``/review/countries``, when missing."""
    for name, factory in ((DRAWS_NAME, Draws), (COUNTRIES_NAME, Countries)):
        if mechanism.get(name) is None:
            mechanism.add(name, factory())
            changed("created %s", name)


def install_demo_draw(mechanism, changed) -> None:
    """Draw once with the demo seed, unless a draw was made already."""
    draws = mechanism[DRAWS_NAME]
    if any(record.drawn for record in draws.values()):
        return
    record = prepare(mechanism, DEMO_TITLE, DEMO_SEED, "demo profile")
    run(mechanism, record, "demo profile")
    changed("made draw %s with the demo seed %r", record.number, DEMO_SEED)
