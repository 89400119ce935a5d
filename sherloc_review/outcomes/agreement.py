"""Texts finalized upon agreement (¶39): numbered versions and approvals.

A list of observations and a summary are drafted in versions, each edit
making the next.  The focal point of each party (the State under review and
every reviewing State) approves the version it read, by its number; the
text is agreed when every party approved the same, current, version.  An
edit makes a new version, so every approval given before no longer counts:
it stays in the record, shown as withdrawn by that edit.

Approvals are a tuple on the object itself, never a BTree: two last
approvals at once write the same object, so one of them conflicts, is
retried, and sees the other (a BTree would merge them without either seeing
the agreement).
"""

from __future__ import annotations

from dataclasses import dataclass

from BTrees.IOBTree import IOBTree

from sherloc_portal.forms import ActionRefused

from ..i18n import _


@dataclass(frozen=True)
class Approval:
    party: str  # ISO3
    version: int
    by: str  # login
    at: float


@dataclass(frozen=True)
class Agreed:
    version: int
    on: str  # ISO date
    at: float


class Agreement:
    """Mixin of a persistent object with ``versions`` and ``approvals``."""

    latest = 0
    approvals: tuple[Approval, ...] = ()
    agreed: Agreed | None = None

    def init_versions(self) -> None:
        self.versions = IOBTree()

    @property
    def current(self):
        return self.versions.get(self.latest) if self.latest else None

    def add_version(self, version) -> None:
        """``version`` (numbered ``latest + 1``) becomes the current one."""
        if self.agreed is not None:
            raise ActionRefused(_("This text is agreed; it no longer changes."))
        self.latest = version.number
        self.versions[version.number] = version

    def approval_of(self, party: str) -> Approval | None:
        """``party``'s last approval, whichever version it names."""
        found = [a for a in self.approvals if a.party == party]
        return found[-1] if found else None

    def approved_current(self, party: str) -> bool:
        found = self.approval_of(party)
        return found is not None and found.version == self.latest

    def waiting_for(self, parties: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(p for p in parties if not self.approved_current(p))

    def approve(
        self, parties: tuple[str, ...], party: str, version: int, by: str, at: float
    ) -> bool:
        """Record ``party``'s approval of ``version``; ``True`` when that
        makes the text agreed by every one of ``parties``."""
        if self.agreed is not None:
            raise ActionRefused(_("This text is agreed already."))
        if party not in parties:
            raise ActionRefused(_("Only the parties to the review approve."))
        if not self.latest:
            raise ActionRefused(_("There is nothing to approve yet."))
        if version != self.latest:
            raise ActionRefused(
                _(
                    "Version ${version} is no longer the current one (version "
                    "${latest}); read it before approving.",
                    mapping={"version": version, "latest": self.latest},
                ),
                "version",
            )
        if not self.approved_current(party):
            self.approvals = (*self.approvals, Approval(party, version, by, at))
        return not self.waiting_for(parties)
