"""Colander schemas of the officials forms (shared with a future API)."""

from __future__ import annotations

import colander
import deform

from sherloc_portal.accounts.schemas import LOGIN_PATTERN, STATE_ROLE_TITLES
from sherloc_portal.forms import CSRFSchema
from sherloc_portal.resources.users import STATE_ROLES

from ..i18n import _


def role_titles() -> dict[str, object]:
    """Each State office with its translatable title (¶18, ¶27)."""
    return dict(STATE_ROLE_TITLES)


def _strip_lower(value):
    return value.strip().lower() if isinstance(value, str) else value


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _role_node() -> colander.SchemaNode:
    return colander.SchemaNode(
        colander.String(),
        name="role",
        title=_("Role"),
        validator=colander.OneOf(STATE_ROLES),
        widget=deform.widget.SelectWidget(values=list(role_titles().items())),
    )


class InviteSchema(CSRFSchema):
    """Invite an official of a State.

    Whether the login or address is free is checked by the portal's
    :func:`~sherloc_portal.accounts.invitations.invite`, whose refusal names
    the field.
    """

    login = colander.SchemaNode(
        colander.String(),
        title=_("Login"),
        description=_(
            "2 to 64 lower-case letters, digits, dots, hyphens or underscores."
        ),
        preparer=_strip_lower,
        validator=colander.Regex(
            LOGIN_PATTERN, _("Use only the characters described under the field.")
        ),
    )
    email = colander.SchemaNode(
        colander.String(),
        title=_("E-mail address"),
        preparer=_strip_lower,
        validator=colander.Email(msg=_("Enter a valid e-mail address.")),
    )
    fullname = colander.SchemaNode(
        colander.String(),
        title=_("Full name"),
        preparer=_strip,
        validator=colander.Length(min=1, max=200),
    )
    role = _role_node()


class RoleSchema(colander.Schema):
    """Change the role of one of the State's officials."""

    login = colander.SchemaNode(colander.String(), title=_("Login"))
    role = _role_node()


class MemberSchema(colander.Schema):
    """Name one of the State's officials (resend, remove)."""

    login = colander.SchemaNode(colander.String(), title=_("Login"))
