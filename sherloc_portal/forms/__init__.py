"""Forms: a small ``FormView`` base on deform + colander, and its renderer.

``config.include('sherloc_portal.forms')`` configures deform's template
renderer once (see :mod:`.renderer`) and adds the ``add_form_templates``
directive a theme uses to put its own deform templates first.
"""

from .errors import ActionRefused
from .renderer import add_form_templates, configure_renderer, form_renderer
from .schema import CSRFSchema
from .view import FormView

__all__ = ["ActionRefused", "CSRFSchema", "FormView", "form_renderer"]


def includeme(config) -> None:
    config.add_directive("add_form_templates", add_form_templates)
    config.add_form_templates("sherloc_portal:templates/forms/deform")
    config.add_form_templates("deform:templates", last=True)
    configure_renderer(config)
