"""The portal's front page and the language switcher."""

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config

from ..accounts.login import safe_came_from
from ..i18n import LANGUAGE_COOKIE
from ..resources.root import PortalRoot
from ..security.permissions import Permission
from ..settings import LANGUAGES

ONE_YEAR = 365 * 24 * 3600


@view_config(
    context=PortalRoot,
    renderer="sherloc_portal:templates/home.pt",
    permission=Permission.PORTAL_VIEW,
    request_method=("GET", "HEAD"),
)
def home(context, request):
    return {"page_title": None}


@view_config(
    route_name="language", request_method="POST", permission=NO_PERMISSION_REQUIRED
)
def set_language(request):
    """Remember the chosen language in a cookie and go back where the user was.

    The CSRF check applies as on every unsafe request; an unknown language
    falls back to English rather than erroring.
    """
    lang = request.POST.get("language", "en")
    if lang not in LANGUAGES:
        lang = "en"
    target = safe_came_from(request.POST.get("came_from"))
    response = HTTPSeeOther(location=request.application_url + target)
    response.set_cookie(
        LANGUAGE_COOKIE,
        lang,
        max_age=ONE_YEAR,
        samesite="Lax",
        secure=request.sherloc_settings.secure_cookies,
        httponly=True,
    )
    return response
