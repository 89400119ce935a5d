"""Pages reached through a secret link sent by mail (reset, invitation)."""

from __future__ import annotations

from ..i18n import _

#: Purposes of the single-use links sent by e-mail (``users.onetime``).
RESET_PURPOSE = "reset"
INVITATION_PURPOSE = "invitation"


def no_referrer(request) -> None:
    """Keep a secret link out of ``Referer`` headers sent from its page."""
    request.response.headers["Referrer-Policy"] = "no-referrer"


RESET_LINK_DEAD = _(
    "The link has expired or has already been used. Links sent by mail work "
    "once and for a limited time: ask for a new one below."
)


def dead_link(request, message=RESET_LINK_DEAD, offer_reset: bool = True) -> dict:
    """The page for a link that expired, was used, or never existed."""
    request.response.status = 410
    request.override_renderer = "sherloc_portal:templates/accounts/dead_link.pt"
    return {
        "page_title": _("This link no longer works"),
        "message": message,
        "offer_reset": offer_reset,
    }
