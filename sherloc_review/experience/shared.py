"""The experiences shared (¶42), listed without waking a review.

The mechanism's ``experience_index`` maps ``ISO3/phase`` to a small
:class:`SharedRow`, written when a focal point shares and removed when it
stops sharing.  :func:`.setup.install` creates it; a page never does (a
GET does not write).
"""

from __future__ import annotations

from dataclasses import dataclass

from BTrees.OOBTree import OOBTree
from pyramid.authorization import Allow
from pyramid.httpexceptions import HTTPForbidden

from sherloc_portal.security.acl import DENY_ALL, fail_closed

from ..principals import ROLE_STATE_PARTY_OFFICIAL, SECRETARIAT
from .permissions import ExperiencePermission as P


@dataclass(frozen=True)
class SharedRow:
    iso3: str
    phase: int
    shared_at: float
    shared_on: str  # ISO date


def index_of(mechanism) -> OOBTree | None:
    return getattr(mechanism, "experience_index", None)


def ensure_index(mechanism) -> OOBTree:
    """The index, made if missing (an act or the installer only)."""
    index = index_of(mechanism)
    if index is None:
        index = mechanism.experience_index = OOBTree()
    return index


def key(iso3: str, phase: int) -> str:
    return f"{iso3}/{phase}"


class SharedList:
    """Who reads the list: not stored, placed under the mechanism so that
    its ACL is the list's own."""

    __name__ = "experiences"

    def __init__(self, mechanism) -> None:
        self.__parent__ = mechanism

    @fail_closed
    def __acl__(self):
        return [
            (Allow, SECRETARIAT, P.LIST),
            (Allow, ROLE_STATE_PARTY_OFFICIAL, P.LIST),
            DENY_ALL,
        ]


def check_reader(request, mechanism) -> None:
    if not request.has_permission(P.LIST, SharedList(mechanism)):
        raise HTTPForbidden()
