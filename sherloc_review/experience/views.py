"""``phase-N/experience``: the State under review's experience of
completing the questionnaires (¶42), and its sharing.

Its officials draft the text on the page once a self-assessment of the
phase was submitted (``save``: a save over an older revision comes back
with both texts, 409); its focal point shares it, confirming the version
it read (``share``), or stops sharing (``unshare``).  Once shared, every
State party's officials read the page.
"""

from __future__ import annotations

import colander
from pyramid.view import view_config

from sherloc_portal.forms import ActionRefused

from ..dialogue import forms
from ..dialogue.forms import FormErrors
from ..draws.views import state_name
from ..i18n import _
from ..labels import stamp
from ..numbers import WholeNumber
from ..responses.access import mechanism_of
from ..versioned import Stale, Version
from .acts import save, share, submitted, unshare
from .permissions import ExperiencePermission as P
from .resources import Experience

PAGE = "sherloc_review:templates/experience/index.pt"
CONFIRMED = "yes"


def _revision() -> colander.SchemaNode:
    return colander.SchemaNode(
        WholeNumber(), validator=colander.Range(min=0, max=10**9)
    )


class TextSchema(colander.MappingSchema):
    text = colander.SchemaNode(colander.String(), missing="")
    revision = _revision()


def _confirm() -> colander.SchemaNode:
    return colander.SchemaNode(colander.String(), missing="")


class ShareSchema(colander.MappingSchema):
    revision = _revision()
    confirm = _confirm()


class UnshareSchema(colander.MappingSchema):
    confirm = _confirm()


def _confirmed(values: dict, message) -> None:
    """A box left unticked comes back on its field."""
    if values["confirm"] != CONFIRMED:
        raise ActionRefused(message, "confirm")


def _page(
    context: Experience,
    request,
    failure: FormErrors | None = None,
    conflict: Version | None = None,
) -> dict:
    mechanism = mechanism_of(context)
    text = context.text
    can_edit = bool(request.has_permission(P.EDIT, context))
    # The State's officials and the Secretariat read the working text; the
    # other States parties the version shared with them.
    working = bool(request.has_permission(P.VIEW_WORKING, context))
    return {
        "page_title": request.translate(
            _(
                "Experience of completing the questionnaires: ${state}, phase ${phase}",
                mapping={
                    "state": state_name(mechanism["states"], context.country.iso3),
                    "phase": context.phase.number,
                },
            )
        ),
        "experience": context,
        "phase": context.phase,
        "current": text.current if working else context.shared_version(),
        "shared_revision": context.shared_revision if working else 0,
        "revision": conflict.number if conflict is not None else text.revision,
        "shared": context.shared_at is not None,
        "submitted": submitted(context),
        "can_edit": can_edit,
        "can_share": bool(request.has_permission(P.SHARE, context)),
        "conflict": conflict,
        "values": failure.values if failure is not None else {},
        "errors": failure.errors if failure is not None else {},
        "stamp": stamp,
    }


@view_config(
    context=Experience,
    renderer=PAGE,
    permission=P.VIEW,
    request_method=("GET", "HEAD"),
)
def experience_page(context: Experience, request):
    return _page(context, request)


def _acted(context: Experience, request, schema, act, done):
    """:func:`forms.acted`, and a stale revision back as 409 with the text
    saved meanwhile beside the writer's own."""
    try:
        return forms.acted(request, context, schema, _page, act, done)
    except Stale as stale:
        request.tm.doom()
        request.response.status = 409
        failure = FormErrors(
            {"text": request.POST.get("text", "")},
            {
                "": request.translate(
                    _(
                        "Someone saved the text meanwhile: compare it with yours "
                        "below before going on."
                    )
                )
            },
        )
        return _page(context, request, failure, stale.current)


@view_config(
    context=Experience,
    name="save",
    renderer=PAGE,
    permission=P.EDIT,
    request_method="POST",
)
def save_text(context: Experience, request):
    def act(values: dict) -> str:
        at = request.clock.now().timestamp()
        save(context, values["text"], request.identity.login, values["revision"], at)
        return request.resource_url(context)

    return _acted(context, request, TextSchema(), act, _("The text is saved."))


@view_config(
    context=Experience,
    name="share",
    renderer=PAGE,
    permission=P.SHARE,
    request_method="POST",
)
def share_text(context: Experience, request):
    def act(values: dict) -> str:
        _confirmed(values, _("Confirm that every State party may read it."))
        share(
            mechanism_of(context),
            context,
            request.identity.login,
            values["revision"],
            request.clock.today(),
            request.clock.now().timestamp(),
        )
        return request.resource_url(context)

    return _acted(
        context,
        request,
        ShareSchema(),
        act,
        _("Shared: every State party's officials may read it (¶42)."),
    )


@view_config(
    context=Experience,
    name="unshare",
    renderer=PAGE,
    permission=P.SHARE,
    request_method="POST",
)
def unshare_text(context: Experience, request):
    def act(values: dict) -> str:
        _confirmed(values, _("Confirm that the other States stop reading it."))
        unshare(mechanism_of(context), context)
        return request.resource_url(context)

    return _acted(
        context,
        request,
        UnshareSchema(),
        act,
        _("No longer shared: only your State and the Secretariat read it."),
    )
