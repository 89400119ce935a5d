"""``/api/v1/tokens``: exchange a login and password for a bearer token.

The password check, its throttling and its security log are the login
form's (:func:`sherloc_portal.accounts.authenticate.authenticate`): the API
is one more door to the same check, never a second one.  A refused login is
answered 401 with cornice's error body and a ``WWW-Authenticate`` challenge
(wrong login or password, inactive account), or 429 with ``Retry-After``
while logins are paused after too many failures.  401 rather than 403: the
request lacks valid credentials; it is not a known user being refused.
Issuing and revoking a token are security events (SECURITY.md §9), logged
once the transaction that stores the change has committed.
"""

from __future__ import annotations

import colander
from pyramid.security import NO_PERMISSION_REQUIRED

from ..accounts.authenticate import THROTTLED, LoginRefused, authenticate
from ..accounts.security_log import log_event_on_commit
from ..i18n import _
from ..security.permissions import Permission
from ..security.policy import bearer_token
from ..security.tokens import token_store
from .schemas import TokenCreated, TokenRequest, error_response
from .service import api_service
from .validation import refuse, validate_request

tokens = api_service(
    "api.tokens",
    "/tokens",
    description="Bearer tokens for API clients.",
)
current_token = api_service(
    "api.tokens.current",
    "/tokens/current",
    description="The bearer token this request is made with.",
)


@tokens.post(
    schema=TokenRequest(),
    validators=(validate_request,),
    permission=NO_PERMISSION_REQUIRED,
    response_schemas={
        "201": TokenCreated(description="The token; it works until it expires."),
        "401": error_response(
            "Login refused: wrong login or password, or inactive account."
        ),
        "429": error_response(
            "Too many failed attempts for this login or from this address: "
            "logging in is paused for the seconds the Retry-After header says."
        ),
    },
)
def issue_token(request):
    """Issue a bearer token for the account with this login and password.

    The token ends when it expires, when it is revoked, and when the
    account's password changes or the account is deactivated.
    """
    body = request.validated["body"]
    try:
        user = authenticate(request, body["login"], body["password"])
    except LoginRefused as refused:
        status = 401
        if refused.reason == THROTTLED:
            status = 429
            request.response.headers["Retry-After"] = str(refused.retry_after)
        refuse(request, status, "body", "password", refused.message)
        return None
    token = token_store(request.root).issue(
        user, request.sherloc_settings.token_max_age
    )
    log_event_on_commit(request, "api.token.issued", login=user.login)
    request.response.status = 201
    return {"token": token}


@current_token.delete(
    permission=Permission.ACCOUNT_EDIT_OWN,
    response_schemas={
        "204": colander.MappingSchema(description="The token no longer works."),
    },
)
def revoke_token(request):
    """Revoke the bearer token this request is authenticated with."""
    token = bearer_token(request)
    if token is None:
        refuse(
            request,
            400,
            "header",
            "Authorization",
            _("This request carries no bearer token to revoke."),
        )
        return None
    token_store(request.root).revoke(token)
    log_event_on_commit(request, "api.token.revoked", login=request.identity.login)
    request.response.status = 204
    return None
