"""Base schema of every HTML form: a hidden ``csrf_token`` node.

Pyramid checks the token itself (``require_csrf``) before any view runs, so
the node only carries the session's token into the page; a POST without it
never reaches the form.
"""

from __future__ import annotations

import colander
import deform
from pyramid.csrf import get_csrf_token


@colander.deferred
def _current_csrf_token(node, kw):
    return get_csrf_token(kw["request"])


class CSRFSchema(colander.MappingSchema):
    """Subclass this for every form schema (bind it with ``request=``)."""

    csrf_token = colander.SchemaNode(
        colander.String(),
        widget=deform.widget.HiddenWidget(),
        default=_current_csrf_token,
        missing="",
    )
