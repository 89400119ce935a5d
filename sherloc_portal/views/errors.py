"""Error pages: 403 and 404 the same for a missing and a forbidden object.

A confidential object's existence is never revealed: an anonymous HTML
visitor is sent to the login page, a signed-in user who may not see it gets
a 403, and JSON callers get a JSON body.  Nothing from the context is shown.
"""

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.response import Response
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import forbidden_view_config, notfound_view_config, view_config

from ..accounts.security_log import log_event
from ..i18n import _
from ..security.permissions import Permission


def _wants_json(request) -> bool:
    # The raw PATH_INFO: ``request.path`` decodes, which fails on bad UTF-8.
    if request.environ.get("PATH_INFO", "").startswith("/api/"):
        return True
    offers = request.accept.acceptable_offers(["text/html", "application/json"])
    return bool(offers) and offers[0][0] == "application/json"


def _json_error(request, status: int, message) -> dict:
    request.response.status = status
    request.override_renderer = "json"
    return {
        "status": "error",
        "errors": [
            {"location": "url", "name": "", "description": request.translate(message)}
        ],
    }


def _hides_existence(request) -> bool:
    """A miss below a node the user may not see is answered as forbidden.

    Otherwise "404 here, 403 there" would tell a stranger which confidential
    objects exist.  Nodes name the permission that lets one see them in
    ``view_permission`` (the portal's public view by default).
    """
    context = getattr(request, "context", None)
    if context is None:
        return False
    permission = getattr(context, "view_permission", Permission.PORTAL_VIEW)
    return not request.has_permission(permission, context)


@notfound_view_config(renderer="sherloc_portal:templates/error.pt")
def not_found(request):
    if _hides_existence(request):
        return forbidden(request)
    message = _("The page you asked for does not exist.")
    if _wants_json(request):
        return _json_error(request, 404, message)
    request.response.status = 404
    return {"page_title": _("Page not found"), "message": message}


@forbidden_view_config(renderer="sherloc_portal:templates/error.pt")
def forbidden(request):
    # Denials are security events (SECURITY.md §9): logged outside the
    # transaction, which a denied request aborts.
    log_event(request, "access.denied", path=request.path, method=request.method)
    if request.identity is None and not _wants_json(request):
        return HTTPSeeOther(
            location=request.route_url("login", _query={"came_from": request.path})
        )
    message = _("You are not allowed to see this page.")
    if _wants_json(request):
        return _json_error(request, 403, message)
    request.response.status = 403
    return {"page_title": _("Access denied"), "message": message}


@view_config(
    context=UnicodeDecodeError,
    renderer="json",
    permission=NO_PERMISSION_REQUIRED,
)
def undecodable(exc, request):
    """An address or form field that is not valid UTF-8: a 400, not a 500.

    Raised by traversal (``URLDecodeError``) or by WebOb reading the query
    string or form.  The page is plain text: the layout itself reads the
    address, which cannot be decoded.  Nothing of the bad input is echoed.
    """
    message = _("The address or the form contains characters that are not valid.")
    if _wants_json(request):
        return _json_error(request, 400, message)
    return Response(
        request.translate(message),
        status=400,
        content_type="text/plain",
        charset="utf-8",
    )
