"""The portal's Pyramid 2 security policy.

Identity comes either from a bearer token (``Authorization: Bearer …``, for
the JSON API) or from the signed session cookie (for HTML pages), never
both: a request carrying a bearer header is judged by the token alone.  The
user is re-loaded on every request; an inactive user, or a session or token
issued before the user's last ``session_epoch`` change, is anonymous.
Principals are computed per request by the registered providers.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyramid.authorization import ACLHelper, Authenticated, Everyone
from pyramid.csrf import SessionCSRFStoragePolicy
from pyramid.session import SignedCookieSessionFactory

from ..resources.root import ROOT_KEY
from .permissions import Permission

SESSION_USER = "auth.userid"
SESSION_EPOCH = "auth.epoch"

_CACHE = "sherloc.identity"


@dataclass(frozen=True)
class Identity:
    """Who is asking, and by which road (``session`` or ``token``)."""

    user: object
    via: str

    @property
    def login(self) -> str:
        return self.user.login


def bearer_token(request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def _portal_root(request):
    return request.zodb_connection.root().get(ROOT_KEY)


def _load_identity(request) -> Identity | None:
    root = _portal_root(request)
    if root is None:
        return None
    users = root["users"]
    token = bearer_token(request)
    if token is not None:
        found = root.tokens.resolve(token)
        if found is None:
            return None
        login, epoch = found
        via = "token"
    elif "Authorization" in request.headers:
        return None
    else:
        session = request.session
        login = session.get(SESSION_USER)
        epoch = session.get(SESSION_EPOCH)
        via = "session"
    if not login:
        return None
    user = users.get(login)
    if user is None or not user.active:
        return None
    current = user.credentials_epoch if via == "token" else user.session_epoch
    if current != epoch:
        return None
    return Identity(user, via)


class PortalSecurityPolicy:
    """Sessions or bearer tokens for identity, ACLs for authorization."""

    def __init__(self) -> None:
        self.acl = ACLHelper()

    def identity(self, request) -> Identity | None:
        if _CACHE not in request.environ:
            request.environ[_CACHE] = _load_identity(request)
        return request.environ[_CACHE]

    def authenticated_userid(self, request) -> str | None:
        identity = self.identity(request)
        return identity.login if identity else None

    def effective_principals(self, request) -> list[str]:
        identity = self.identity(request)
        principals = [Everyone]
        if identity is None:
            return principals
        user = identity.user
        principals += [Authenticated, f"user:{user.login}"]
        principals += [f"role:{role}" for role in user.roles]
        providers = request.registry.sherloc_extensions.principals_providers
        for name in sorted(providers):
            principals.extend(providers[name](request, user))
        return principals

    def permits(self, request, context, permission):
        return self.acl.permits(context, self.effective_principals(request), permission)

    def remember(self, request, userid, **kw):
        """Start a fresh session for ``userid`` (rotated: no fixation)."""
        users = _portal_root(request)["users"]
        user = users[userid]
        session = request.session
        session.invalidate()
        session[SESSION_USER] = user.login
        session[SESSION_EPOCH] = user.session_epoch
        request.environ.pop(_CACHE, None)
        return []

    def forget(self, request, **kw):
        request.session.invalidate()
        request.environ.pop(_CACHE, None)
        return []


def reset_identity_cache(request) -> None:
    """Forget the cached identity (after a password change, say)."""
    request.environ.pop(_CACHE, None)


def csrf_applies(request) -> bool:
    """Whether an unsafe request must carry a CSRF token.

    CSRF rides on ambient credentials (cookies).  A request with a bearer
    token, or a JSON body, and no cookie at all cannot be forged by another
    site: browsers send neither cross-site without a CORS preflight, which
    the portal never grants.  Every other unsafe request is checked.
    """
    if request.headers.get("Cookie"):
        return True
    if bearer_token(request):
        return False
    return request.content_type != "application/json"


def includeme(config) -> None:
    settings = config.registry.sherloc_settings
    config.include(".passwords")
    config.set_session_factory(
        SignedCookieSessionFactory(
            settings.secret,
            cookie_name="sherloc_session",
            secure=settings.secure_cookies,
            httponly=True,
            samesite="Lax",
            timeout=settings.session_max_age,
            reissue_time=min(600, settings.session_max_age // 10),
            hashalg="sha512",
        )
    )
    config.set_csrf_storage_policy(SessionCSRFStoragePolicy())
    config.set_default_csrf_options(require_csrf=True, callback=csrf_applies)
    policy = PortalSecurityPolicy()
    config.registry.sherloc_security_policy = policy
    config.set_security_policy(policy)
    config.set_default_permission(Permission.NOBODY)
    config.add_request_method(
        lambda request: policy.effective_principals(request),
        "principals",
        reify=True,
    )
