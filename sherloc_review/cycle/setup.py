"""Create ``/review/cycle``, and the demo's opened phase and session."""

from __future__ import annotations

from datetime import date, timedelta

from .gate import open_next_phase
from .resources import CYCLE_NAME, SESSIONS_NAME, Cycle
from .sessions import Sessions, WorkingGroupSession

DEMO_GROUP = "1"


def install(mechanism, changed) -> None:
    if mechanism.get(CYCLE_NAME) is None:
        cycle = mechanism.add(CYCLE_NAME, Cycle())
        cycle.add(SESSIONS_NAME, Sessions())
        changed("created %s", CYCLE_NAME)


def install_demo(mechanism, changed, today: date) -> None:
    """Open phase 1 of group 1 and plan a session, unless done already."""
    cycle = mechanism[CYCLE_NAME]
    if not cycle.current_phase(DEMO_GROUP):
        opening = open_next_phase(mechanism, DEMO_GROUP, today, "demo profile")
        changed(
            "opened phase 1 of group %s: %d reviews", DEMO_GROUP, len(opening.foreseen)
        )
    sessions = cycle[SESSIONS_NAME]
    if not len(sessions):
        starts = today + timedelta(days=60)
        sessions.add(
            "1",
            WorkingGroupSession(
                "ic",
                "Working Group on International Cooperation (demonstration session)",
                starts,
                starts + timedelta(days=2),
                "Vienna International Centre",
                (
                    "Opening of the session and adoption of the agenda",
                    "Mechanism for the Review of the Implementation of UNTOC",
                    "Central authorities and mutual legal assistance",
                    "Other matters",
                    "Adoption of the report",
                ),
                2,
            ),
        )
        changed("added a demonstration working-group session")
