"""The SHERLOC theme: layout, navigation, language switcher, stylesheets."""

from .i18n import _


def includeme(config) -> None:
    config.include("sherloc_portal")
    config.add_addon("sherloc_review_theme", _("SHERLOC theme"))
