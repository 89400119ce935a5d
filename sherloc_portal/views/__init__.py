"""HTML views of the host portal."""

from pyramid.events import BeforeRender
from pyramid.renderers import get_renderer
from pyramid.security import NO_PERMISSION_REQUIRED

from ..i18n import LANGUAGE_NAMES
from ..settings import LANGUAGES


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
        tab
        for tab in extensions.sorted_nav_tabs()
        if tab.permission is None
        or (root is not None and request.has_permission(tab.permission, root))
    ]
    event["languages"] = [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES]
    identity = request.identity
    event["current_user"] = identity.user if identity else None


def includeme(config) -> None:
    config.add_subscriber(layout_globals, BeforeRender)
    config.add_static_view(
        "static",
        "sherloc_portal:static",
        cache_max_age=3600,
        permission=NO_PERMISSION_REQUIRED,
    )
    config.add_route("language", "/language")
    config.scan(".")
