"""Words and small helpers the constructive dialogues' pages share."""

from __future__ import annotations

from datetime import datetime

from ..draws.views import state_name
from ..i18n import _
from . import rules
from .resources import (
    APPROVED,
    CIRCULATED,
    NOT_CONVENED,
    PENDING,
    REFERRED,
    REJECTED,
    UNCONFIRMED,
    WITHDRAWN,
    ConstructiveDialogue,
)

KIND_LABELS = {
    "ngo": _("Non-governmental organization"),
    "private_sector": _("Private sector"),
    "academia": _("Academia"),
    "other": _("Other stakeholder"),
}
STATUS_LABELS = {
    PENDING: _("Received, not yet circulated"),
    CIRCULATED: _("On the circulated list"),
    APPROVED: _("Approved"),
    REJECTED: _("Rejected"),
    REFERRED: _("Objected to: before the Bureau (¶53(d))"),
    WITHDRAWN: _("Withdrawn"),
    UNCONFIRMED: _("Lapsed: e-mail address never confirmed"),
    NOT_CONVENED: _("The dialogue is not convened (¶53(f))"),
}


def states_of(dialogue: ConstructiveDialogue):
    """The mechanism's States (``/review/states``)."""
    return dialogue.__parent__.__parent__["states"]


def local(dialogue: ConstructiveDialogue, moment: datetime) -> str:
    """``moment`` as the dialogue's clock reads it, ``2027-01-20 00:00``."""
    return rules.local_text(moment, dialogue.timezone)


def country_label(request, states, iso3: str) -> str:
    """An organisation's country; "International" when it has none."""
    if not iso3:
        return request.translate(_("International"))
    return state_name(states, iso3)
