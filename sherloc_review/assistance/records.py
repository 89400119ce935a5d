"""Needs become records when a list is agreed, and the index follows them."""

from __future__ import annotations

from BTrees.OOBTree import OOBTree

from ..outcomes.blueprint import ASSISTANCE
from .resources import AssistanceNeed


def index_of(mechanism) -> OOBTree:
    """``ISO3/phase/number`` → :class:`~.resources.NeedRow`."""
    return mechanism.assistance_index


def key(iso3: str, phase: int, need: int) -> str:
    return f"{iso3}/{phase}/{need}"


def reindex(mechanism, assistance, need: AssistanceNeed) -> None:
    row = assistance.row(need)
    index_of(mechanism)[key(row.iso3, row.phase, row.number)] = row


def record_needs(mechanism, assistance, entries, withheld, agreed_on: str) -> int:
    """Make a record of each technical-assistance entry of the agreed list
    (idempotent: an entry recorded once is not recorded again)."""
    known = {n.entry for n in assistance.needs.values()}
    made = 0
    for entry in entries:
        if entry.kind != ASSISTANCE or entry.number in known:
            continue
        number = len(assistance.needs) + 1
        need = AssistanceNeed(
            number,
            entry.number,
            entry.instrument,
            entry.article,
            entry.need,
            entry.priority,
            entry.text,
            agreed_on,
        )
        need.withheld = entry.number in withheld
        assistance.needs[number] = need
        reindex(mechanism, assistance, need)
        made += 1
    return made


def follow_withholding(mechanism, assistance, withheld) -> None:
    """Mark the needs whose entry the State keeps confidential (¶38)."""
    for need in assistance.needs.values():
        hidden = need.entry in withheld
        if need.withheld != hidden:
            need.withheld = hidden
            reindex(mechanism, assistance, need)
