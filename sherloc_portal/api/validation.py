"""Reading and validating API requests: JSON objects only, small, translated.

Cornice's own deserializer accepts form bodies and raw bytes, reports bad
JSON in untranslatable English, and lets a malformed body also fail the
schema (two errors for one mistake).  This one reads a JSON object or
nothing, refuses oversized bodies without parsing them (what is read at all
is bounded by the server, e.g. waitress's ``max_request_body_size``: the
retry policy copies every body before any view runs), and hands the rest to
cornice's colander validator, whose messages are translated through
``Invalid.asdict(translate=...)``.
"""

from __future__ import annotations

import json

from cornice.validators import colander_validator

from ..i18n import _

#: Bodies larger than this are refused unparsed (bytes).  The API's requests
#: are small JSON objects; nothing legitimate comes near it.
MAX_BODY = 128 * 1024  # a 20,000-character message written as \uXXXX escapes

_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


#: What a 401 answer challenges the client with (RFC 9110 §15.5.2).
BEARER_CHALLENGE = 'Bearer realm="sherloc"'


def refuse(request, status: int, location: str, name: str, message) -> None:
    """Add one translated error; cornice answers ``status`` with them all."""
    request.errors.add(location, name, request.translate(message))
    request.errors.status = status


def render_errors(request):
    """Every service's ``error_handler``: cornice's body, plus headers.

    Cornice's default handler builds a fresh response, dropping headers a
    view set on ``request.response``: ``Retry-After`` is carried over, and a
    401 gets the challenge naming the scheme to use.
    """
    response = request.current_service.default_error_handler(request)
    if response.status_code == 401:
        response.headers["WWW-Authenticate"] = BEARER_CHALLENGE
    retry_after = request.response.headers.get("Retry-After")
    if retry_after:
        response.headers["Retry-After"] = retry_after
    return response


def _json_body(request):
    """The body as a JSON object, or ``None`` after adding an error."""
    if request.content_length and request.content_length > MAX_BODY:
        refuse(
            request,
            413,
            "body",
            "",
            _(
                "The request body is too large: send at most ${limit} bytes.",
                mapping={"limit": MAX_BODY},
            ),
        )
        return None
    if not request.body:
        return {}
    if request.content_type != "application/json":
        refuse(
            request,
            415,
            "header",
            "Content-Type",
            _("Send the request body as JSON (Content-Type: application/json)."),
        )
        return None
    try:
        body = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        refuse(request, 400, "body", "", _("The request body is not valid JSON."))
        return None
    if not isinstance(body, dict):
        refuse(request, 400, "body", "", _("The request body must be a JSON object."))
        return None
    return body


def request_cstruct(request) -> dict | None:
    """What the colander request schema validates, or ``None`` on error."""
    body = _json_body(request) if request.method in _BODY_METHODS else {}
    if body is None:
        return None
    return {
        "body": body,
        "querystring": request.GET.mixed(),
        "path": request.matchdict or {},
    }


def validate_request(request, schema=None, **kw) -> None:
    """Cornice validator: parse strictly, then validate with colander.

    The schema is bound to ``request`` and ``context`` first, so deferred
    vocabularies and validators can read the data they check against.
    Valid values land in ``request.validated["body"]`` and
    ``request.validated["querystring"]``.
    """
    cstruct = request_cstruct(request)
    if cstruct is None or schema is None:
        return
    bound = schema.bind(request=request, context=request.context)
    colander_validator(request, schema=bound, deserializer=lambda _r: cstruct)
