"""HTML views of the host portal."""

from pyramid.events import BeforeRender, NewResponse
from pyramid.renderers import get_renderer
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.traversal import find_resource

from ..i18n import LANGUAGE_NAMES
from ..settings import LANGUAGES


def _tab_visible(request, root, tab) -> bool:
    """A tab shows when its target exists and the user may see it there.

    The permission is checked on the tab's own target, whose ACL decides
    (the portal root does not grant an add-on's permissions); a tab whose
    target is gone (an add-on's data uninstalled) is hidden.
    """
    if tab.permission is None:
        return True
    if root is None:
        return False
    try:
        target = find_resource(root, tab.path)
    except KeyError:
        return False
    return bool(request.has_permission(tab.permission, target))


def layout_globals(event: BeforeRender) -> None:
    """Give every template the layout macro and what the layout shows."""
    request = event.get("request")
    if request is None or event.get("layout") is not None:
        return
    extensions = request.registry.sherloc_extensions
    renderer = get_renderer(extensions.layout)
    event["layout"] = renderer.implementation().macros["layout"]
    root = getattr(request, "root", None)
    event["nav_tabs"] = [
        tab for tab in extensions.sorted_nav_tabs() if _tab_visible(request, root, tab)
    ]
    event["languages"] = [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES]
    identity = request.identity
    event["current_user"] = identity.user if identity else None


def private_by_default(event: NewResponse) -> None:
    """What a logged-in user is shown stays out of shared caches and off the
    disk: ``private, no-store`` unless the view chose a policy (static files
    and public downloads do).  Anonymous pages are public by nature."""
    response = event.response
    if "Cache-Control" in response.headers:
        return
    if event.request.authenticated_userid is not None:
        response.cache_control = "private, no-store"


def includeme(config) -> None:
    config.add_subscriber(layout_globals, BeforeRender)
    config.add_subscriber(private_by_default, NewResponse)
    config.add_static_view(
        "static",
        "sherloc_portal:static",
        cache_max_age=3600,
        permission=NO_PERMISSION_REQUIRED,
    )
    config.add_route("language", "/language")
    config.scan(".")
