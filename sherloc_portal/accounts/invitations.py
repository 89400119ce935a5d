"""Invitations: an account created inactive, activated through a mailed link.

:func:`invite` and :func:`resend` are the generic building blocks; the review
add-on builds "the Secretariat invites a State's focal point, expert or
observer" (¶18, ¶27) on top of them.  The link is a single-use token of
``users.onetime`` (purpose ``invitation``) valid for
``sherloc.invitation_max_age`` seconds; resending issues a new token, which
kills the old link.  The invited person sees who invited them for what,
chooses a password, and is then active and logged in.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.security import NO_PERMISSION_REQUIRED, remember
from pyramid.view import view_config

from ..forms import ActionRefused, FormView
from ..i18n import _
from ..resources.users import STATE_ROLES, User
from ..security.acl import ROLES
from .account import set_password
from .authenticate import portal_users
from .flash import flash
from .links import INVITATION_PURPOSE, dead_link, no_referrer
from .mails import INVITATION_BODY, INVITATION_SUBJECT, public_link, send_link_mail
from .schemas import (
    LOGIN_PATTERN,
    ROLE_TITLES,
    STATE_ROLE_TITLES,
    NewPasswordSchema,
    grantable_roles,
)
from .security_log import log_event_on_commit

PURPOSE = INVITATION_PURPOSE


class InvitationRefused(ActionRefused):
    """The invitation cannot be made or resent (``field`` says which input)."""


def is_pending(user: User) -> bool:
    """Invited and not yet accepted (nor cancelled): its link still works."""
    return not user.active and not user.password_hash and not user.invitation_cancelled


def is_cancelled(user: User) -> bool:
    return not user.active and not user.password_hash and user.invitation_cancelled


def cancel_invitation(request, user: User) -> None:
    """Withdraw a pending invitation: the link dies at once."""
    portal_users(request).onetime.revoke(PURPOSE, user.login)
    user.invitation_cancelled = True
    user.revoke_credentials()
    log_event_on_commit(request, "invitation.cancelled", login=user.login)


def invite(
    request,
    *,
    login: str,
    email: str,
    fullname: str,
    roles: Iterable[str] = (),
    state: str = "",
    state_role: str = "",
) -> User:
    """Create an inactive account for ``login`` and mail it an invitation link.

    The mail is queued in the request's transaction (nothing is sent if it
    aborts).  The inviting user (``request.identity``) is recorded and shown
    to the invited person.

    :raises InvitationRefused: the login or e-mail is malformed or taken, or
        a role is unknown or beyond what the inviting user may give.
    """
    users = portal_users(request)
    login = users.normalize_login(login)
    email = email.strip().lower()
    roles = tuple(roles)
    if not LOGIN_PATTERN.match(login):
        raise InvitationRefused(_("This login is not allowed."), "login")
    if login in users:
        raise InvitationRefused(_("This login is already taken."), "login")
    if not email or users.find_by_email(email) is not None:
        raise InvitationRefused(
            _("Another account already uses this e-mail address."), "email"
        )
    if any(role not in ROLES for role in roles) or (
        state_role and state_role not in STATE_ROLES
    ):
        raise InvitationRefused(_("One of the roles is not known."), "roles")
    if not set(roles) <= set(grantable_roles(request)):
        raise InvitationRefused(
            _("Only administrators may give the administrator role."), "roles"
        )
    user = User(login, email=email, fullname=fullname.strip())
    user.roles = roles
    user.state = state.upper()
    user.state_role = state_role
    user.active = False
    identity = request.identity
    user.invited_by = identity.login if identity else ""
    user.invited_at = time.time()
    users.add_user(user)
    _send(request, user)
    return user


def resend(request, user: User) -> None:
    """Send a new invitation link to a pending or cancelled invitation.

    The old link dies; a cancelled invitation becomes pending again.
    """
    if not (is_pending(user) or is_cancelled(user)):
        raise InvitationRefused(_("This account has already accepted its invitation."))
    user.invitation_cancelled = False
    user.invited_at = time.time()
    _send(request, user)


def _send(request, user: User) -> None:
    max_age = request.sherloc_settings.invitation_max_age
    token = portal_users(request).onetime.issue(PURPOSE, user.login, max_age)
    path = request.route_path("invitation", token=token)
    send_link_mail(
        request,
        user,
        INVITATION_SUBJECT,
        INVITATION_BODY,
        public_link(request, path),
        max_age,
    )
    log_event_on_commit(request, "invitation.sent", login=user.login)


INVITATION_DEAD = _(
    "This invitation link has expired, has already been used, or was replaced "
    "by a newer one. Ask the person who invited you to send it again."
)


@view_config(
    route_name="invitation",
    renderer="sherloc_portal:templates/accounts/invitation.pt",
    permission=NO_PERMISSION_REQUIRED,
    request_method=("GET", "HEAD", "POST"),
)
class AcceptInvitationView(FormView):
    schema = NewPasswordSchema
    formid = "invitation-form"
    buttons = (deform.Button("accept", _("Accept and set my password")),)

    def __call__(self):
        no_referrer(self.request)
        self.user = self._invited_user()
        if self.user is None:
            return dead_link(self.request, INVITATION_DEAD, offer_reset=False)
        return super().__call__()

    def _invited_user(self) -> User | None:
        users = portal_users(self.request)
        login = users.onetime.peek(PURPOSE, self.request.matchdict["token"])
        user = users.get(login) if login else None
        return user if user is not None and is_pending(user) else None

    def values(self):
        user = self.user
        inviter = portal_users(self.request).get(getattr(user, "invited_by", ""))
        return {
            "page_title": _("Your invitation"),
            "invited": user,
            "inviter": (inviter.fullname or inviter.login) if inviter else "",
            "role_titles": [ROLE_TITLES.get(r, r) for r in user.roles],
            "state_role_title": STATE_ROLE_TITLES.get(user.state_role, ""),
        }

    def accept_success(self, appstruct):
        request = self.request
        users = portal_users(request)
        login = users.onetime.consume(PURPOSE, request.matchdict["token"])
        if login != self.user.login:
            return dead_link(request, INVITATION_DEAD, offer_reset=False)
        set_password(request, self.user, appstruct["new_password"])
        self.user.active = True
        remember(request, self.user.login)
        log_event_on_commit(request, "invitation.accepted", login=self.user.login)
        flash(request, _("Welcome! Your account is active and you are logged in."))
        return HTTPSeeOther(location=request.route_url("account"))
