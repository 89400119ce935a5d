"""The population of a draw, read from the mechanism's States."""

from __future__ import annotations

from ..draw import Population
from ..draw.population import INSTRUMENTS, STATUS_COLUMNS


def state_row(state) -> dict[str, str]:
    return {
        "iso3": state.iso3,
        "un_regional_group": state.regional_group,
        **{
            column: state.status(code)
            for column, code in zip(STATUS_COLUMNS, INSTRUMENTS, strict=True)
        },
        "un_working_languages_official": " ".join(state.un_working_languages),
        "legal_system_family": state.legal_system_family,
        "volunteer": "yes" if state.volunteer else "no",
    }


def population_of(states) -> Population:
    """Every State of ``/review/states``; raises ``PopulationError`` if bad."""
    return Population.from_rows(state_row(s) for s in states.values())
