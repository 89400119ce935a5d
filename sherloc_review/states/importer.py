"""Import ``states.csv`` into ``/review/states`` (create or update in place)."""

from __future__ import annotations

from ..importing import ensure, sync, words
from .resources import Participation, State, States, is_provisional

#: instrument → (status column, confidence column, prefix in the notes cell)
COLUMNS = {
    "UNTOC": ("untoc", "untoc_confidence", "UNTOC"),
    "TIP": ("tip_protocol", "tip_confidence", "TIP"),
    "SOM": ("som_protocol", "som_confidence", "SOM"),
    "FIREARMS": ("firearms_protocol", "firearms_confidence", "FA"),
}

STATES_FILE = "states.csv"


def notes_by_prefix(cell: str) -> dict[str, str]:
    """``"UNTOC: signed 2000 | SOM: uncertain"`` → ``{"UNTOC": …, "SOM": …}``."""
    notes = {}
    for part in filter(None, (p.strip() for p in cell.split(" | "))):
        prefix, _, note = part.partition(":")
        notes[prefix.strip()] = note.strip()
    return notes


def participation_from_row(row: dict) -> dict[str, Participation]:
    notes = notes_by_prefix(row.get("participation_notes", ""))
    return {
        instrument: Participation(
            status=row[status], confidence=row[confidence], note=notes.get(prefix, "")
        )
        for instrument, (status, confidence, prefix) in COLUMNS.items()
    }


def state_values(row: dict) -> dict:
    """The attributes of a :class:`State` read from one row of the file."""
    participation = participation_from_row(row)
    return {
        "name": row["name"],
        "iso2": row["iso2"],
        "m49": row["m49"],
        "entity_type": row["entity_type"],
        "regional_group": row["un_regional_group"],
        "also_participates_in": row["also_participates_in"],
        "regional_group_note": row["regional_group_note"],
        "participation": participation,
        "provisional": is_provisional(participation),
        "legal_system_family": row["legal_system_family"],
        "legal_system_components": row["legal_system_components"],
        "legal_system_exceptions": row["legal_system_exceptions"],
        "official_languages": tuple(
            lang.strip() for lang in row["official_languages"].split(";") if lang
        ),
        "un_working_languages": words(row["un_working_languages_official"]),
    }


def import_states(mechanism, context) -> States:
    """Create or update every State of the file; keep the ones it lacks.

    A State missing from the file is only reported: reviews may refer to
    it, so removing it is a decision for a person, not for an import.
    """
    states = ensure(mechanism, "states", States, context, "states")
    rows = context.read_csv(STATES_FILE)
    for row in rows:
        iso3 = row["iso3"]
        state = ensure(
            states, iso3, lambda row=row: State(row["iso3"], row["name"]), context, iso3
        )
        sync(state, state_values(row), context, iso3)
    listed = {row["iso3"] for row in rows}
    for iso3 in states:
        if iso3 not in listed:
            context.log.warning("State %s is no longer in %s; kept", iso3, STATES_FILE)
    return states
