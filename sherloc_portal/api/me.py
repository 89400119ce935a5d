"""``/api/v1/me``: who the request acts as."""

from __future__ import annotations

from ..security.permissions import Permission
from .schemas import MeResponse
from .service import api_service

me = api_service("api.me", "/me", description="The account making the request.")


@me.get(
    permission=Permission.ACCOUNT_EDIT_OWN,
    response_schemas={"200": MeResponse(description="The account.")},
)
def whoami(request):
    """Login, portal roles and State office of the requesting account."""
    user = request.identity.user
    return {
        "login": user.login,
        "fullname": user.fullname,
        "roles": list(user.roles),
        "state": user.state or None,
        "state_role": user.state_role or None,
    }
