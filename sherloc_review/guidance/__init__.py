"""The Secretariat's guidance and e-training pages (¶20), ``/review/guidance``.

Read by the officials of every State and the Secretariat, written by the
Secretariat.  :func:`.setup.ensure_guidance` creates the folder (install
profile, upgrade step).
"""

from ..i18n import _
from .permissions import GuidancePermission


def includeme(config) -> None:
    config.add_nav_tab(
        "guidance",
        _("Guidance"),
        path="/review/guidance",
        order=22,
        permission=GuidancePermission.VIEW,
    )
    config.scan(".views")
