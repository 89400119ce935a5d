"""deform's template renderer: configured once, translated per request.

The Chameleon template loader (and its compiled-template cache) is built
once per application from a search path: theme templates first, then the
portal's overrides, then deform's own.  Translation is bound to each
request's localizer at render time, so no thread-local lookup of "the
current request" is needed and deform's class-level default renderer (a
module global) is never touched.
"""

from __future__ import annotations

from deform.template import ZPTRendererFactory
from pyramid.path import AssetResolver
from translationstring import ChameleonTranslate


def add_form_templates(config, spec: str, last: bool = False) -> None:
    """Put a folder of deform templates on the form template search path.

    :param spec: an asset spec such as ``my_theme:templates/deform``; a
        template found there wins over the same name further down the path.
    :param last: append instead of prepend (the portal uses it for deform's
        own templates, which must stay at the end).

    Folders added later win over folders added earlier (a theme included
    after the portal comes first).
    """
    path = AssetResolver().resolve(spec).abspath()
    registry = config.registry

    def register():
        search = getattr(registry, "sherloc_form_search_path", [])
        search = [*search, path] if last else [path, *search]
        registry.sherloc_form_search_path = search

    config.action(("sherloc-form-templates", path), register)


def configure_renderer(config) -> None:
    """Build the template loader once, after every folder has been added.

    The action's late ``order`` makes it run after all ``add_form_templates``
    actions, whichever package registered them.
    """
    registry = config.registry

    def register():
        registry.sherloc_form_loader = ZPTRendererFactory(
            tuple(registry.sherloc_form_search_path), auto_reload=False
        )

    config.action(("sherloc-form-renderer",), register, order=10)


class RequestFormRenderer:
    """deform's renderer protocol (``__call__``, ``translate``) for one request."""

    def __init__(self, factory: ZPTRendererFactory, request) -> None:
        self.factory = factory
        self.translate = request.localizer.translate
        self._chameleon_translate = ChameleonTranslate(self.translate)

    def __call__(self, template_name: str, **kw) -> str:
        template = self.factory.load(template_name)
        return template(translate=self._chameleon_translate, **kw)


def form_renderer(request) -> RequestFormRenderer:
    """The deform renderer to pass to ``deform.Form(renderer=...)``."""
    return RequestFormRenderer(request.registry.sherloc_form_loader, request)
