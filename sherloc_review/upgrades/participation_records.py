"""``default`` 1 → 2: participation records with confidence, and ``provisional``.

Why: version 1 stored a State's participation as bare statuses
(``parties = {"UNTOC": "party", …}``), so pages could not say which cells of
the reconstructed data set are uncertain.  Version 2 stores, per instrument,
a :class:`~sherloc_review.states.resources.Participation` (status,
confidence, note) and ``provisional``.

The stored status is kept (it may have been corrected in the portal); the
confidence and note are read from the profile's ``states.csv`` when it
agrees with the stored status.  Where it does not, or the State is not in
the file, the cell is marked ``low`` confidence with a note saying why, so
the page shows it as provisional.
"""

from __future__ import annotations

from ..mechanism.resources import MECHANISM_NAME
from ..states.importer import STATES_FILE, participation_from_row
from ..states.resources import INSTRUMENTS, Participation, is_provisional

UNCONFIRMED = "status kept from version 1 data; not confirmed by the data file"


def converted(parties: dict, row: dict | None) -> dict[str, Participation]:
    from_file = participation_from_row(row) if row is not None else {}
    participation = {}
    for instrument in INSTRUMENTS:
        status = parties.get(instrument, "none")
        record = from_file.get(instrument)
        if record is None or record.status != status:
            record = Participation(status, "low", UNCONFIRMED)
        participation[instrument] = record
    return participation


def upgrade(context) -> None:
    review = context.root.get(MECHANISM_NAME)
    states = review.get("states") if review is not None else None
    if states is None:
        return
    rows = {row["iso3"]: row for row in context.read_csv(STATES_FILE)}
    for state in states.values():
        state._p_activate()
        if state.schema_version >= 2 and "parties" not in vars(state):
            continue
        participation = converted(vars(state).get("parties", {}), rows.get(state.iso3))
        state.participation = participation
        state.provisional = is_provisional(participation)
        if "parties" in vars(state):
            del state.parties
        state.schema_version = 2
        context.changed("%s: participation records (schema 2)", state.iso3)
