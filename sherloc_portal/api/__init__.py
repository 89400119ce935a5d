"""The JSON API under ``/api/v1``: cornice services and their OpenAPI document.

Every service is a :class:`cornice.Service` with ``factory`` + ``traverse``
(:func:`.service.api_service`), so its context is a node of the resource
tree and the same ACLs decide as for HTML pages; each view names a
permission.  The portal's own services live in this package; add-ons add
theirs with the ``add_api_service`` directive::

    config.include("sherloc_portal.api")
    config.add_api_service(my_service)

The OpenAPI document at ``/api/v1/openapi.json`` is generated from what is
registered (:mod:`.openapi`), so it cannot drift from the code.

Error rendering has one owner: cornice's own exception views are switched
off (``handle_exceptions``) because they would answer 403 and 404 with a
body of their own and clash with the portal's error views, which already
answer JSON under ``/api/`` and hide whether a forbidden object exists.
This package adds only a JSON body for the other HTTP errors an API client
can meet (a refused CSRF check, a wrong method), see :mod:`.errors`.
"""

from __future__ import annotations

from .me import me
from .openapi import openapi
from .service import API_PREFIX, add_api_service, api_service
from .tokens import current_token, tokens

__all__ = ["API_PREFIX", "add_api_service", "api_service"]


def includeme(config) -> None:
    # One owner for 403/404 rendering: the portal's error views (see above).
    config.get_settings()["handle_exceptions"] = False
    config.include("cornice")
    # Only for its view predicates (``response_schemas``): the document
    # itself is assembled by .openapi.
    config.include("cornice_swagger")
    config.add_directive("add_api_service", add_api_service)
    config.include(".errors")
    for service in (tokens, current_token, me, openapi):
        config.add_api_service(service)
