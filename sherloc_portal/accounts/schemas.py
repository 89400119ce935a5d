"""colander schemas of the accounts slice (shared by the pages and the API)."""

from __future__ import annotations

import re

import colander
import deform

from ..forms import CSRFSchema
from ..i18n import _
from ..security.acl import ADMIN, ROLES
from ..security.passwords import MIN_LENGTH

#: Logins are short and plain (a mail address is not a login).
LOGIN_MAX_LENGTH = 64
LOGIN_PATTERN = re.compile(rf"^[a-z0-9][a-z0-9._-]{{1,{LOGIN_MAX_LENGTH - 1}}}$")
#: RFC 5321's limit for a forward path; it also keeps headers and cookies small.
EMAIL_MAX_LENGTH = 254
FULLNAME_MAX_LENGTH = 200

ROLE_TITLES = {
    "admin": _("Administrator"),
    "secretariat": _("Secretariat"),
    "ngo": _("Non-governmental organization"),
    "chair": _("Chair"),
    "bureau": _("Bureau"),
}

STATE_ROLE_TITLES = {
    "focal": _("Focal point"),
    "expert": _("Governmental expert"),
    "observer": _("Observer"),
}


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _lower(value):
    return value.strip().lower() if isinstance(value, str) else value


def _password_node(title, name: str = "", autocomplete: str = "new-password"):
    return colander.SchemaNode(
        colander.String(),
        name=name,
        title=title,
        widget=deform.widget.PasswordWidget(attributes={"autocomplete": autocomplete}),
    )


def _new_password_node(title):
    node = _password_node(title)
    node.validator = colander.Length(
        min=MIN_LENGTH,
        min_err=_(
            "Choose a password of at least ${min} characters.",
            mapping={"min": MIN_LENGTH},
        ),
    )
    return node


def _passwords_match(form, value) -> None:
    if value["new_password"] != value["confirm_password"]:
        error = colander.Invalid(form)
        node = form["confirm_password"]
        error.add(
            colander.Invalid(node, _("The two passwords are not the same.")),
            form.children.index(node),
        )
        raise error


class LoginSchema(CSRFSchema):
    login = colander.SchemaNode(
        colander.String(),
        title=_("Login"),
        preparer=_strip,
        # Longer input cannot be a login: refused before any lookup.
        validator=colander.Length(max=LOGIN_MAX_LENGTH),
        widget=deform.widget.TextInputWidget(
            attributes={"autocomplete": "username", "autocapitalize": "none"}
        ),
    )
    password = _password_node(_("Password"), autocomplete="current-password")
    came_from = colander.SchemaNode(
        colander.String(), widget=deform.widget.HiddenWidget(), missing=""
    )


class NewPasswordSchema(CSRFSchema):
    """A new password typed twice (reset, invitation)."""

    new_password = _new_password_node(_("New password"))
    confirm_password = _password_node(_("New password again"))

    def __init__(self, *args, **kw) -> None:
        super().__init__(*args, validator=_passwords_match, **kw)


class ChangePasswordSchema(CSRFSchema):
    current_password = _password_node(
        _("Current password"), autocomplete="current-password"
    )
    new_password = _new_password_node(_("New password"))
    confirm_password = _password_node(_("New password again"))

    def __init__(self, *args, **kw) -> None:
        super().__init__(*args, validator=_passwords_match, **kw)


class ResetRequestSchema(CSRFSchema):
    identifier = colander.SchemaNode(
        colander.String(),
        title=_("Login or e-mail address"),
        preparer=_strip,
        validator=colander.Length(max=EMAIL_MAX_LENGTH),
        widget=deform.widget.TextInputWidget(attributes={"autocomplete": "username"}),
    )


@colander.deferred
def _role_choices(node, kw):
    return deform.widget.CheckboxChoiceWidget(
        values=[(role, ROLE_TITLES[role]) for role in grantable_roles(kw["request"])]
    )


@colander.deferred
def _role_validator(node, kw):
    return colander.ContainsOnly(grantable_roles(kw["request"]))


def grantable_roles(request) -> tuple[str, ...]:
    """Roles the requester may give: only administrators make administrators."""
    if ADMIN in request.principals:
        return ROLES
    return tuple(role for role in ROLES if role != "admin")


class InvitedPerson(CSRFSchema):
    """Who is invited: the fields every invitation form shares.

    The portal's ``/users`` form adds portal roles; the review add-on's
    officials form adds the State office.  Lengths are bounded so that no
    input can overflow an e-mail header or the session cookie.
    """

    login = colander.SchemaNode(
        colander.String(),
        title=_("Login"),
        description=_(
            "2 to 64 characters: lower-case letters, digits, dot, hyphen or "
            "underscore, starting with a letter or digit."
        ),
        preparer=_lower,
        validator=colander.Regex(
            LOGIN_PATTERN, _("Use only the characters described under the field.")
        ),
    )
    email = colander.SchemaNode(
        colander.String(),
        title=_("E-mail address"),
        preparer=_lower,
        validator=colander.All(
            colander.Length(max=EMAIL_MAX_LENGTH),
            colander.Email(_("Enter a valid e-mail address.")),
        ),
    )
    fullname = colander.SchemaNode(
        colander.String(),
        title=_("Full name"),
        preparer=_strip,
        validator=colander.Length(min=1, max=FULLNAME_MAX_LENGTH),
    )


class InviteSchema(InvitedPerson):
    roles = colander.SchemaNode(
        colander.Set(),
        title=_("Portal roles"),
        missing=(),
        widget=_role_choices,
        validator=_role_validator,
    )
