"""The mails of the constructive dialogues' job (¶53(d), (e)).

Three notices, each in its reader's language:

- to the focal points of the States parties, once a list is circulated:
  the dialogue (working group, day) and a link to the list, with the date
  objections close;
- to a registrant whose application is on that list: it was circulated;
- to each registrant once objections closed: its outcome — approved,
  rejected (another stakeholder objected to, ¶53(e)) or referred to the
  Bureau of the Conference (an NGO objected to, ¶53(d)).

Mails carry links, never the list, a comment or which State objected
(SECURITY.md §11): whoever follows a link logs in and the ACLs decide.
Each is queued in the request's transaction and leaves only if it commits.
"""

from __future__ import annotations

from sherloc_portal.accounts.mails import public_link

from ..cycle.sessions import WORKING_GROUPS
from ..dialogue.notify import localizer_of
from ..i18n import _
from .resources import APPROVED, REFERRED, REJECTED, ConstructiveDialogue, Registration
from .rules import local_text

#: Keys of ``Registration.told``: a notice is mailed once.
TOLD_CIRCULATED = "circulated"
TOLD_OUTCOME = "outcome"

LIST_SUBJECT = _("SHERLOC review: the list of applicants to a constructive dialogue")
LIST_BODY = _(
    "The list of applicants to the constructive dialogue of the ${group} on "
    "${day} (${zone} time) is available:\n\n  ${link}\n\n"
    "A State party may object to an applicant until ${deadline} (${zone} time) "
    "(¶53(d), (e)). The link opens the list once you are logged in; this mail "
    "carries none of its content."
)
CIRCULATED_SUBJECT = _(
    "SHERLOC: your application to a constructive dialogue was circulated"
)
CIRCULATED_BODY = _(
    "The application of ${organisation} to the constructive dialogue of the "
    "${group} on ${day} (${zone} time) is on the list circulated to the States "
    "parties (¶53(d), (e)). You will be told the outcome after ${deadline} "
    "(${zone} time), when objections close.\n\n"
    "Your application: ${link}\n\n"
    "The link opens it once you are logged in."
)
OUTCOME_SUBJECT = _(
    "SHERLOC: the outcome of your application to a constructive dialogue"
)
OUTCOME_BODY = _(
    "The application of ${organisation} to the constructive dialogue of the "
    "${group} on ${day} (${zone} time): ${outcome}\n\n"
    "Your application: ${link}\n\n"
    "The link opens it once you are logged in."
)
OUTCOMES = {
    APPROVED: _("it is approved; no State party objected (¶53(d), (e))."),
    REJECTED: _("a State party objected, so it is not approved (¶53(e))."),
    REFERRED: _(
        "a State party objected, so the matter is referred to the Bureau of the "
        "Conference (¶53(d)). You will be told its decision."
    ),
}


def _send(request, user, subject, body, mapping: dict) -> None:
    """``subject`` and ``body`` in ``user``'s language; the working group's
    name and the ``outcome`` of ``mapping`` too."""
    localizer = localizer_of(request, user)
    mapping = {**mapping, "group": localizer.translate(mapping["group"])}
    if "outcome" in mapping:
        mapping["outcome"] = localizer.translate(mapping["outcome"])
    request.mailer.send(
        request,
        user.email,
        localizer.translate(subject),
        localizer.translate(body, mapping=mapping),
    )


def _dialogue(dialogue: ConstructiveDialogue) -> dict:
    return {
        "group": WORKING_GROUPS[dialogue.working_group],
        "day": local_text(dialogue.starts_at, dialogue.timezone),
        "zone": dialogue.timezone,
        "deadline": local_text(dialogue.objections_close, dialogue.timezone),
    }


def list_circulated(request, dialogue: ConstructiveDialogue, focal_points) -> int:
    """Mail each of ``focal_points`` the link to the list; how many mails."""
    mapping = {
        **_dialogue(dialogue),
        "link": public_link(request, request.resource_path(dialogue, "applicants")),
    }
    for user in focal_points:
        _send(request, user, LIST_SUBJECT, LIST_BODY, mapping)
    return len(focal_points)


def _registrant(users, registration: Registration, key: str):
    """The account to tell, or ``None`` (told already, gone, unconfirmed)."""
    if key in registration.told:
        return None
    user = users.get(registration.login)
    if user is None or not user.active or not user.email:
        return None
    return user


def _application(request, registration: Registration) -> dict:
    return {
        **_dialogue(registration.dialogue),
        "organisation": registration.organisation.name,
        "link": public_link(request, request.resource_path(registration)),
    }


def application_circulated(request, users, registration: Registration) -> bool:
    """Tell the registrant its application is on the list (once)."""
    user = _registrant(users, registration, TOLD_CIRCULATED)
    if user is None:
        return False
    mapping = _application(request, registration)
    _send(request, user, CIRCULATED_SUBJECT, CIRCULATED_BODY, mapping)
    registration.told = registration.told | {TOLD_CIRCULATED}
    return True


def outcome(request, users, registration: Registration) -> bool:
    """Tell the registrant how its application was settled (once)."""
    found = OUTCOMES.get(registration.status)
    user = _registrant(users, registration, TOLD_OUTCOME)
    if found is None or user is None:
        return False
    mapping = {**_application(request, registration), "outcome": found}
    _send(request, user, OUTCOME_SUBJECT, OUTCOME_BODY, mapping)
    registration.told = registration.told | {TOLD_OUTCOME}
    return True
