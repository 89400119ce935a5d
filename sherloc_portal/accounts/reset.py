"""Password reset: ask for a link, then set a new password through it.

The request page gives the same answer whether or not an account matches
(no account enumeration) and is throttled per client address and per
identifier typed.  The link is a single-use token of ``users.onetime``
(purpose ``reset``) that expires after ``sherloc.reset_max_age`` seconds.
"""

from __future__ import annotations

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config

from ..forms import ActionRefused, FormView
from ..i18n import _
from . import throttle
from .account import set_password
from .authenticate import minutes_to_wait, portal_users
from .flash import flash
from .links import RESET_PURPOSE, dead_link, no_referrer
from .mails import RESET_BODY, RESET_SUBJECT, public_link, send_link_mail
from .schemas import NewPasswordSchema, ResetRequestSchema
from .security_log import client_address, log_event, log_event_on_commit

PURPOSE = RESET_PURPOSE

#: Sent to every request for a link, whether or not an account matched.
SENT_MESSAGE = _(
    "If an account matches what you entered, a mail with a link to choose a "
    "new password is on its way. The link works once and expires soon."
)


@view_config(
    route_name="password_reset",
    renderer="sherloc_portal:templates/forms/form_page.pt",
    permission=NO_PERMISSION_REQUIRED,
    request_method=("GET", "HEAD", "POST"),
)
class ResetRequestView(FormView):
    schema = ResetRequestSchema
    formid = "reset-request-form"
    buttons = (deform.Button("send", _("Send me a link")),)

    def values(self):
        return {
            "page_title": _("Forgot your password?"),
            "intro": _(
                "Enter your login or e-mail address. We will send a link to "
                "choose a new password to the address of your account."
            ),
        }

    def send_success(self, appstruct):
        request = self.request
        identifier = appstruct["identifier"].lower()
        keys = (f"reset:{identifier}", f"reset-addr:{client_address(request)}")
        settings = request.sherloc_settings
        until = throttle.retry_after(
            request, keys[1:], settings.login_attempts_per_address
        )
        if until is not None:
            log_event(request, "reset.throttled", identifier=identifier)
            raise ActionRefused(
                _(
                    "Too many requests for a new password came from your "
                    "network. Try again in ${minutes} minutes.",
                    mapping={"minutes": minutes_to_wait(until)},
                )
            )
        throttled = (
            throttle.retry_after(request, keys[:1], settings.login_attempts) is not None
        )
        throttle.record(request, keys)
        users = portal_users(request)
        user = users.by_login(identifier) or users.find_by_email(identifier)
        log_event(
            request,
            "reset.requested",
            identifier=identifier,
            matched=user is not None,
            sent=bool(user and user.active and user.email and not throttled),
        )
        # The account's own limit is silent: saying "too many" here would
        # tell a stranger that the identifier is an account.
        if user is not None and user.active and user.email and not throttled:
            max_age = request.sherloc_settings.reset_max_age
            token = users.onetime.issue(PURPOSE, user.login, max_age)
            link = public_link(
                request, request.route_path("password_reset_link", token=token)
            )
            send_link_mail(request, user, RESET_SUBJECT, RESET_BODY, link, max_age)
        flash(request, SENT_MESSAGE)
        return HTTPSeeOther(location=request.route_url("login"))


@view_config(
    route_name="password_reset_link",
    renderer="sherloc_portal:templates/forms/form_page.pt",
    permission=NO_PERMISSION_REQUIRED,
    request_method=("GET", "HEAD", "POST"),
)
class ResetPasswordView(FormView):
    schema = NewPasswordSchema
    formid = "reset-form"
    buttons = (deform.Button("save", _("Set the new password")),)

    def __call__(self):
        no_referrer(self.request)
        token = self.request.matchdict["token"]
        if portal_users(self.request).onetime.peek(PURPOSE, token) is None:
            return dead_link(self.request)
        return super().__call__()

    def values(self):
        return {"page_title": _("Choose a new password")}

    def save_success(self, appstruct):
        request = self.request
        users = portal_users(request)
        login = users.onetime.consume(PURPOSE, request.matchdict["token"])
        user = users.get(login) if login else None
        if user is None or not user.active:
            return dead_link(request)
        set_password(request, user, appstruct["new_password"])
        log_event_on_commit(request, "password.reset", login=user.login)
        flash(request, _("Your new password is set. Log in with it now."))
        return HTTPSeeOther(location=request.route_url("login"))
