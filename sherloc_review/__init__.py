"""The UNTOC review-mechanism add-on: plugs into the SHERLOC portal."""

from .i18n import _


def includeme(config) -> None:
    config.include("sherloc_portal")
    config.add_addon("sherloc_review", _("UNTOC review mechanism"))
