"""Who holds a State's offices now: focal points, experts, or the stand-in.

One place answers it for the State page and the public directory (¶18,
¶27): the active focal points and governmental experts from the officials
index, and, while no focal point is active, the permanent representative
as temporary focal point.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _
from .resources import INDEX_NAME


@dataclass(frozen=True)
class Offices:
    focal_points: list
    experts: list
    #: The permanent representative's name while no focal point is active.
    temporary_focal_point: str | None


def permanent_representative(request, state) -> str:
    return state.permanent_representative or request.translate(
        _("Permanent Representative of ${state}", mapping={"state": str(state.name)})
    )


def offices(request, mechanism, state, users) -> Offices:
    """The State's active office holders, read from the officials index."""
    index = mechanism.get(INDEX_NAME)
    entry = index.get(state.iso3) if index is not None else None
    active = [u for u in entry.accounts(users) if u.active] if entry else []
    focal = [u for u in active if u.state_role == "focal"]
    experts = [u for u in active if u.state_role == "expert"]
    stand_in = None if focal else permanent_representative(request, state)
    return Offices(focal, experts, stand_in)
