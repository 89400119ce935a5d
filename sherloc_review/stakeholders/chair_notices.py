"""The mail telling registrants that a dialogue is not convened (¶53(f)).

Each registrant whose application was still in course is told, in its
language, that the chair decided not to convene the dialogue, with a link
to its public page, where the chair's reason is shown.  The mail carries
the link, not the reason (SECURITY.md §11: mails carry links).  It is
queued in the request's transaction and leaves only if the decision
commits; ``Registration.told`` records it, so nothing tells it twice.
"""

from __future__ import annotations

from sherloc_portal.accounts.authenticate import portal_users
from sherloc_portal.accounts.mails import public_link

from ..cycle.sessions import WORKING_GROUPS
from ..dialogue.notify import localizer_of
from ..i18n import _
from .resources import ConstructiveDialogue, Registration
from .rules import local_text

#: The key in ``Registration.told`` once its registrant is told.
TOLD_NOT_CONVENED = "not-convened"

SUBJECT = _("SHERLOC: a constructive dialogue will not be convened")
BODY = _(
    "The chair of the ${group} decided not to convene the constructive "
    "dialogue planned on ${day} (${zone} time) (¶53(f)). The application of "
    "${organisation} to it is therefore closed.\n\n"
    "The dialogue's page: ${link}"
)


def not_convened(request, registrations: list[Registration]) -> int:
    """Tell each registrant of ``registrations`` (once); how many mails."""
    users = portal_users(request)
    sent = 0
    for registration in registrations:
        user = users.get(registration.login)
        if (
            TOLD_NOT_CONVENED in registration.told
            or user is None
            or not user.active
            or not user.email
        ):
            continue
        _send(request, user, registration)
        registration.told = registration.told | {TOLD_NOT_CONVENED}
        sent += 1
    return sent


def _send(request, user, registration: Registration) -> None:
    dialogue: ConstructiveDialogue = registration.dialogue
    localizer = localizer_of(request, user)
    mapping = {
        "group": localizer.translate(WORKING_GROUPS[dialogue.working_group]),
        "day": local_text(dialogue.starts_at, dialogue.timezone),
        "zone": dialogue.timezone,
        "organisation": registration.organisation.name,
        "link": public_link(request, request.resource_path(dialogue)),
    }
    request.mailer.send(
        request,
        user.email,
        localizer.translate(SUBJECT),
        localizer.translate(BODY, mapping=mapping),
    )
