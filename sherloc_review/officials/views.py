"""Pages of the officials slice: a State's officials, invitations, ¶52.

``/review/officials`` lists the States for the Secretariat;
``/review/officials/ISO3`` shows a State's officials with the forms to
invite (¶18, ¶27), resend, change a role, remove, and register the State as
volunteering to be reviewed (¶52).  Every change writes the account and the
index in the same transaction.
"""

from __future__ import annotations

import colander
import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from sherloc_portal.accounts.flash import flash
from sherloc_portal.accounts.invitations import (
    cancel_invitation,
    invite,
    is_cancelled,
    is_pending,
    resend,
)
from sherloc_portal.forms import ActionRefused, FormView

from ..i18n import _
from ..permissions import ReviewPermission
from ..states.resources import State
from .permissions import OfficialsPermission
from .resources import (
    INDEX_NAME,
    OfficialsIndex,
    StateOfficials,
    is_signatory,
)
from .schemas import InviteSchema, MemberSchema, RoleSchema, role_titles

PAGE = "sherloc_review:templates/officials/state.pt"
INDEX_PAGE = "sherloc_review:templates/officials/index.pt"


def _submitted(request, schema: colander.Schema) -> dict:
    return {node.name: request.POST.get(node.name, colander.null) for node in schema}


def _page(context: StateOfficials, request, error=None) -> dict:
    translate = request.translate
    state = context.state
    officials = context.accounts(request.root["users"])
    titles = {role: translate(title) for role, title in role_titles().items()}
    return {
        "page_title": translate(
            _("Officials of ${state}", mapping={"state": state.name})
        ),
        "state": state,
        "officials": officials,
        "pending": {user.login for user in officials if is_pending(user)},
        "cancelled": {user.login for user in officials if is_cancelled(user)},
        "role_titles": titles,
        "can_manage": request.has_permission(OfficialsPermission.MANAGE, context),
        "can_volunteer": request.has_permission(OfficialsPermission.VOLUNTEER, context),
        "signatory": is_signatory(state),
        "volunteer": bool(getattr(state, "volunteer", False)),
        "volunteer_by": context.volunteer_by,
        "error": translate(error) if error is not None else None,
    }


def _refused(context, request, message) -> dict:
    request.response.status = 400
    return _page(context, request, error=message)


def _done(context, request, message) -> HTTPSeeOther:
    flash(request, message)
    return HTTPSeeOther(location=request.resource_url(context))


def _member(context: StateOfficials, request, schema: colander.Schema):
    """The account named by the form, which must be one of this State's."""
    try:
        data = schema.deserialize(_submitted(request, schema))
    except colander.Invalid as error:
        raise ActionRefused(
            _("The form was incomplete; nothing was changed.")
        ) from error
    user = request.root["users"].get(data["login"])
    if (
        user is None
        or data["login"] not in context.members
        or (user.state != context.iso3)
    ):
        raise ActionRefused(_("This person is not an official of this State."))
    return user, data


@view_config(
    context=OfficialsIndex,
    renderer=INDEX_PAGE,
    permission=OfficialsPermission.MANAGE,
    request_method=("GET", "HEAD"),
)
def officials_index(context, request):
    states = context.__parent__.get("states")
    rows = []
    for state in states.values() if states is not None else ():
        entry = context.get(state.iso3)
        rows.append(
            {
                "iso3": state.iso3,
                "name": state.name,
                "count": len(entry.members) if entry is not None else 0,
                "url": request.resource_url(context, state.iso3),
            }
        )
    rows.sort(key=lambda row: str(row["name"]))
    return {
        "page_title": request.translate(_("Officials of the States")),
        "rows": rows,
    }


@view_config(
    context=State,
    name="officials",
    permission=ReviewPermission.REFERENCE_VIEW,
    request_method=("GET", "HEAD"),
)
def officials_of_state(context, request):
    """``/review/states/ISO3/officials``: the State's officials page.

    State pages belong to the states slice; this link lets them point here
    without knowing where the index lives.  The target checks its own ACL.
    """
    mechanism = context.__parent__.__parent__
    target = request.resource_url(mechanism[INDEX_NAME][context.iso3])
    return HTTPSeeOther(location=target)


@view_config(
    context=StateOfficials,
    renderer=PAGE,
    permission=OfficialsPermission.VIEW,
    request_method=("GET", "HEAD"),
)
def state_officials(context, request):
    return _page(context, request)


