"""Accounts of applicants (¶53(d), (e)), confirmed by e-mail.

Someone applying without an account gives the contact's name and e-mail:
an inactive account (role ``ngo``: stakeholders never enter the secure
area) is created and mailed a single-use link — the portal's invitation
link, whose page lets the person choose a password and activates the
account.  An application counts only once its account is active: the
list circulated to the States parties leaves out applications whose
e-mail was never confirmed by the cut-off (:func:`.acts.circulate`).
"""

from __future__ import annotations

import re
import time

from sherloc_portal.accounts.authenticate import portal_users
from sherloc_portal.accounts.links import INVITATION_PURPOSE
from sherloc_portal.accounts.mails import public_link, send_link_mail
from sherloc_portal.accounts.schemas import LOGIN_MAX_LENGTH, LOGIN_PATTERN
from sherloc_portal.accounts.security_log import log_event_on_commit
from sherloc_portal.forms import ActionRefused
from sherloc_portal.resources.users import User

from ..i18n import _

APPLICANT_ROLE = "ngo"
SUBJECT = _("Confirm your application to a SHERLOC constructive dialogue")
BODY = _(
    "An application to a constructive dialogue of the UNTOC review mechanism "
    "was made with this e-mail address. An account with the login ${login} "
    "was created for it.\n\n"
    "To confirm the address, choose your password within ${days} days:\n\n"
    "${link}\n\n"
    "The application counts only once the address is confirmed. If you did "
    "not apply, ignore this mail: the account stays inactive."
)


def _login_for(users, email: str) -> str:
    """A free login made from the e-mail's local part."""
    stem = re.sub(r"[^a-z0-9._-]", "-", email.split("@", 1)[0].lower()).strip("-._")
    stem = (stem or "applicant")[: LOGIN_MAX_LENGTH - 6]
    if not stem[0].isalnum():
        stem = f"a{stem}"
    login, n = stem, 1
    while login in users or not LOGIN_PATTERN.match(login):
        n += 1
        login = f"{stem}-{n}"
    return login


def applicant_account(request, email: str, fullname: str) -> User:
    """The inactive account of ``email`` (made, or one that applied before
    and never confirmed), mailed a confirmation link."""
    users = portal_users(request)
    email = (email or "").strip().lower()
    user = users.find_by_email(email)
    if user is not None and not _unconfirmed_applicant(user):
        raise ActionRefused(
            _("An account already uses this e-mail address: log in first, then apply."),
            "contact_email",
        )
    if user is None:
        user = User(_login_for(users, email), email=email, fullname=fullname.strip())
        user.roles = (APPLICANT_ROLE,)
        user.active = False
        users.add_user(user)
    # An address someone applied with and never confirmed is not taken for
    # good: each application mails it a fresh link (the old one dies), and
    # its owner, once confirmed, sees every application made with it and
    # withdraws what it did not make.
    user.invited_at = time.time()
    max_age = request.sherloc_settings.invitation_max_age
    token = users.onetime.issue(INVITATION_PURPOSE, user.login, max_age)
    link = public_link(request, request.route_path("invitation", token=token))
    send_link_mail(request, user, SUBJECT, BODY, link, max_age)
    log_event_on_commit(request, "applicant.account.created", login=user.login)
    return user


def applicant_login(request, organisation) -> str:
    """Who applies: the logged-in stakeholder, or the account of the
    organisation's contact address (made and mailed its link if need be)."""
    if request.identity is not None:
        return request.identity.login
    return applicant_account(
        request, organisation.contact_email, organisation.contact_name
    ).login


def _unconfirmed_applicant(user: User) -> bool:
    return (
        not user.active
        and not user.password_hash
        and tuple(user.roles) == (APPLICANT_ROLE,)
        and not user.state
    )


def confirmed(users, login: str) -> bool:
    """Whether ``login``'s account confirmed its e-mail (it is active)."""
    user = users.get(login)
    return user is not None and user.active
