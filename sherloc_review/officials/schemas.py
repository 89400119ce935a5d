"""Colander schemas of the officials forms (shared with a future API)."""

from __future__ import annotations

import colander
import deform

from sherloc_portal.accounts.schemas import STATE_ROLE_TITLES, InvitedPerson
from sherloc_portal.resources.users import STATE_ROLES

from ..i18n import _


def role_titles() -> dict[str, object]:
    """Each State office with its translatable title (¶18, ¶27)."""
    return dict(STATE_ROLE_TITLES)


def _role_node() -> colander.SchemaNode:
    return colander.SchemaNode(
        colander.String(),
        name="role",
        title=_("Role"),
        validator=colander.OneOf(STATE_ROLES),
        widget=deform.widget.SelectWidget(values=list(role_titles().items())),
    )


class InviteSchema(InvitedPerson):
    """Invite an official of a State: who, and which office.

    Whether the login or address is free is checked by the portal's
    :func:`~sherloc_portal.accounts.invitations.invite`, whose refusal names
    the field.
    """

    role = _role_node()


class RoleSchema(colander.Schema):
    """Change the role of one of the State's officials."""

    login = colander.SchemaNode(colander.String(), title=_("Login"))
    role = _role_node()


class MemberSchema(colander.Schema):
    """Name one of the State's officials (resend, remove)."""

    login = colander.SchemaNode(colander.String(), title=_("Login"))
