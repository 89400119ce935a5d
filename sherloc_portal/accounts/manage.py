"""``/users``: the accounts management page (administrators, Secretariat).

A paged list of accounts with their status, an invitation form, and per
account the buttons that apply: resend a pending invitation, deactivate an
active account (which ends its sessions and tokens), reactivate one.
"""

from __future__ import annotations

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from ..forms import FormView
from ..i18n import _
from ..resources.users import User, Users
from ..security.permissions import Permission
from .authenticate import portal_users
from .flash import flash
from .invitations import (
    InvitationRefused,
    cancel_invitation,
    invite,
    is_cancelled,
    is_pending,
    resend,
)
from .links import RESET_PURPOSE
from .schemas import ROLE_TITLES, InviteSchema
from .security_log import log_event_on_commit

PAGE_SIZE = 50


def _start(request) -> int:
    try:
        return max(0, int(request.GET.get("start", 0)))
    except ValueError:
        return 0


def account_status(user: User):
    if user.active:
        return _("Active")
    if is_pending(user):
        return _("Invitation pending")
    if is_cancelled(user):
        return _("Invitation cancelled")
    return _("Deactivated")


@view_config(
    context=Users,
    renderer="sherloc_portal:templates/accounts/users.pt",
    permission=Permission.ACCOUNTS_MANAGE,
    request_method=("GET", "HEAD", "POST"),
)
class UsersView(FormView):
    schema = InviteSchema
    formid = "invite-form"
    buttons = (deform.Button("invite", _("Send the invitation")),)

    def values(self):
        start = _start(self.request)
        users = self.context
        return {
            "page_title": _("Accounts"),
            "accounts": users.page(start, PAGE_SIZE),
            "status": account_status,
            "is_pending": is_pending,
            "is_cancelled": is_cancelled,
            # Buttons only where they would be allowed (not on an
            # administrator's account for the Secretariat).
            "can_manage": lambda account: self.request.has_permission(
                Permission.ACCOUNTS_MANAGE, account
            ),
            "role_titles": ROLE_TITLES,
            "previous_start": max(0, start - PAGE_SIZE) if start else None,
            "next_start": start + PAGE_SIZE if start + PAGE_SIZE < len(users) else None,
            "me": self.request.identity.login,
        }

    def invite_success(self, appstruct):
        request = self.request
        user = invite(
            request,
            login=appstruct["login"],
            email=appstruct["email"],
            fullname=appstruct["fullname"],
            roles=sorted(appstruct["roles"]),
        )
        flash(
            request,
            _(
                "The invitation to ${login} has been sent.",
                mapping={"login": user.login},
            ),
        )
        return HTTPSeeOther(location=request.resource_url(self.context))


def _account_action(name: str) -> view_config:
    """A button of the ``/users`` page acting on one account (a POST)."""
    return view_config(
        context=User,
        name=name,
        request_method="POST",
        permission=Permission.ACCOUNTS_MANAGE,
    )


def _back(request, user: User, message) -> HTTPSeeOther:
    flash(request, message)
    return HTTPSeeOther(location=request.resource_url(user.__parent__))


@_account_action("resend-invitation")
def resend_invitation(context, request):
    try:
        resend(request, context)
    except InvitationRefused as refusal:
        return _back(request, context, refusal.message)
    message = _(
        "A new invitation has been sent to ${login}; the previous link no "
        "longer works.",
        mapping={"login": context.login},
    )
    return _back(request, context, message)


@_account_action("deactivate")
def deactivate(context, request):
    """Deactivate an account: its sessions, API tokens and links end at once.

    On an invitation not yet accepted, this cancels the invitation (and
    says so).
    """
    if context.login == request.identity.login:
        return _back(request, context, _("You cannot deactivate your own account."))
    if is_pending(context) or is_cancelled(context):
        return cancel(context, request)
    if context.active:
        context.active = False
        context.revoke_credentials()
        portal_users(request).onetime.revoke(RESET_PURPOSE, context.login)
        log_event_on_commit(request, "account.deactivated", login=context.login)
    message = _(
        "The account ${login} is deactivated.", mapping={"login": context.login}
    )
    return _back(request, context, message)


@_account_action("cancel-invitation")
def cancel(context, request):
    """Withdraw an invitation sent to a wrong address, say: its link dies."""
    if not is_pending(context):
        return _back(request, context, _("There is no pending invitation to cancel."))
    cancel_invitation(request, context)
    message = _(
        "The invitation of ${login} is cancelled: its link no longer works.",
        mapping={"login": context.login},
    )
    return _back(request, context, message)


@_account_action("reactivate")
def reactivate(context, request):
    if is_pending(context) or is_cancelled(context):
        return _back(
            request,
            context,
            _("This account has not accepted its invitation yet: resend it instead."),
        )
    if not context.active:
        context.active = True
        log_event_on_commit(request, "account.reactivated", login=context.login)
    message = _(
        "The account ${login} is active again.", mapping={"login": context.login}
    )
    return _back(request, context, message)
