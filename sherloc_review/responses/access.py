"""Which version of the answers a reader sees (¶21, ¶40).

The State's officials and the Secretariat read the working answers while
the responses are a draft; once submitted, everyone allowed reads the
submitted version (the working answers are frozen with it); a reader who
may only read submitted responses sees nothing before.  Every page, export,
search hit and back-link asks here.
"""

from __future__ import annotations

from .permissions import ResponsesPermission as P
from .resources import DRAFT


def visible_values(request, assessment):
    """``(values by question id, submitted?)``, or ``(None, False)``."""
    submitted = assessment.submitted
    if assessment.status == DRAFT and request.has_permission(P.VIEW_DRAFT, assessment):
        return {q: a.value for q, a in assessment.answers.items()}, False
    if submitted is not None and request.has_permission(P.VIEW_SUBMITTED, assessment):
        return dict(submitted.values), True
    return None, False


def own_state(request) -> str | None:
    """The ISO3 of the reader's State, if the reader is a State's official."""
    user = request.identity.user if request.identity else None
    return getattr(user, "state", None) or None


def mechanism_of(node):
    """The mechanism of anything under a State's review (``node.country``)."""
    return node.country.__parent__.__parent__


def read_current(obj) -> None:
    """Make this transaction conflict if ``obj`` is changed meanwhile by a
    transaction committed first (a decision read it and writes elsewhere)."""
    if getattr(obj, "_p_jar", None) is not None:
        obj._p_activate()  # a ghost has no serial to check
        obj._p_jar.readCurrent(obj)


def still_draft(assessment) -> None:
    """A save checked against the draft must not land beside a submission
    committed at the same moment (it would be outside the frozen version)."""
    read_current(assessment)
