"""``/controlpanel``: what is installed, at which version, and what is pending.

Lists the add-ons plugged in (``pyramid.includes``), every install profile
with its installed and available versions and pending upgrade steps, and
the pages add-ons register with ``config.add_controlpanel_page``.  Reading
only: installing and upgrading are done with ``sherloc-admin``.
"""

from __future__ import annotations

from pyramid.view import view_config

from ..i18n import _
from ..security.permissions import Permission


@view_config(
    route_name="controlpanel",
    renderer="sherloc_portal:templates/controlpanel.pt",
    permission=Permission.CONTROLPANEL_VIEW,
    request_method=("GET", "HEAD"),
)
def controlpanel(request):
    registry = request.registry
    extensions = registry.sherloc_extensions
    installer = registry.sherloc_installer
    return {
        "page_title": request.translate(_("Control panel")),
        "addons": sorted(extensions.addons.items()),
        "profiles": installer.status(request.zodb_connection.db()),
        "pages": sorted(extensions.controlpanel_pages.values(), key=lambda p: p.name),
    }
