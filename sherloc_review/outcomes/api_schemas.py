"""Colander schemas of the outcome's API: what it reads and answers."""

from __future__ import annotations

import colander

from sherloc_portal.api.schemas import JSONInteger, JSONString, closed


def _out(typ, **kw) -> colander.SchemaNode:
    return colander.SchemaNode(typ, **kw)


class ApprovalIn(colander.MappingSchema):
    version = colander.SchemaNode(
        JSONInteger(),
        validator=colander.Range(min=1, max=10**9),
        description="The version the focal point read and approves.",
    )


class PostApproval(colander.MappingSchema):
    body = ApprovalIn(typ=closed())


class Cites(colander.SequenceSchema):
    cite = _out(JSONString())


class EntryOut(colander.MappingSchema):
    number = _out(
        JSONInteger(),
        missing=colander.drop,
        description="Its number in the list (parties only: the paper's "
        "readers never learn how many entries are withheld).",
    )
    instrument = _out(JSONString())
    article = _out(JSONString(), description="Empty for the instrument as a whole.")
    kind = _out(JSONString(), description="gap, practice, suggestion or assistance.")
    text = _out(JSONString())
    need = _out(JSONString(), description="For a technical-assistance need.")
    priority = _out(JSONString(), description="For a technical-assistance need.")
    cites = Cites(description="Responses and dialogue it is based on (parties only).")
    revision = _out(JSONInteger(), missing=colander.drop, description="Parties only.")
    confidential = _out(
        colander.Boolean(), description="Kept confidential by the State (¶38)."
    )


class Entries(colander.SequenceSchema):
    entry = EntryOut(typ=closed())


class ApprovalOut(colander.MappingSchema):
    party = _out(JSONString())
    version = _out(JSONInteger())
    by = _out(JSONString(), missing=colander.drop, description="Parties only.")
    at = _out(JSONString())
    current = _out(colander.Boolean(), description="Of the current version.")


class Approvals(colander.SequenceSchema):
    approval = ApprovalOut(typ=closed())


class Parties(colander.SequenceSchema):
    party = _out(JSONString())


class AgreedOut(colander.MappingSchema):
    version = _out(JSONInteger())
    on = _out(JSONString())


class ObservationsBody(colander.MappingSchema):
    iso3 = _out(JSONString())
    phase = _out(JSONInteger())
    state = _out(JSONString(), description="Where the phase stands.")
    view = _out(
        JSONString(),
        description="'parties' (the whole list) or 'conference-room-paper' "
        "(the agreed list without the parts kept confidential, ¶38).",
    )
    version = _out(JSONInteger(), description="0 when nothing is drafted yet.")
    agreed = AgreedOut(typ=closed(), nullable=True)
    parties = Parties(description="Who approves (¶39).")
    waiting_for = Parties(description="Parties yet to approve this version.")
    approvals = Approvals()
    withheld = _out(
        colander.Boolean(), description="Parts are kept confidential (¶38)."
    )
    entries = Entries()


class ObservationsResponse(colander.MappingSchema):
    body = ObservationsBody(typ=closed(), title="ListOfObservations")
