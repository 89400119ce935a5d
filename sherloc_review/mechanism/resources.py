"""``/review``: the ReviewMechanism, created by the ``default`` profile."""

from __future__ import annotations

from sherloc_portal.resources.folder import Folder

from ..permissions import ReviewPermission
from ..security import ReferenceData

MECHANISM_NAME = "review"


class ReviewMechanism(ReferenceData, Folder):
    """Holds ``states``, ``instruments``, ``clusters``, ``workplan``,
    ``questionnaires`` (reference data) and what later slices add."""

    schema_version = 1
    view_permission = ReviewPermission.MECHANISM_VIEW
