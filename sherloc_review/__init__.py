"""The UNTOC review-mechanism add-on: plugs into the SHERLOC portal.

Everything it registers is listed here, through the portal's extension
points only: install profiles and upgrade steps, the navigation tab, the
reference-data pages, the officials slice and the JSON API.
"""

from .cycle.permissions import CyclePermission
from .i18n import _
from .permissions import ReviewPermission


def includeme(config) -> None:
    config.include("sherloc_portal")
    config.add_addon("sherloc_review", _("UNTOC review mechanism"))
    config.include(".profiles")
    config.include(".upgrades")
    config.add_nav_tab(
        "review",
        _("Review mechanism"),
        path="/review",
        order=20,
        permission=ReviewPermission.MECHANISM_VIEW,
    )
    config.add_nav_tab(
        "review-status",
        _("Review status"),
        path="/review/cycle/status",
        order=21,
        permission=CyclePermission.STATUS,
    )
    config.include(".mechanism")
    config.include(".states")
    config.include(".officials")
    config.include(".draws")
    config.include(".countries")
    config.include(".cycle")
    config.include(".responses")
    config.include(".feedback")
    config.include(".dialogue")
    config.include(".stakeholders")
    config.include(".outcomes")
    config.include(".assistance")
    config.include(".experience")
    config.include(".reports")
    config.include(".guidance")
    config.include(".api")
