"""What the pages of technical assistance call things, in the reader's language."""

from __future__ import annotations

from ..dialogue.forms import place
from ..i18n import _
from ..labels import REGIONAL_GROUP_LABELS, stamp
from ..outcomes.blueprint import NEED_LABELS, PRIORITY_LABELS
from .resources import ADDRESSED, IN_PROGRESS, NOT_ADDRESSED

STATUS_LABELS = {
    NOT_ADDRESSED: _("Not addressed"),
    IN_PROGRESS: _("In progress"),
    ADDRESSED: _("Addressed"),
}


def provision(request, mechanism, instrument: str, article: str) -> str:
    """``UNTOC, article 5: <its title>`` (the title when the instruments
    list the article), translated."""
    label = place(request, instrument, article)
    found = mechanism["instruments"].get(instrument) if article else None
    found = found.get(article) if found is not None else None
    return f"{label}: {found.title}" if found is not None and found.title else label


def labels(request, mechanism) -> dict:
    translate = request.translate
    return {
        "need_labels": {k: translate(v) for k, v in NEED_LABELS.items()},
        "priority_labels": {k: translate(v) for k, v in PRIORITY_LABELS.items()},
        "status_labels": {k: translate(v) for k, v in STATUS_LABELS.items()},
        "group_labels": {k: translate(v) for k, v in REGIONAL_GROUP_LABELS.items()},
        "provision": lambda i, a: provision(request, mechanism, i, a),
        "stamp": stamp,
    }
