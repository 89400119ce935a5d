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

LEGAL_SYSTEM_LABELS = {
    "civil": _("Civil law"),
    "common": _("Common law"),
    "customary": _("Customary law"),
    "islamic": _("Islamic law"),
    "mixed": _("Mixed legal system"),
    "transitional": _("Legal system in transition"),
}

#: The Mechanism's six working languages (¶49), named in the reader's language.
LANGUAGE_LABELS = {
    "ar": _("Arabic"),
    "zh": _("Chinese"),
    "en": _("English"),
    "fr": _("French"),
    "ru": _("Russian"),
    "es": _("Spanish"),
}
