"""``/account``: who I am, and changing my password."""

from __future__ import annotations

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.security import remember
from pyramid.view import view_config

from ..forms import ActionRefused, FormView
from ..i18n import _
from ..security.permissions import Permission
from .authenticate import CREDENTIALS, LoginRefused, authenticate, portal_users
from .flash import flash
from .links import RESET_PURPOSE
from .schemas import ROLE_TITLES, STATE_ROLE_TITLES, ChangePasswordSchema
from .security_log import log_event_on_commit


def set_password(request, user, password: str) -> None:
    """Store a new password and end every session, token and reset link."""
    user.password_hash = request.registry.sherloc_passwords.hash(password)
    user.revoke_credentials()
    # A reset link asked for before this change must not undo it.
    portal_users(request).onetime.revoke(RESET_PURPOSE, user.login)


@view_config(
    route_name="account",
    renderer="sherloc_portal:templates/accounts/account.pt",
    permission=Permission.ACCOUNT_EDIT_OWN,
    request_method=("GET", "HEAD", "POST"),
)
class AccountView(FormView):
    schema = ChangePasswordSchema
    formid = "password-form"
    buttons = (deform.Button("change", _("Change password")),)

    def values(self):
        user = self.request.identity.user
        return {
            "page_title": _("My account"),
            "user": user,
            "role_titles": [ROLE_TITLES.get(r, r) for r in user.roles],
            "state_role_title": STATE_ROLE_TITLES.get(user.state_role, ""),
        }

    def change_success(self, appstruct):
        request = self.request
        user = request.identity.user
        try:
            authenticate(request, user.login, appstruct["current_password"])
        except LoginRefused as refusal:
            if refusal.reason == CREDENTIALS:
                raise ActionRefused(
                    _("The current password is not correct."), "current_password"
                ) from None
            raise
        set_password(request, user, appstruct["new_password"])
        # The session continues under the new epoch; every other one ends.
        remember(request, user.login)
        log_event_on_commit(request, "password.changed", login=user.login)
        flash(request, _("Your password has been changed. Other sessions have ended."))
        return HTTPSeeOther(location=request.route_url("account"))
