"""JSON bodies for the HTTP errors raised under ``/api/`` outside a service.

A refused CSRF check, a wrong method or a wrong media type is raised by
Pyramid or cornice before any service code runs; without this view the
client would get an HTML page.  403 and 404 are not handled here: the
portal's error views own them (and keep a forbidden object's existence
secret); their more specific context wins over ``HTTPError``.
"""

from __future__ import annotations

from cornice.errors import Errors
from pyramid.exceptions import BadCSRFOrigin, BadCSRFToken
from pyramid.httpexceptions import HTTPError, HTTPMethodNotAllowed

from ..i18n import _


def _describe(exc: HTTPError) -> tuple[str, str, object]:
    if isinstance(exc, BadCSRFToken | BadCSRFOrigin):
        return (
            "header",
            "X-CSRF-Token",
            _(
                "This request needs a valid CSRF token. API clients send JSON "
                "(Content-Type: application/json) with a bearer token and no "
                "cookies."
            ),
        )
    if isinstance(exc, HTTPMethodNotAllowed):
        return (
            "method",
            "",
            _(
                "This method is not allowed here; allowed: ${methods}.",
                mapping={"methods": ", ".join(exc.allow or ())},
            ),
        )
    return (
        "url",
        "",
        _(
            "The request could not be handled (HTTP ${status}).",
            mapping={"status": exc.status_code},
        ),
    )


def api_http_error(exc: HTTPError, request) -> HTTPError:
    """Give ``exc`` cornice's error body; keep its status and headers."""
    location, name, message = _describe(exc)
    errors = Errors(status=exc.status_code)
    errors.add(location, name, request.translate(message))
    exc.content_type = "application/json"
    exc.json_body = {"status": "error", "errors": list(errors)}
    return exc


def includeme(config) -> None:
    config.add_exception_view(
        api_http_error,
        context=HTTPError,
        path_info=r"^/api/",
    )
