"""``/login`` and ``/logout``."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.security import NO_PERMISSION_REQUIRED, forget, remember
from pyramid.view import view_config

from ..forms import FormView
from ..i18n import _
from .authenticate import authenticate
from .schemas import LoginSchema
from .security_log import log_event

#: Characters left as they are when a return path is percent-encoded.
_URL_SAFE = "/?&=%#:@!$'()*+,;~-._"


def safe_came_from(value: str | None) -> str:
    """A local path to return to after logging in, or ``/``.

    Only absolute paths on this site are followed: no scheme, no host, no
    ``//`` or ``/\\`` (which browsers read as another host), no control
    characters.  Anything else would make the login page an open redirect.
    """
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")):
        return "/"
    if any(ord(c) < 32 or ord(c) == 127 or c == "\\" for c in value):
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return "/"
    # A Location header is ASCII: other characters travel percent-encoded
    # (and a bidi control such as U+202E cannot disguise the address).
    return quote(value, safe=_URL_SAFE)


@view_config(
    route_name="login",
    renderer="sherloc_portal:templates/accounts/login.pt",
    permission=NO_PERMISSION_REQUIRED,
    request_method=("GET", "HEAD", "POST"),
)
class LoginView(FormView):
    schema = LoginSchema
    formid = "login-form"
    buttons = (deform.Button("submit", _("Log in")),)

    def appstruct(self):
        return {"came_from": safe_came_from(self.request.GET.get("came_from"))}

    def values(self):
        return {"page_title": _("Log in")}

    def submit_success(self, appstruct):
        request = self.request
        user = authenticate(request, appstruct["login"], appstruct["password"])
        remember(request, user.login)
        target = safe_came_from(appstruct["came_from"])
        return HTTPSeeOther(location=request.application_url + target)


@view_config(
    route_name="logout", request_method="POST", permission=NO_PERMISSION_REQUIRED
)
def logout(request):
    """End every browser session of the user (not their API tokens)."""
    identity = request.identity
    if identity is not None:
        identity.user.end_sessions()
        log_event(request, "logout", login=identity.login)
    forget(request)
    return HTTPSeeOther(location=request.application_url + "/")
