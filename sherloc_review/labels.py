"""Translatable labels of the reference data's coded values."""

from .i18n import _

STATUS_LABELS = {
    "party": _("Party"),
    "signatory": _("Signatory"),
    "none": _("Not a party"),
}

CONFIDENCE_LABELS = {
    "high": _("High"),
    "medium": _("Medium"),
    "low": _("Low"),
}

REGIONAL_GROUP_LABELS = {
    "AFR": _("African States"),
    "APG": _("Asia-Pacific States"),
    "EEG": _("Eastern European States"),
    "GRULAC": _("Latin American and Caribbean States"),
    "WEOG": _("Western European and other States"),
}
