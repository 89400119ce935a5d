"""The officials' section of the public directory (¶18, ¶27).

Public page: names and roles only, never e-mail addresses or logins.  Read
from the officials index, never from a scan of all accounts.
"""

from __future__ import annotations

from sherloc_portal.resources.root import portal_root

from ..i18n import _
from .offices import Offices, offices
from .resources import mechanism_of
from .schemas import role_titles


def collect(request) -> list[dict]:
    """One row per active focal point and expert of every State.

    A State without an active focal point shows its permanent
    representative as temporary focal point, with a note saying so (¶18).
    """
    mechanism = mechanism_of(request)
    states = mechanism.get("states") if mechanism is not None else None
    if states is None:
        return []
    users = portal_root(request)["users"]
    translate = request.translate
    titles = role_titles()
    focal_title = translate(titles["focal"])
    expert_title = translate(titles["expert"])
    rows = []
    for state in sorted(states.values(), key=lambda s: str(s.name)):
        group = str(state.name)
        held = offices(request, mechanism, state, users)
        rows += [_row(group, u, focal_title) for u in held.focal_points]
        if held.temporary_focal_point is not None:
            rows.append(_temporary_focal_point(request, group, held))
        rows += [_row(group, u, expert_title) for u in held.experts]
    return rows


def _row(group: str, user, role: str) -> dict:
    return {
        "group": group,
        "name": user.fullname or user.login,
        "role": role,
        "note": "",
    }


def _temporary_focal_point(request, group: str, held: Offices) -> dict:
    translate = request.translate
    return {
        "group": group,
        "name": held.temporary_focal_point,
        "role": translate(_("Temporary focal point")),
        "note": translate(
            _(
                "No focal point has been appointed: the permanent representative "
                "acts as temporary focal point (¶18)."
            )
        ),
    }