@view_config(
    context=StateOfficials,
    name="invite",
    renderer="sherloc_portal:templates/forms/form_page.pt",
    permission=OfficialsPermission.MANAGE,
    request_method=("GET", "HEAD", "POST"),
)
class InviteView(FormView):
    """Create an inactive account for the State and mail it an invitation."""

    schema = InviteSchema
    formid = "invite"
    failure_status = 400
    buttons = (deform.Button("invite", _("Send the invitation")),)

    def values(self) -> dict:
        translate = self.request.translate
        return {
            "page_title": translate(
                _(
                    "Invite an official of ${state}",
                    mapping={"state": self.context.state.name},
                )
            ),
            "intro": translate(
                _(
                    "The person receives an e-mail with a link, valid for a "
                    "limited time, to choose a password. Focal points "
                    "coordinate the State's participation (¶18); governmental "
                    "experts take part in the review (¶27); observers may read "
                    "but not write."
                )
            ),
        }

    def invite_success(self, appstruct: dict) -> HTTPSeeOther:
        context, request = self.context, self.request
        # A login or address already taken is refused on its field (400).
        user = invite(
            request,
            login=appstruct["login"],
            email=appstruct["email"],
            fullname=appstruct["fullname"],
            state=context.iso3,
            state_role=appstruct["role"],
        )
        context.__parent__.enrol(user)
        return _done(
            context,
            request,
            _(
                "An invitation was sent to ${email}.",
                mapping={"email": user.email},
            ),
        )


@view_config(
    context=StateOfficials,
    name="resend",
    renderer=PAGE,
    permission=OfficialsPermission.MANAGE,
    request_method="POST",
)
def resend_invitation(context, request):
    """Send a fresh link; the previous one stops working."""
    try:
        user, _data = _member(context, request, MemberSchema())
        resend(request, user)
    except ActionRefused as refusal:  # not this State's, or already accepted
        return _refused(context, request, refusal.message)
    return _done(
        context,
        request,
        _("A new invitation was sent to ${email}.", mapping={"email": user.email}),
    )


@view_config(
    context=StateOfficials,
    name="role",
    renderer=PAGE,
    permission=OfficialsPermission.MANAGE,
    request_method="POST",
)
def change_role(context, request):
    """A new role takes effect on the official's next request (no re-login)."""
    try:
        user, data = _member(context, request, RoleSchema())
    except ActionRefused as refusal:
        return _refused(context, request, refusal.message)
    user.state_role = data["role"]
    context.__parent__.enrol(user)
    return _done(
        context,
        request,
        _(
            "${name} is now: ${role}.",
            mapping={
                "name": user.fullname or user.login,
                "role": request.translate(role_titles()[data["role"]]),
            },
        ),
    )


@view_config(
    context=StateOfficials,
    name="remove",
    renderer=PAGE,
    permission=OfficialsPermission.MANAGE,
    request_method="POST",
)
def remove_official(context, request):
    """The account stays, without the State: its State access ends at once.

    A pending invitation is cancelled too: someone invited by mistake must
    not be able to join later.
    """
    try:
        user, _data = _member(context, request, MemberSchema())
    except ActionRefused as refusal:
        return _refused(context, request, refusal.message)
    context.__parent__.withdraw(context.iso3, user.login)
    user.state = ""
    user.state_role = ""
    name = {"name": user.fullname or user.login}
    if not is_pending(user):
        message = _("${name} is no longer an official of this State.", mapping=name)
        return _done(context, request, message)
    cancel_invitation(request, user)
    message = _(
        "${name} is no longer an official of this State, and the invitation "
        "sent to them is cancelled: its link no longer works.",
        mapping=name,
    )
    return _done(context, request, message)


@view_config(
    context=StateOfficials,
    name="volunteer",
    renderer=PAGE,
    permission=OfficialsPermission.VOLUNTEER,
    request_method="POST",
)
def register_volunteer(context, request):
    """Record that a signatory volunteers to be reviewed (¶52)."""
    state = context.state
    if not is_signatory(state):
        return _refused(
            context,
            request,
            _(
                "${state} is not a signatory of the Convention or of any of its "
                "Protocols: under ¶52 only a signatory may volunteer to take "
                "part as a State under review.",
                mapping={"state": state.name},
            ),
        )
    if not state.volunteer:
        state.volunteer = True
        context.__parent__.record_volunteer(context.iso3, request.identity.login)
    return _done(
        context,
        request,
        _(
            "${state} is registered as volunteering to take part as a State "
            "under review (¶52).",
            mapping={"state": state.name},
        ),
    )
