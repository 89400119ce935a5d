"""The portal's Pyramid 2 security policy.

Identity comes either from a bearer token (``Authorization: Bearer …``, for
the JSON API) or from the signed session cookie (for HTML pages), never
both: a request carrying a bearer header is judged by the token alone.  The
user is re-loaded on every request; an inactive user, a session issued
before the user's last ``session_epoch`` change (logout, new password) or a
token issued before the last ``credentials_epoch`` change (new password,
deactivation) is anonymous.  Principals are computed once per request by
the registered providers.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from pyramid.authorization import ACLHelper, Authenticated, Everyone
from pyramid.csrf import SessionCSRFStoragePolicy
from pyramid.request import RequestLocalCache
from pyramid.session import SignedCookieSessionFactory
from pyramid.viewderivers import INGRESS, csrf_view

from ..resources.root import portal_root
from .permissions import Permission

SESSION_USER = "auth.userid"
SESSION_EPOCH = "auth.epoch"
SESSION_ISSUED = "auth.issued"


@dataclass(frozen=True)
class Identity:
    """Who is asking, and by which road (``session`` or ``token``)."""

    user: object
    via: str

    @property
    def login(self) -> str:
        return self.user.login


def principals_of(request, user) -> list[str]:
    """The principals ``user`` has on a request of its own: the portal's
    roles and every registered principals provider, from stored data (an
    inactive account has none but Everyone).  Also for deciding what to
    tell an account other than the requester (e-mail notices)."""
    if not user.active:
        return [Everyone]
    principals = [Everyone, Authenticated, f"user:{user.login}"]
    principals += [f"role:{role}" for role in user.roles]
    providers = request.registry.sherloc_extensions.principals_providers
    for name in sorted(providers):
        principals.extend(providers[name](request, user))
    return principals


def bearer_token(request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def _load_identity(request) -> Identity | None:
    root = portal_root(request)
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
        issued = session.get(SESSION_ISSUED, 0)
        if time.time() - issued > request.sherloc_settings.session_lifetime:
            return None
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
        # Cached per request *object*, never in the environ: pyramid_retry
        # reuses the environ for a retried attempt, whose new connection must
        # load the user afresh (the old attempt's objects belong to a
        # connection that went back to the pool).
        self._identities = RequestLocalCache(_load_identity)
        # Every permission check of a page (nav tabs, links) needs them.
        self._principals = RequestLocalCache(self._compute_principals)

    def identity(self, request) -> Identity | None:
        return self._identities.get_or_create(request)

    def authenticated_userid(self, request) -> str | None:
        identity = self.identity(request)
        return identity.login if identity else None

    def effective_principals(self, request) -> list[str]:
        return self._principals.get_or_create(request)

    def _compute_principals(self, request) -> list[str]:
        identity = self.identity(request)
        return principals_of(request, identity.user) if identity else [Everyone]

    def permits(self, request, context, permission):
        return self.acl.permits(context, self.effective_principals(request), permission)

    def remember(self, request, userid, **kw):
        """Start a fresh session for ``userid`` (rotated: no fixation)."""
        users = portal_root(request)["users"]
        user = users[userid]
        session = request.session
        session.invalidate()
        session[SESSION_USER] = user.login
        session[SESSION_EPOCH] = user.session_epoch
        session[SESSION_ISSUED] = time.time()
        self._forget_cached(request)
        return []

    def forget(self, request, **kw):
        request.session.invalidate()
        self._forget_cached(request)
        return []

    def _forget_cached(self, request) -> None:
        self._identities.clear(request)
        self._principals.clear(request)


#: Set on the request object (not the environ, which a retry reuses).
_CSRF_DECIDED = "_sherloc_csrf_decided"
#: What a cross-site form or no-cors fetch can send without a preflight.
_FORGEABLE_TYPES = frozenset(
    {"", "application/x-www-form-urlencoded", "multipart/form-data", "text/plain"}
)


def csrf_before_authorization(view, info):
    """Run Pyramid's own CSRF check *before* the permission check.

    Pyramid places its CSRF deriver under ``secured_view``, so a forged
    POST to a page the victim may not use would be answered "forbidden"
    (or a login redirect) rather than "bad CSRF token": the check must come
    first (STYLE.md §5).  This deriver wraps the view in Pyramid's own
    ``csrf_view`` with the same defaults and marks the request as decided,
    which makes the built-in deriver further down stand aside.
    """

    def decided(context, request):
        setattr(request, _CSRF_DECIDED, True)
        return view(context, request)

    guarded = csrf_view(decided, info)
    return view if guarded is decided else guarded


csrf_before_authorization.options = ("require_csrf",)


def csrf_applies(request) -> bool:
    """Whether an unsafe request must carry a CSRF token.

    A request that carries a cookie is always checked.  Without any cookie,
    only what another site can make a browser send without a CORS
    preflight (which the portal never grants) is checked: a POST with a
    form's content type — a login form, say.  A bearer token, a JSON body
    or a DELETE/PUT cannot be forged that way.
    """
    if getattr(request, _CSRF_DECIDED, False):
        return False
    if request.headers.get("Cookie"):
        return True
    if bearer_token(request):
        return False
    return request.method == "POST" and request.content_type in _FORGEABLE_TYPES


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
    config.add_view_deriver(
        csrf_before_authorization, under=INGRESS, over="secured_view"
    )
    policy = PortalSecurityPolicy()
    config.registry.sherloc_security_policy = policy
    config.set_security_policy(policy)
    config.set_default_permission(Permission.NOBODY)
    config.add_request_method(
        lambda request: policy.effective_principals(request),
        "principals",
        reify=True,
    )
