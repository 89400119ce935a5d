"""How an API service is declared and mounted under ``/api/v1``."""

from __future__ import annotations

from typing import Any

from cornice import Service

from ..resources.root import root_factory
from .validation import render_errors

#: Where every service of this API version is mounted.
API_PREFIX = "/api/v1"


def api_service(name: str, path: str, traverse: str = "/", **kw: Any) -> Service:
    """A cornice service whose context is the tree node at ``traverse``.

    :param name: unique route name (``"api.tokens"``); a clash is a start-up
        conflict.
    :param path: the path below :data:`API_PREFIX` (``"/states"``).
    :param traverse: the node the request acts on, found from the portal
        root by traversal (``"/review/states"``); its ACL decides, exactly as
        for an HTML page on the same node.  When the node is missing the
        request is a 404, answered by the portal's not-found view.
    :param kw: further :class:`cornice.Service` arguments
        (``description``...).
    """
    return Service(
        name=name,
        path=path,
        factory=root_factory,
        traverse=traverse,
        depth=2,
        error_handler=render_errors,
        **kw,
    )


def add_api_service(config, service: Service) -> None:
    """Register a cornice ``service`` under :data:`API_PREFIX` (a directive).

    :param service: made with :func:`api_service`; every view names a
        ``permission`` (``NO_PERMISSION_REQUIRED`` for the few public ones),
        validates with :func:`sherloc_portal.api.validation.validate_request`
        against a colander ``schema`` whose children are ``body`` and/or
        ``querystring``, and documents its answers with ``response_schemas``
        (status → a schema with a ``description`` and a ``body`` child).
        Error answers (400, 403) are added to the document from the schema
        and the permission.
    """
    with config.route_prefix_context(API_PREFIX):
        config.add_cornice_service(service)
