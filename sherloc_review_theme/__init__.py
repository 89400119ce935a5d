"""The SHERLOC theme: layout, navigation, language switcher, stylesheets.

Plugs in only through the portal's extension points: it replaces the page
layout (``set_portal_layout``) and serves its own static assets.  Removing it
from ``pyramid.includes`` leaves the portal's plain layout in place.
"""

from pyramid.security import NO_PERMISSION_REQUIRED

from .i18n import _

LAYOUT = "sherloc_review_theme:templates/layout.pt"


def includeme(config) -> None:
    config.include("sherloc_portal")
    config.add_addon("sherloc_review_theme", _("SHERLOC theme"))
    config.set_portal_layout(LAYOUT)
    # Stylesheets are public: the login page needs them before anyone signs in.
    config.add_static_view(
        "theme-static",
        "sherloc_review_theme:static",
        cache_max_age=3600,
        permission=NO_PERMISSION_REQUIRED,
    )
