"""Mails of the accounts slice: a link, an expiry, nothing confidential.

Each mail is written in the recipient's language (``user.language`` if set,
else the language of the request that sends it).  Links are built from
``sherloc.public_url``, never from the request's ``Host`` header, so a forged
``Host`` cannot turn a reset mail into a link to someone else's site.
"""

from __future__ import annotations

from ..i18n import _, localizer_for
from ..settings import LANGUAGES


def public_link(request, path: str) -> str:
    return request.sherloc_settings.public_url.rstrip("/") + path


def send_link_mail(request, user, subject, body, link: str, max_age: int) -> None:
    """Queue ``subject``/``body`` (translation strings) for ``user``.

    ``body`` may use ``${link}``, ``${login}`` and the link's lifetime as
    ``${hours}`` or ``${days}`` (rounded down, at least 1).
    """
    language = user.language if user.language in LANGUAGES else request.locale_name
    localizer = localizer_for(request, language)
    mapping = {
        "link": link,
        "login": user.login,
        "hours": max(1, max_age // 3600),
        "days": max(1, max_age // 86400),
    }
    request.mailer.send(
        request,
        user.email,
        localizer.translate(subject),
        localizer.translate(body, mapping=mapping),
    )


RESET_SUBJECT = _("Set a new password for the SHERLOC portal")
RESET_BODY = _(
    "Someone, probably you, asked to set a new password for the SHERLOC "
    "portal account ${login}.\n\n"
    "To choose a new password, open this link within ${hours} hours:\n\n"
    "${link}\n\n"
    "The link works once. If you did not ask for it, ignore this mail: your "
    "password stays as it is."
)
INVITATION_SUBJECT = _("You are invited to the SHERLOC portal")
INVITATION_BODY = _(
    "You have been invited to the SHERLOC portal with the login ${login}.\n\n"
    "To see the invitation and choose your password, open this link within "
    "${days} days:\n\n"
    "${link}\n\n"
    "The link works once."
)
