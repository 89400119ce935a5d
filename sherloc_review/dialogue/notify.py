"""E-mail notices of new messages in the dialogue (¶33, issue 5).

When a message is posted (a thread's first message included), the
participants who read the thread and chose to hear of ``each`` message get
one mail, in their own language: the officials of the participating States
that read it (focal points, experts and observers; an additional reviewer
only for the threads of its instruments, ¶28(b)) and the Secretariat
members who chose ``each`` (the Secretariat is kept abreast by the daily
digest unless it asks for more, :mod:`.digest`).  The author is not told of
its own message.  Every recipient is checked against the thread's ACL with
the principals its own request would have, so a notice never reaches
someone the thread would refuse.

A mail names the review (the State's ISO3 code and the phase number) and
the thread *number*, with a link; never the thread's title, the message's
text, its files or its author's words.  A title can be as confidential as
the text ("Allegations against the Ministry of …"), and a mail leaves the
platform's access control for good: it is stored on mail servers, forwarded
and read on a lock screen.  Whoever follows the link logs in and the
thread's ACL decides.

Finding the recipients never scans every account: the officials of each
reading State come from the officials index
(:mod:`sherloc_review.officials.resources`), and the Secretariat members
from the logins that chose ``each`` (a walk over the choices, which holds
strings only; a user object is loaded only for an ``each``).
"""

from __future__ import annotations

from pyramid.authorization import ACLHelper

from sherloc_portal.accounts.mails import public_link
from sherloc_portal.i18n import localizer_for
from sherloc_portal.security.policy import principals_of
from sherloc_portal.settings import LANGUAGES

from ..i18n import _
from ..officials.resources import INDEX_NAME as OFFICIALS_NAME
from .permissions import DialoguePermission as P
from .resources import readers_of
from .setup import preferences_of

#: A mail per message, one mail a day (:mod:`.digest`), or none.
EACH = "each"
DIGEST = "digest"
NONE = "none"
CHOICES = (EACH, DIGEST, NONE)

#: The view, on the mechanism, where each user makes its choice.
PREFERENCES_VIEW = "notifications"

SUBJECT = _("SHERLOC review: a new message in the dialogue of ${state}, phase ${phase}")
BODY = _(
    "A new message was posted in thread ${thread} of the dialogue of the "
    "review of ${state}, phase ${phase}:\n\n  ${link}\n\n"
    "The link opens the thread once you are logged in; this mail carries "
    "none of its content.\n\n"
    "To receive one mail a day instead, or none: ${preferences}"
)


def is_secretariat(user) -> bool:
    return "secretariat" in user.roles


def choice_of(preferences, user) -> str:
    """``user``'s choice: its own, else ``digest`` for the Secretariat (kept
    abreast of every review, ¶33, one mail a day rather than hundreds) and
    ``each`` for everyone else."""
    chosen = preferences.choices.get(user.login)
    if chosen in CHOICES:
        return chosen
    return DIGEST if is_secretariat(user) else EACH


def may_read(principals: list[str], thread) -> bool:
    """Whether the thread's ACL lets those principals read it."""
    return bool(ACLHelper().permits(thread, principals, P.VIEW))


def localizer_of(request, user):
    """A localizer for ``user``'s language (English when it has none)."""
    language = user.language if user.language in LANGUAGES else "en"
    return localizer_for(request, language)


def review_mapping(request, thread) -> dict:
    """What a mail may say of ``thread``: the review, the number, the link."""
    phase = thread.dialogue.phase
    return {
        "state": phase.country.iso3,
        "phase": phase.number,
        "thread": thread.number,
        "link": public_link(request, request.resource_path(thread)),
    }


def preferences_link(request, mechanism) -> str:
    return public_link(request, request.resource_path(mechanism, PREFERENCES_VIEW))


def _candidates(mechanism, users, thread) -> dict:
    """login → account: the reading States' officials and the Secretariat
    members who chose ``each`` (not yet checked against the ACL)."""
    country = thread.dialogue.country
    index = mechanism.get(OFFICIALS_NAME)
    instrument = thread.topic.instrument
    found = {}
    for iso3 in readers_of(country, (instrument,) if instrument else ()):
        entry = index.get(iso3) if index is not None else None
        for user in entry.accounts(users) if entry is not None else ():
            found[user.login] = user
    for login, chosen in preferences_of(mechanism).choices.items():
        if chosen == EACH and login not in found:
            user = users.get(login)
            if user is not None and is_secretariat(user):
                found[login] = user
    return found


def recipients(request, thread, author: str) -> list:
    """Accounts to tell of a new message in ``thread`` by ``author``."""
    mechanism = thread.dialogue.country.__parent__.__parent__
    users = mechanism.__parent__["users"]
    preferences = preferences_of(mechanism)
    return [
        user
        for login, user in sorted(_candidates(mechanism, users, thread).items())
        if login != author
        and user.active
        and user.email
        and choice_of(preferences, user) == EACH
        and may_read(principals_of(request, user), thread)
    ]


def message_posted(request, thread, message) -> None:
    """Tell the readers of ``thread`` who chose ``each`` that ``message``
    was posted: one mail each, in its language, queued in ``request.tm``
    (it leaves only if the post commits; a retried post sends once)."""
    mechanism = thread.dialogue.country.__parent__.__parent__
    mapping = {
        **review_mapping(request, thread),
        "preferences": preferences_link(request, mechanism),
    }
    for user in recipients(request, thread, message.author):
        localizer = localizer_of(request, user)
        request.mailer.send(
            request,
            user.email,
            localizer.translate(SUBJECT, mapping=mapping),
            localizer.translate(BODY, mapping=mapping),
        )
